"""Layer 3: the bot under Discord's rules: permissions, contexts, token lifetime, coverage scope.

Every request the bot sends here is also checked against Discord's OpenAPI spec (the loopback
Discord refuses and records what the spec does not allow; a leftover violation fails the test).
"""

from __future__ import annotations

import asyncio
import logging

import pytest

from fakediscord.models import (
    EMBED_LINKS,
    READ_MESSAGE_HISTORY,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    FakeChannel,
    FakeOverwrite,
    channel_permissions,
    default_guild,
    default_members,
)
from tests.articles import SEED_QUESTION
from tests.discord.e2e import buttons, running_bot

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="function")]


def guild_denying(permission: int) -> dict:
    """Return ``fake_options``: a guild whose #general denies ``permission`` to @everyone."""
    guild = default_guild()
    guild.channels[0].overwrites.append(FakeOverwrite(guild.id, type=0, deny=permission))
    return {"guild": guild}


async def test_mention_without_embed_links_is_plain_text(tmp_path, seed_engine):
    """Without Embed Links a mention gets the quotes as plain text (≤ 2,000), still a reply."""
    options = guild_denying(EMBED_LINKS)
    async with running_bot(tmp_path, seed_engine, fake_options=options) as (fake, _bot):
        mid = await fake.mention(SEED_QUESTION, user="alice")
        reply = await fake.wait_for_message(after=mid)
        assert reply.embeds == [] and "$700" in reply.content and len(reply.content) <= 2000
        assert "The Washington Post" in reply.content
        assert int(reply.message_reference["message_id"]) == mid
        assert list(buttons(reply)) == ["More", "👍", "👎"]
        assert all(r.status < 400 for r in fake.requests)


async def test_mention_without_send_messages_stays_quiet(tmp_path, seed_engine, caplog):
    """Without Send Messages the bot sends nothing, logs once, and /ask still works there."""
    options = guild_denying(SEND_MESSAGES)
    async with running_bot(tmp_path, seed_engine, fake_options=options) as (fake, bot):
        with caplog.at_level(logging.WARNING, logger="bot.ask.mentions"):
            await fake.mention(SEED_QUESTION, user="alice")
            await fake.mention("what did the ACLU say?", user="alice")
            iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
            assert "$700" in (await fake.wait_seen(iid)).text
        assert not [r for r in fake.requests if r.name in ("message_create", "typing")]
        quiet = [r for r in caplog.records if "Not answering mentions" in r.getMessage()]
        assert len(quiet) == 1 and "Send Messages" in quiet[0].getMessage()
        assert not bot.is_closed()


async def test_channel_the_bot_cannot_see_sends_it_nothing(tmp_path, seed_engine):
    """Without View Channel the bot never receives the mention, and answers elsewhere as usual."""
    guild = default_guild()
    hidden = FakeChannel(name="staff", overwrites=[FakeOverwrite(guild.id, deny=VIEW_CHANNEL)])
    guild.channels.append(hidden)
    async with running_bot(tmp_path, seed_engine, fake_options={"guild": guild}) as (fake, _bot):
        await fake.mention(SEED_QUESTION, user="alice", channel_id=hidden.id)
        mid = await fake.mention(SEED_QUESTION, user="alice")
        reply = await fake.wait_for_message(after=mid)
        assert int(reply.message_reference["message_id"]) == mid
        assert fake.channel_messages(hidden.id)[-1].author.id != fake.bot.user.id
        assert not [r for r in fake.requests if str(hidden.id) in r.path]


async def test_mention_without_read_history_is_posted_without_reference(tmp_path, seed_engine):
    """Without Read Message History the answer is posted in the channel, not as a reply."""
    options = guild_denying(READ_MESSAGE_HISTORY)
    async with running_bot(tmp_path, seed_engine, fake_options=options) as (fake, _bot):
        mid = await fake.mention(SEED_QUESTION, user="alice")
        reply = await fake.wait_for_message(after=mid)
        assert reply.message_reference is None and "$700" in reply.text and reply.embeds
        assert all(r.status < 400 for r in fake.requests)


async def test_permission_lost_after_login_falls_back_on_403(tmp_path, seed_engine):
    """Embed Links removed without the bot knowing: Discord's 403 (50013) leads to plain text."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        fake.channel.overwrites.append(FakeOverwrite(fake.guild.id, type=0, deny=EMBED_LINKS))
        mid = await fake.mention(SEED_QUESTION, user="alice")
        reply = await fake.wait_for_message(after=mid)
        refused = [r for r in fake.requests if r.name == "message_create" and r.status == 403]
        assert [r.response["code"] for r in refused] == [50013]
        assert reply.embeds == [] and "$700" in reply.content


async def test_mention_shows_typing_first(tmp_path, seed_engine):
    """The typing indicator is sent before the answer to a mention."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        mid = await fake.mention(SEED_QUESTION, user="alice")
        await fake.wait_for_message(after=mid)
        names = [r.name for r in fake.requests if r.name in ("typing", "message_create")]
        assert names[:2] == ["typing", "message_create"]


async def test_app_permissions_follow_roles_and_overwrites(tmp_path, seed_engine):
    """Interactions carry the bot's channel permissions, derived from roles and overwrites."""
    options = guild_denying(EMBED_LINKS)
    async with running_bot(tmp_path, seed_engine, fake_options=options) as (fake, _bot):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        seen = await fake.wait_seen(iid)
        app = int(fake.interaction(iid).payload["app_permissions"])
        assert app == channel_permissions(fake.guild, fake.bot, fake.channel)
        assert not app & EMBED_LINKS and app & SEND_MESSAGES
        assert "$700" in seen.text  # interaction replies do not need the channel's permissions


async def test_commands_declare_where_they_work(tmp_path, seed_engine):
    """/ask: servers, the bot's DMs, user installs; /coverage: servers that installed the bot."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        commands = {c["name"]: c for c in fake.commands(fake.guild.id)}
        assert sorted(commands["ask"]["contexts"]) == [0, 1, 2]
        assert sorted(commands["ask"]["integration_types"]) == [0, 1]
        assert commands["coverage"]["contexts"] == [0]
        assert commands["coverage"]["integration_types"] == [0]


@pytest.mark.parametrize("where", ["bot_dm", "private_channel", "guild_user_install"])
async def test_ask_answers_outside_the_bots_servers(tmp_path, seed_engine, where):
    """/ask from the bot's DM, a DM between users and a server without the bot is answered."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice", where=where)
        payload = fake.interaction(iid).payload
        assert ("member" in payload) == (where == "guild_user_install")
        answer = (await fake.wait_seen(iid)).messages[-1]
        assert "$700" in answer.text and answer.embeds
        up = await fake.click(answer.id, buttons(answer)["👍"]["custom_id"], user="alice")
        assert "recorded" in (await fake.wait_seen(up)).text


@pytest.mark.parametrize("where", ["bot_dm", "guild_user_install"])
async def test_coverage_refused_outside_installed_servers(tmp_path, seed_engine, where):
    """/coverage from a DM or through a member's own install is refused with one sentence."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        iid = await fake.slash("coverage reload", user="mod", where=where, permissions=1 << 5)
        refusal = (await fake.wait_seen(iid)).messages[-1]
        assert refusal.ephemeral and refusal.content == "This command only works in a server."


async def test_buttons_deadline_is_absolute(tmp_path, seed_engine):
    """A click does not restart the buttons' time: they are disabled at the original deadline."""
    async with running_bot(tmp_path, seed_engine, button_timeout_seconds=2.0) as (fake, _bot):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        answer = (await fake.wait_seen(iid)).messages[-1]
        await _sleep_until(fake, iid, 1.2)
        up = await fake.click(answer.id, buttons(answer)["👍"]["custom_id"], user="alice")
        await fake.wait_seen(up)
        edit = await fake.wait_for(
            lambda r: r.name == "webhook_message_edit" and r.interaction_id == iid, timeout=5.0
        )
        # Restarted by the click, the timeout would end at 1.2 + 2.0 s at the earliest.
        assert edit.since_dispatch is not None and edit.since_dispatch < 3.0
        assert all(b.get("disabled") for b in buttons(fake.message(answer.id)).values())


async def _sleep_until(fake, iid: int, seconds: float) -> None:
    loop = asyncio.get_running_loop()
    wait = fake.interaction(iid).dispatched_at + seconds - loop.time()
    if wait > 0:
        await asyncio.sleep(wait)


def two_guilds() -> dict:
    """Return ``fake_options`` for two guilds, ``mod`` a moderator in both."""
    first, second = default_guild(), default_guild()
    second.name = "Second Guild"
    members = default_members(first)
    members[1].roles.append(second.roles[0].id)
    return {"guild": first, "other_guilds": [second], "members": members}


async def test_coverage_changes_refused_with_two_servers_and_none_named(tmp_path, seed_engine):
    """In two servers with none named, changes are refused with why and how; reading works."""
    async with running_bot(tmp_path, seed_engine, fake_options=two_guilds()) as (fake, bot):
        assert len(bot.guilds) == 2
        iid = await fake.slash("coverage reload", user="mod")
        refusal = (await fake.wait_seen(iid)).messages[-1].content
        assert "shared by all 2 servers" in refusal
        assert f"COVERBOT_COVERAGE_GUILD_IDS=[{fake.guild.id}]" in refusal
        status = await fake.slash("coverage status", user="mod")
        assert seed_engine.info().version in (await fake.wait_seen(status)).text
        second = fake.store.other_guilds[0].channels[0].id
        ask = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice", channel_id=second)
        assert "$700" in (await fake.wait_seen(ask)).text


async def test_coverage_changes_only_from_named_servers(tmp_path, make_engine, seed_corpus):
    """With the first server named, its moderators reload; the second server's are refused."""
    engine = make_engine(seed_corpus)
    options = two_guilds()
    named = [options["guild"].id]
    async with running_bot(
        tmp_path, engine, corpus_dir=seed_corpus, coverage_guild_ids=named, fake_options=options
    ) as (fake, _bot):
        second = fake.store.other_guilds[0].channels[0].id
        for command in ("coverage reload", "coverage feedback", "coverage restore"):
            iid = await fake.slash(command, user="mod", channel_id=second)
            refusal = (await fake.wait_seen(iid)).messages[-1].content
            assert "is not among them" in refusal, command
        iid = await fake.slash("coverage reload", user="mod")
        assert (
            "Reload finished"
            in (await fake.wait_seen(iid, lambda s: "Reload finished" in s.text)).text
        )
