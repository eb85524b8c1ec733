"""A Discord (REST + gateway) served on 127.0.0.1 for end-to-end tests of a discord.py bot.

A library of its own (README.md, ``tests/``, ``__version__``): coverbot's tests import it as any
other. The unmodified discord.py client logs in to it; only ``discord.http.Route.BASE`` and
``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` are patched, and only while it runs.

Start (tests using an async ``fake`` fixture must share its loop: pyproject makes fixtures
session-scoped, so mark tests ``@pytest.mark.asyncio(loop_scope="session")``)::

    async with FakeDiscord() as fake:                  # default guild, #general, alice + mod
        bot = MyBot(intents=discord.Intents.default())
        await fake.start_client(bot)                   # bot.start() in a task, waits for ready
        await bot.tree.sync(guild=discord.Object(fake.guild.id))
        assert fake.sync_count(fake.guild.id) == 1     # commands(guild_id), command_creates()
        ...
        await fake.stop_client()                       # also done on exit

    FakeDiscord(guild=FakeGuild(...), members=[FakeMember(...)], shards=2, ack_window=0.3,
                token="x")                             # token: other tokens get 401 / 4004
    FakeDiscord(other_guilds=[FakeGuild(...)])         # the bot in several guilds
    FakeChannel(overwrites=[FakeOverwrite(guild.id, type=0, deny=EMBED_LINKS)])

Discord's OpenAPI spec (``spec.py``, read from ``../shared/discord-api-spec``) checks every
request: one it does not allow is answered 400 (50035, errors tree) and kept; whatever is left in
``fake.take_violations()`` when the ``async with`` ends fails the test. The fake's own gateway
payloads and REST answers are checked too. ``FakeDiscord(spec_check=False)`` turns it off.

Permissions come from roles and channel overwrites, as Discord computes them: interactions carry
the member's channel ``permissions`` and the bot's as ``app_permissions``; a channel message, a
reply, an embed, a file or typing without the permission it needs is answered 403 (50001 without
View Channel, else 50013); MESSAGE_CREATE reaches the bot only where it can view the channel.

Act as a user (``user=`` takes a FakeMember, user id, username, or None = first member)::

    iid = await fake.slash("ask", {"question": "..."}, user="alice", permissions=0x20)
    iid = await fake.slash("ask", {...}, where="bot_dm")   # or private_channel, guild_user_install
    iid = await fake.slash("admin reload", {"force": True}, roles=[role_id])   # group/sub
    iid = await fake.slash("upload", {"file": fake.attachment("a.txt", b"hi")})
    choices = await fake.autocomplete("ask", "outlet", "bb", {"question": "q"})
    iid2 = await fake.click(message_id, "next", user="alice")      # button on a stored message
    iid3 = await fake.click(message_id, "pick", values=["a"])      # select menu
    iid4 = await fake.submit_modal(iid, {"field": "text"})         # the modal iid's callback opened
    mid = await fake.mention("what about X?", user="alice")        # MESSAGE_CREATE with @bot
    mid = await fake.post("no mention")                            # content only with the intent
    rid = await fake.reply(mid, "and why?", user="alice")          # ping=False: text not sent
    tid = await fake.create_thread("follow-ups")                   # THREAD_CREATE; channel_id=tid

Read what the bot sent::

    seen = await fake.wait_seen(iid)         # waits for a visible, non-"thinking" response
    seen.original, seen.followups, seen.messages, seen.text, seen.deferred
    msg.content, msg.embeds, msg.components, msg.allowed_mentions, msg.ephemeral, msg.text
    fake.interaction(iid).ack_type / .ack_delay / .callbacks / .choices / .modal
    req = await fake.wait_for_request("followup_create", interaction=iid)
    req = await fake.wait_for(lambda r: r.name == "message_create" and r.status == 200)
    req.method, req.route, req.name, req.query, req.json, req.files, req.status, req.response,
    req.since_dispatch                       # seconds after the interaction was dispatched
    fake.requests, fake.requests_for(iid), fake.message(mid)
    reply = await fake.wait_for_message(after=mid)   # a bot message in the channel
    fake.channel_messages()                  # live, non-ephemeral, oldest first
    await fake.wait_until(lambda: handler_ran)   # poll a bot-side condition

Route names: me, application_info, gateway, gateway_bot, {global,guild}_commands_{put,get},
{global,guild}_command_create, interaction_callback, followup_create,
webhook_message_{get,edit,delete}, message_{create,get,edit,delete}, messages_list, typing,
reaction_add, channel_get, guild_get, member_get, user_get, unknown (404, still recorded).

Failures::

    fake.inject_429("message_create", count=1)   # no Via header: discord.py raises HTTPException
    fake.inject_error("followup_create", ApiError(500, 0, "boom"))
    fake.reject_identify(4014)                   # start_client raises PrivilegedIntentsRequired
    await fake.close_gateway(4000); await fake.wait_resumed()

Limits answered like Discord (400 code 50035 with an ``errors`` tree; empty message: 50006):
content 2000; 10 embeds; title 256, description 4096, 25 fields (name 256, value 1024, both
required), footer 2048, author 256, all embeds 6000; 5 action rows of 5 buttons, custom_id 100,
label 80, one select per row, select options 25; 25 autocomplete choices; modal title 45;
allowed_mentions parse/list exclusivity. Acknowledgement after ``ack_window`` (3 s): 404 10062;
a second callback: 400 40060; webhook token before ack / unknown: 404 10015.
"""

from .errors import ApiError
from .facade import FakeDiscord
from .models import (
    FakeAttachment,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeOverwrite,
    FakeRole,
    FakeUser,
)
from .state import InteractionRecord, RecordedRequest, Seen, StoredMessage

__version__ = "1.0.0"
"""Bumped when the fake changes in a way a test using it could notice (semantic versioning)."""

__all__ = [
    "ApiError",
    "FakeAttachment",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeMember",
    "FakeOverwrite",
    "FakeRole",
    "FakeUser",
    "InteractionRecord",
    "RecordedRequest",
    "Seen",
    "StoredMessage",
]
