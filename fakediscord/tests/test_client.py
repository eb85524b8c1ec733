"""The loopback Discord works with the real discord.py client, CommandTree and Views."""

from __future__ import annotations

import asyncio
import io

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.app_commands import Choice

from fakediscord import FakeDiscord, FakeRole
from fakediscord.spec import load_spec

# The fixtures run on the session loop (pyproject), so the tests must too.
pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="session")]

NONE = discord.AllowedMentions.none()


class Feedback(discord.ui.Modal, title="Feedback"):
    """A one-field form that thanks the user with what they typed."""

    text = discord.ui.TextInput(label="Your text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        """Answer with the submitted text."""
        await interaction.response.send_message(f"thanks: {self.text.value}", ephemeral=True)


class Probe:
    """A discord.Client + CommandTree whose handlers record what they saw."""

    def __init__(self, *, ack_delay: float = 0.0, intents: discord.Intents | None = None) -> None:
        self.client = discord.Client(
            intents=intents or discord.Intents.default(), allowed_mentions=NONE
        )
        self.tree = app_commands.CommandTree(self.client)
        self.ready = asyncio.Event()
        self.clicked = asyncio.Event()
        self.messages: list[discord.Message] = []
        self.errors: list[BaseException] = []
        self.ack_delay = ack_delay
        self._wire()

    def _wire(self) -> None:
        probe = self

        @self.client.event
        async def on_ready() -> None:
            probe.ready.set()

        @self.client.event
        async def on_message(message: discord.Message) -> None:
            if message.author == probe.client.user:
                return
            probe.messages.append(message)
            try:
                await message.reply(f"echo: {message.content}", mention_author=False)
            except discord.HTTPException as error:
                probe.errors.append(error)

        @self.tree.command(name="ask", description="Ask a question")
        async def ask(interaction: discord.Interaction, question: str) -> None:
            await interaction.response.defer(thinking=True)
            await interaction.followup.send(f"answer to {question}")
            await interaction.followup.send("sources", ephemeral=True)

        @self.tree.command(name="long", description="Send too much")
        async def long(interaction: discord.Interaction, kind: str) -> None:
            try:
                if kind == "content":
                    await interaction.response.send_message("x" * 2001)
                else:
                    await interaction.response.send_message(embed=discord.Embed(title="t" * 257))
            except discord.HTTPException as error:
                probe.errors.append(error)
                await interaction.response.send_message("fallback")

        @self.tree.command(name="slow", description="Acknowledge late")
        async def slow(interaction: discord.Interaction) -> None:
            await asyncio.sleep(probe.ack_delay)
            try:
                await interaction.response.send_message("too late")
            except discord.HTTPException as error:
                probe.errors.append(error)

        @self.tree.command(name="buttons", description="Show a button")
        async def buttons(interaction: discord.Interaction) -> None:
            view = discord.ui.View(timeout=30)
            button = discord.ui.Button(label="More", custom_id="more")

            async def more(click: discord.Interaction) -> None:
                await click.response.edit_message(content="expanded", view=None)
                probe.clicked.set()

            button.callback = more
            view.add_item(button)
            await interaction.response.send_message("short", view=view)

        self.tree.error(self._on_error)
        self._wire_more()

    def _wire_more(self) -> None:
        admin = app_commands.Group(name="admin", description="Administration")
        config = app_commands.Group(name="config", description="Settings", parent=admin)

        @config.command(name="set", description="Set a value")
        @app_commands.checks.has_permissions(manage_guild=True)
        async def set_value(interaction: discord.Interaction, value: int) -> None:
            await interaction.response.send_message(f"set to {value}", ephemeral=True)

        @self.tree.command(name="upload", description="Echo a file")
        async def upload(interaction: discord.Interaction, file: discord.Attachment) -> None:
            data = await file.read()
            echoed = discord.File(io.BytesIO(data[::-1]), filename="reversed.txt")
            await interaction.response.send_message(data.decode(), file=echoed)

        @self.tree.command(name="search", description="Search with suggestions")
        async def search(interaction: discord.Interaction, query: str) -> None:
            await interaction.response.send_message(query)

        @search.autocomplete("query")
        async def suggest(interaction: discord.Interaction, current: str) -> list[Choice[str]]:
            return [Choice(name=f"{current} {n}", value=f"{current}-{n}") for n in range(30)][:25]

        @self.tree.command(name="feedback", description="Open a form")
        async def feedback(interaction: discord.Interaction) -> None:
            await interaction.response.send_modal(Feedback())

        self.tree.add_command(admin)

    async def _on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        self.errors.append(error)


@pytest.fixture
async def fake():
    async with FakeDiscord(ack_window=0.5) as server:
        yield server


@pytest.fixture
async def probe(fake: FakeDiscord):
    bot = Probe()
    await fake.start_client(bot.client)
    yield bot
    await fake.stop_client()


async def test_login_and_ready(fake: FakeDiscord, probe: Probe) -> None:
    """The client logs in over REST, identifies on the gateway and fires on_ready."""
    assert probe.ready.is_set()
    assert probe.client.user is not None and probe.client.user.id == fake.bot.user.id
    guild = probe.client.get_guild(fake.guild.id)
    assert guild is not None and guild.me is not None
    assert guild.member_count == len(fake.members) + 1
    assert [r.name for r in fake.requests[:2]] == ["me", "application_info"]
    assert fake.identifies == 1


async def test_sync_to_guild_is_recorded(fake: FakeDiscord, probe: Probe) -> None:
    """tree.sync(guild=...) is a PUT that the fake records and counts."""
    guild = discord.Object(fake.guild.id)
    probe.tree.copy_global_to(guild=guild)
    synced = await probe.tree.sync(guild=guild)
    names = {"ask", "long", "slow", "buttons", "upload", "search", "admin", "feedback"}
    assert {c.name for c in synced} == names
    assert fake.sync_count(fake.guild.id) == 1 and fake.command_creates(fake.guild.id) == 8
    await probe.tree.sync(guild=guild)
    assert fake.commands(fake.guild.id)[0]["guild_id"] == str(fake.guild.id)
    assert fake.sync_count(fake.guild.id) == 2 and fake.command_creates(fake.guild.id) == 8
    assert fake.sync_count(None) == 0


async def test_defer_then_followups(fake: FakeDiscord, probe: Probe) -> None:
    """A deferred slash command's followups fill the placeholder, then post, with timings."""
    iid = await fake.slash("ask", {"question": "who won?"}, user="alice")
    await fake.wait_for_request("followup_create", interaction=iid)
    seen = await fake.wait_seen(iid, lambda s: len(s.messages) == 2)
    assert seen.deferred and seen.original is not None
    assert seen.original.content == "answer to who won?" and not seen.original.ephemeral
    assert seen.followups[0].content == "sources" and seen.followups[0].ephemeral
    assert seen.original.allowed_mentions == {"parse": []}
    callback, *followups = fake.requests_for(iid)
    assert callback.name == "interaction_callback" and callback.json["type"] == 5
    assert callback.since_dispatch is not None and 0 <= callback.since_dispatch < 0.5
    assert [r.status for r in followups] == [200, 200]


async def test_overlong_content_and_embed_rejected(fake: FakeDiscord, probe: Probe) -> None:
    """Content over 2000 and an embed title over 256 get 400 Invalid Form Body (50035)."""
    for kind, field in (("content", "content"), ("embed", "embeds")):
        iid = await fake.slash("long", {"kind": kind})
        await fake.wait_seen(iid)
        error = probe.errors.pop()
        assert isinstance(error, discord.HTTPException)
        assert error.status == 400 and error.code == 50035
        rejected = fake.requests_for(iid)[0]
        assert field in rejected.response["errors"]["data"]
        assert fake.seen(iid).original.content == "fallback"
    # Both broke the spec, on purpose; without the spec beside the checkout nothing checks it.
    assert len(fake.take_violations()) == (2 if load_spec() is not None else 0)


async def test_late_acknowledgement_is_unknown_interaction(fake: FakeDiscord, probe: Probe) -> None:
    """A callback after the acknowledgement window gets 404 Unknown interaction (10062)."""
    probe.ack_delay = 0.6
    iid = await fake.slash("slow")
    request = await fake.wait_for_request("interaction_callback", interaction=iid)
    assert request.status == 404 and request.response["code"] == 10062
    assert request.since_dispatch is not None and request.since_dispatch > 0.5
    await fake.wait_until(lambda: probe.errors)
    assert isinstance(probe.errors[0], discord.NotFound) and probe.errors[0].code == 10062


async def test_button_click_reaches_view(fake: FakeDiscord, probe: Probe) -> None:
    """A click on the stored message's button runs the View callback, which edits it."""
    iid = await fake.slash("buttons")
    seen = await fake.wait_seen(iid)
    assert seen.original.custom_ids() == ["more"]
    click = await fake.click(seen.original.id, "more", user="mod")
    await asyncio.wait_for(probe.clicked.wait(), 5)
    await fake.wait_for_request("interaction_callback", interaction=click)
    assert fake.message(seen.original.id).content == "expanded"
    assert fake.interaction(click).ack_type == 7


async def test_mention_reaches_on_message(fake: FakeDiscord, probe: Probe) -> None:
    """An @mention is delivered with its content and the bot's reply is stored."""
    mid = await fake.mention("hello there", user="alice")
    reply = await fake.wait_for_message(after=mid)
    assert probe.messages[0].content.endswith("hello there")
    assert reply.content.startswith("echo:") and str(reply.message_reference["message_id"]) == str(
        mid
    )
    assert fake.client is not None and fake.client.user in probe.messages[0].mentions


async def test_auto_sharded_client_logs_in() -> None:
    """An AutoShardedClient asks GET /gateway/bot and every shard identifies."""

    class Quick(discord.AutoShardedClient):
        async def before_identify_hook(
            self, shard_id: int | None, *, initial: bool = False
        ) -> None:
            """Skip the 5 s pause between shards' IDENTIFYs."""

    async with FakeDiscord(shards=2) as fake:
        client = Quick(intents=discord.Intents.default())
        await fake.start_client(client)
        assert client.shard_count == 2 and fake.identifies == 2
        assert client.get_guild(fake.guild.id) is not None
        assert any(r.name == "gateway_bot" for r in fake.requests)
        await fake.stop_client()


async def test_subcommand_group_and_permissions(fake: FakeDiscord, probe: Probe) -> None:
    """Nested options reach the subcommand; has_permissions reads the member's bitfield."""
    iid = await fake.slash("admin config set", {"value": 7}, user="alice")
    await fake.wait_until(lambda: probe.errors)
    assert isinstance(probe.errors.pop(), app_commands.MissingPermissions)
    assert fake.interaction(iid).ack_type is None
    moderator = next(r for r in fake.guild.roles if isinstance(r, FakeRole))
    iid = await fake.slash("admin config set", {"value": 7}, user="alice", roles=[moderator])
    seen = await fake.wait_seen(iid)
    assert seen.original.content == "set to 7" and seen.original.ephemeral
    options = fake.interaction(iid).payload["data"]["options"]
    assert options[0]["type"] == 2 and options[0]["options"][0]["type"] == 1


async def test_attachment_option_and_file_upload(fake: FakeDiscord, probe: Probe) -> None:
    """The bot downloads an attachment option on loopback and uploads a file (multipart)."""
    iid = await fake.slash("upload", {"file": fake.attachment("notes.txt", b"hello file")})
    seen = await fake.wait_seen(iid)
    assert seen.original.content == "hello file"
    [attachment] = seen.original.attachments
    assert attachment["filename"] == "reversed.txt"
    [upload] = fake.requests_for(iid)[0].files
    assert upload.data == b"elif olleh"


async def test_autocomplete_returns_choices(fake: FakeDiscord, probe: Probe) -> None:
    """An autocomplete interaction gets the bot's choices back (at most 25)."""
    choices = await fake.autocomplete("search", "query", "bbc")
    assert len(choices) == 25 and choices[0] == {"name": "bbc 0", "value": "bbc-0"}


async def test_modal_open_and_submit(fake: FakeDiscord, probe: Probe) -> None:
    """A modal (callback 9) is recorded; submitting it by label reaches on_submit."""
    iid = await fake.slash("feedback")
    await fake.wait_for_request("interaction_callback", interaction=iid)
    assert fake.interaction(iid).modal["title"] == "Feedback"
    submit = await fake.submit_modal(iid, {"Your text": "great bot"})
    seen = await fake.wait_seen(submit)
    assert seen.original.content == "thanks: great bot" and seen.original.ephemeral


async def test_acknowledgement_rules_on_raw_http(fake: FakeDiscord, probe: Probe) -> None:
    """A second callback is 40060; a followup with an unknown token is 10015."""
    iid = await fake.slash("search", {"query": "q"})
    await fake.wait_seen(iid)
    record = fake.interaction(iid)
    base = discord.http.Route.BASE
    async with aiohttp.ClientSession() as http:
        url = f"{base}/interactions/{iid}/{record.token}/callback"
        async with http.post(url, json={"type": 4, "data": {"content": "again"}}) as response:
            assert response.status == 400 and (await response.json())["code"] == 40060
        url = f"{base}/webhooks/{fake.app_id}/not-a-token?wait=1"
        async with http.post(url, json={"content": "hi"}) as response:
            assert response.status == 404 and (await response.json())["code"] == 10015
            assert response.headers["Content-Type"] == "application/json"


async def test_injected_429_raises_without_via(fake: FakeDiscord, probe: Probe) -> None:
    """A 429 without a Via header is not retried: discord.py raises HTTPException."""
    fake.inject_429("message_create")
    mid = await fake.mention("hi")
    await fake.wait_for(lambda r: r.name == "message_create")
    await fake.wait_until(lambda: probe.errors)
    assert isinstance(probe.errors[0], discord.HTTPException) and probe.errors[0].status == 429
    second = await fake.mention("again")
    reply = await fake.wait_for_message(after=second)
    assert reply.content.endswith("again") and mid < second


async def test_gateway_drop_resumes(fake: FakeDiscord, probe: Probe) -> None:
    """A resumable close makes the client RESUME at resume_gateway_url; events still flow."""
    await fake.close_gateway(4000)
    await fake.wait_resumed()
    assert fake.identifies == 1
    mid = await fake.mention("after resume")
    assert (await fake.wait_for_message(after=mid)).content.endswith("after resume")


async def test_disallowed_intents_close() -> None:
    """A 4014 close on IDENTIFY raises PrivilegedIntentsRequired; discord.py is restored."""
    async with FakeDiscord() as fake:
        fake.reject_identify(4014)
        client = discord.Client(intents=discord.Intents.all())
        with pytest.raises(discord.PrivilegedIntentsRequired):
            await fake.start_client(client)
        await client.close()
    assert discord.http.Route.BASE == "https://discord.com/api/v10"
    assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == "wss://gateway.discord.gg/"


def _embed(**fields: object) -> dict[str, object]:
    return {"title": "t", **fields}


LIMIT_CASES = [
    ({"content": ""}, 50006, None),
    ({"content": "x" * 2001}, 50035, "content"),
    ({"embeds": [_embed()] * 11}, 50035, "embeds"),
    ({"embeds": [_embed(description="d" * 4097)]}, 50035, "embeds"),
    ({"embeds": [_embed(fields=[{"name": "n", "value": "v"}] * 26)]}, 50035, "embeds"),
    ({"embeds": [_embed(fields=[{"name": "", "value": "v"}])]}, 50035, "embeds"),
    ({"embeds": [_embed(footer={"text": "f" * 2049})]}, 50035, "embeds"),
    ({"embeds": [_embed(description="d" * 4000), _embed(description="d" * 2000)]}, 50035, "embeds"),
    ({"content": "c", "components": [{"type": 1, "components": []}] * 6}, 50035, "components"),
    (
        {
            "content": "c",
            "components": [
                {
                    "type": 1,
                    "components": [
                        {"type": 2, "style": 1, "label": "l" * 81, "custom_id": "c" * 101}
                    ],
                }
            ],
        },
        50035,
        "components",
    ),
]


@pytest.mark.parametrize(("body", "code", "field"), LIMIT_CASES)
async def test_limits_on_raw_http(fake: FakeDiscord, body: dict, code: int, field: str) -> None:
    """Each Discord limit is answered with 400 and Discord's error code and errors tree."""
    url = f"{discord.http.Route.BASE}/channels/{fake.channel.id}/messages"
    headers = {"Authorization": "Bot x"}
    async with aiohttp.ClientSession() as http, http.post(url, json=body, headers=headers) as resp:
        data = await resp.json()
    assert resp.status == 400 and resp.headers["Content-Type"] == "application/json"
    assert data["code"] == code and (field is None or field in data["errors"])
    assert fake.channel_messages() == []
    fake.take_violations()  # broken on purpose


async def test_reply_carries_its_reference(fake: FakeDiscord, probe: Probe) -> None:
    """A reply to the bot's message names it; with the ping its content is delivered."""
    mid = await fake.mention("first", user="alice")
    echo = await fake.wait_for_message(after=mid)
    rid = await fake.reply(echo.id, "and then?", user="alice")
    await fake.wait_for_message(after=rid)
    replied = probe.messages[-1]
    assert replied.reference is not None and replied.reference.message_id == echo.id
    assert replied.content == "and then?" and replied.type == discord.MessageType.reply
    quiet = await fake.reply(echo.id, "no ping", user="alice", ping=False)
    await fake.wait_until(lambda: probe.messages[-1].id == quiet)
    assert probe.messages[-1].content == ""  # no message-content intent, no mention


async def test_thread_messages_and_commands(fake: FakeDiscord, probe: Probe) -> None:
    """A thread opened in a channel is a discord.Thread to the bot; it can answer there."""
    thread_id = await fake.create_thread("follow-ups")
    mid = await fake.mention("in the thread", user="alice", channel_id=thread_id)
    reply = await fake.wait_for_message(after=mid, channel_id=thread_id)
    assert reply.channel_id == thread_id
    assert isinstance(probe.messages[-1].channel, discord.Thread)
    assert probe.messages[-1].channel.parent_id == fake.channel.id
    iid = await fake.slash("ask", {"question": "q"}, user="alice", channel_id=thread_id)
    seen = await fake.wait_seen(iid)
    assert seen.messages[-1].channel_id == thread_id
