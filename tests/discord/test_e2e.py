"""Layer 3: the unmodified discord.py client against a Discord served on loopback."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from tests.articles import SEED_QUESTION, add_fillers, add_ibm_article, write_article
from tests.discord.e2e import buttons, last_message, running_bot

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="function")]

NONE_PARSED = {"parse": []}


async def test_commands_synced_to_guild_on_start(tmp_path, seed_engine):
    """With a guild configured, the commands are synced to it once at start, never globally."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        assert fake.sync_count(fake.guild.id) == 1 and fake.sync_count(None) == 0
        commands = {c["name"]: c for c in fake.commands(fake.guild.id)}
        assert set(commands) >= {"ask", "coverage"}
        coverage = commands["coverage"]
        assert int(coverage["default_member_permissions"]) == 32
        subs = {o["name"] for o in coverage["options"]}
        assert subs >= {"reload", "status", "sources", "feedback"}


async def test_ask_quotes_within_ack_window(tmp_path, seed_engine):
    """/ask is acknowledged well within 3 s and answered with the $700 quote, mentions off."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        seen = await fake.wait_seen(iid)
        assert seen.deferred and fake.interaction(iid).ack_delay < 1.0
        answer = seen.messages[-1]
        assert "$700" in answer.text and "**" in answer.embeds[0]["description"]
        assert answer.embeds[0]["footer"]["text"].startswith("The Washington Post · 2020-06-10")
        assert answer.allowed_mentions == NONE_PARSED
        assert list(buttons(answer)) == ["More", "👍", "👎"]


async def test_mention_gets_reply(tmp_path, seed_engine):
    """A message mentioning the bot gets the same answer as a reply, without content intent."""
    async with running_bot(tmp_path, seed_engine) as (fake, bot):
        assert not bot.intents.message_content
        mid = await fake.mention(SEED_QUESTION, user="alice")
        reply = await fake.wait_for_message(after=mid)
        assert reply.message_reference and int(reply.message_reference["message_id"]) == mid
        assert "$700" in reply.text
        assert reply.allowed_mentions == {"parse": [], "replied_user": False}


async def test_more_button_shows_next_passages(tmp_path, seed_engine):
    """Full style: More posts further passages and is disabled once they run out."""
    async with running_bot(tmp_path, seed_engine, answers_shown=3, answer_style="full") as (
        fake,
        _bot,
    ):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        answer = (await fake.wait_seen(iid)).messages[-1]
        first_quotes = {e["description"] for e in answer.embeds}
        click = await fake.click(answer.id, buttons(answer)["More"]["custom_id"], user="alice")
        more = (await fake.wait_seen(click, lambda s: bool(s.followups))).followups[-1]
        assert more.content.startswith("More passages")
        assert more.embeds and not first_quotes & {e["description"] for e in more.embeds}
        assert more.allowed_mentions == NONE_PARSED
        click = await fake.click(answer.id, buttons(answer)["More"]["custom_id"], user="alice")
        await fake.wait_seen(click, lambda s: bool(s.followups))
        assert buttons(fake.message(answer.id))["More"].get("disabled") is True


async def test_feedback_buttons_record_and_summarise(tmp_path, seed_engine):
    """👍 and 👎 are stored with a hashed user id, and /coverage feedback summarises them."""
    async with running_bot(tmp_path, seed_engine) as (fake, bot):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        answer = (await fake.wait_seen(iid)).messages[-1]
        up = await fake.click(answer.id, buttons(answer)["👍"]["custom_id"], user="alice")
        thanks = last_message(fake, (await fake.wait_seen(up)).interaction.id)
        assert thanks.ephemeral and "recorded" in thanks.content
        down = await fake.click(answer.id, buttons(answer)["👎"]["custom_id"], user="mod")
        await fake.wait_seen(down)
        db = bot.settings.data_dir / "feedback.sqlite3"
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT question, shown, vote, user_hash FROM votes").fetchall()
        assert sorted(r[2] for r in rows) == [-1, 1]
        assert all(r[0] == SEED_QUESTION and "$700" in r[1] for r in rows)
        alice = next(m for m in fake.members if m.user.username == "alice")
        assert all(len(r[3]) == 64 and str(alice.user.id) not in r[3] for r in rows)
        iid = await fake.slash("coverage feedback", user="mod")
        summary = (await fake.wait_seen(iid)).messages[-1]
        assert "👍 1 · 👎 1" in summary.text and SEED_QUESTION in summary.text


async def test_reload_moderator_and_not(tmp_path, make_engine, seed_corpus):
    """Alice is refused /coverage reload; mod (Manage Server role) gets progress and a report."""
    engine = make_engine(seed_corpus)
    add_ibm_article(seed_corpus)
    async with running_bot(tmp_path, engine, corpus_dir=seed_corpus) as (fake, _bot):
        iid = await fake.slash("coverage reload", user="alice")
        refused = (await fake.wait_seen(iid)).messages[-1]
        assert refused.ephemeral and "Only moderators" in refused.content
        assert engine.info().articles == 1
        iid = await fake.slash("coverage reload", user="mod")
        seen = await fake.wait_seen(iid, lambda s: "Reload finished" in s.text)
        assert seen.deferred
        assert "ibm.md" in seen.text and "added 1" in seen.text
        assert engine.info().articles == 2


async def test_question_during_reload_is_answered(tmp_path, make_engine, seed_corpus):
    """While a reload runs, /ask is answered from the old index and a second reload is refused."""
    engine = make_engine(seed_corpus)
    add_fillers(seed_corpus, 60)
    async with running_bot(tmp_path, engine, corpus_dir=seed_corpus) as (fake, _bot):
        reload = await fake.slash("coverage reload", user="mod")
        while not engine.rebuilding:
            await asyncio.sleep(0.01)
        again = await fake.slash("coverage reload", user="mod")
        ask = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        answered = await fake.wait_seen(ask)
        assert "$700" in answered.text and engine.rebuilding
        assert "already running" in (await fake.wait_seen(again)).text
        done = await fake.wait_seen(reload, lambda s: "Reload finished" in s.text, timeout=120)
        assert "added 60" in done.text
        assert done.original is not None and done.original.edits >= 2


async def test_status_and_sources_pagination(tmp_path, make_engine, seed_corpus):
    """/coverage status shows the index; /coverage sources pages through 25 articles."""
    for i in range(24):
        write_article(seed_corpus, f"a{i:02}.md", f"Article {i:02}", f"Short story number {i}.")
    engine = make_engine(seed_corpus)
    async with running_bot(tmp_path, engine, corpus_dir=seed_corpus) as (fake, _bot):
        status = (await fake.wait_seen(await fake.slash("coverage status", user="mod"))).text
        assert engine.info().version in status and "25" in status
        iid = await fake.slash("coverage sources", user="mod")
        page = (await fake.wait_seen(iid)).messages[-1]
        assert "Page 1/3" in page.text and "1. " in page.text
        assert buttons(page)["◀"].get("disabled") is True
        click = await fake.click(page.id, buttons(page)["▶"]["custom_id"], user="mod")
        await fake.wait_seen(click)
        turned = fake.message(page.id)
        assert "Page 2/3" in turned.text and "11. " in turned.text


async def test_oversized_passages_fit_discord_limits(tmp_path, seed_engine):
    """Five long passages in one answer are trimmed at sentence boundaries and accepted."""
    async with running_bot(tmp_path, seed_engine, answers_shown=5, answer_style="full") as (
        fake,
        _bot,
    ):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        answer = (await fake.wait_seen(iid)).messages[-1]
        descriptions = [e["description"] for e in answer.embeds]
        assert len(descriptions) == 5
        assert sum(len(e.get("title", "")) + len(e["description"]) for e in answer.embeds) < 6000
        assert any(d.endswith("…") or d.startswith("…") for d in descriptions)
        for d in descriptions:
            inner = d.strip("… ").replace("**", "")
            assert inner[-1] in '.!?”’")'
        assert all(r.status < 400 for r in fake.requests_for(iid))


async def test_quoted_everyone_is_inert(tmp_path, make_engine):
    """An article quoting @everyone is shown verbatim with every mention disabled."""
    corpus = tmp_path / "corpus-everyone"
    write_article(
        corpus,
        "ping.md",
        "The town crier's message",
        "The town crier posted "
        "@everyone to announce that the harbour bridge will close for repairs in May.",
    )
    engine = make_engine(corpus)
    async with running_bot(tmp_path, engine, corpus_dir=corpus) as (fake, _bot):
        iid = await fake.slash("ask", {"question": "When will the harbour bridge close?"})
        answer = (await fake.wait_seen(iid)).messages[-1]
        assert "@everyone" in answer.text
        assert answer.allowed_mentions == NONE_PARSED
        mid = await fake.mention("@everyone when will the harbour bridge close?")
        reply = await fake.wait_for_message(after=mid)
        assert "@everyone" in reply.text and reply.allowed_mentions["parse"] == []


async def test_buttons_disabled_when_view_times_out(tmp_path, seed_engine):
    """When the buttons time out, the answer is edited so that every button is disabled."""
    async with running_bot(tmp_path, seed_engine, button_timeout_seconds=0.3) as (fake, _bot):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        answer = (await fake.wait_seen(iid)).messages[-1]
        assert not any(b.get("disabled") for b in buttons(answer).values())
        await fake.wait_for(lambda r: r.name == "webhook_message_edit" and r.status == 200)
        edited = fake.message(answer.id)
        assert edited.embeds == answer.embeds
        assert all(b.get("disabled") is True for b in buttons(edited).values())


async def test_empty_mention_explains_and_bots_are_ignored(tmp_path, seed_engine):
    """A bare mention gets a hint on how to ask; the bot's own messages are never answered."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        mid = await fake.mention("", user="alice")
        hint = await fake.wait_for_message(after=mid)
        assert "Ask me about the coverage" in hint.content
        assert hint.allowed_mentions == {"parse": [], "replied_user": False}
        await asyncio.sleep(0.2)
        assert fake.channel_messages()[-1].id == hint.id


async def test_other_mentions_emoji_and_timestamps_are_not_read_as_the_question(
    tmp_path, seed_engine
):
    """A member tags a friend or the channel, or adds a custom emoji: the question is the same.

    An id or emoji name searched for as a word would weigh like a name and sink the question
    under the evidence threshold ("The coverage does not ...").
    """
    friend, channel = "<@123456789012345678>", "<#223456789012345678>"
    noise = f"{friend} {channel} <:hmm:323456789012345678> <t:1718000000:R>"
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        mid = await fake.mention(f"{noise} how long is the moratorium?", user="alice")
        reply = await fake.wait_for_message(after=mid)
        assert "year" in reply.text and "does not" not in reply.text
        iid = await fake.slash("ask", {"question": f"{friend} how long is the moratorium?"})
        answer = (await fake.wait_seen(iid)).messages[-1]
        assert "year" in answer.text and answer.allowed_mentions == NONE_PARSED
        bare = await fake.mention(f"{friend} {channel}", user="alice")
        hint = await fake.wait_for_message(after=bare)
        assert "Ask me about the coverage" in hint.content


async def test_explicit_sync_registers_globally(tmp_path, seed_engine):
    """`coverbot sync` logs in, registers the commands once globally, and never connects."""
    from bot.__main__ import sync
    from fakediscord import FakeDiscord
    from tests.discord.e2e import TOKEN
    from tests.discord.harness import make_settings

    async with FakeDiscord(token=TOKEN) as fake:
        count = await sync(make_settings(tmp_path), None)
        assert count >= 2 and fake.sync_count(None) == 1 and fake.sync_count(fake.guild.id) == 0
        assert {c["name"] for c in fake.commands(None)} >= {"ask", "coverage"}
        assert fake.identifies == 0


async def test_sharded_bot_answers(tmp_path, seed_engine):
    """With sharding configured the AutoShardedBot connects and answers /ask."""
    async with running_bot(tmp_path, seed_engine, sharded=True) as (fake, bot):
        assert bot.shard_count == 1 and fake.identifies == 1
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        assert "$700" in (await fake.wait_seen(iid)).text
