"""Layer 3: replies, thread mentions, /ask in a thread or DM continue the earlier answer."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
import sqlite3

import pytest

from bot.__main__ import build_bot
from fakediscord import FakeDiscord
from tests.articles import SEED_CORPUS, write_article
from tests.discord.e2e import TOKEN, running_bot
from tests.discord.harness import make_settings

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="function")]

FIRST = "What did IBM announce?"


async def _mention_answer(fake, question, channel_id=None):
    mid = await fake.mention(question, user="alice", channel_id=channel_id)
    return await fake.wait_for_message(after=mid, channel_id=channel_id)


async def test_reply_to_an_answer_is_read_in_context(tmp_path, seed_engine):
    """Replying "what about Microsoft?" to IBM's answer asks what Microsoft announced."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        answer = await _mention_answer(fake, FIRST)
        rid = await fake.reply(answer.id, "what about Microsoft?", user="alice")
        reply = await fake.wait_for_message(after=rid)
        assert int(reply.message_reference["message_id"]) == rid
        assert "Read as: What did Microsoft announce?" in reply.content
        assert "Microsoft" in reply.text
        rid = await fake.reply(reply.id, "and Google?", user="alice")
        refused = await fake.wait_for_message(after=rid)
        assert "The coverage does not mention Google." in refused.text
        assert "Read as: What did Google announce?" in refused.content


async def test_self_contained_reply_is_answered_as_alone(tmp_path, seed_engine):
    """A reply that names its own subject gets no "Read as" line and the answer it gets alone."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        alone = await _mention_answer(fake, "What did Bezos post on Instagram?")
        answer = await _mention_answer(fake, FIRST)
        rid = await fake.reply(answer.id, "What did Bezos post on Instagram?", user="alice")
        reply = await fake.wait_for_message(after=rid)
        assert "Read as" not in reply.content
        assert reply.embeds == alone.embeds


async def test_reply_without_its_text_is_left_alone(tmp_path, seed_engine):
    """A reply that does not ping the bot reaches it without text: the bot says nothing."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        answer = await _mention_answer(fake, FIRST)
        rid = await fake.reply(answer.id, "why?", user="alice", ping=False)
        second = await fake.mention("Who is Ron Wyden?", user="alice")
        reply = await fake.wait_for_message(after=rid)
        assert int(reply.message_reference["message_id"]) == second


async def test_thread_mention_and_ask_continue_the_threads_answer(tmp_path, seed_engine):
    """In a thread, a mention and then /ask continue the bot's latest answer there."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        thread = await fake.create_thread("ibm")
        await _mention_answer(fake, FIRST, channel_id=thread)
        when = await _mention_answer(fake, "when?", channel_id=thread)
        assert "Read as: When did IBM announce?" in when.content
        iid = await fake.slash("ask", {"question": "why?"}, user="alice", channel_id=thread)
        why = (await fake.wait_seen(iid)).messages[-1]
        assert "Read as: Why did IBM announce?" in why.content
        outside = await _mention_answer(fake, "why?")
        assert "Read as" not in outside.content and "does not" in outside.text


async def test_ask_in_a_dm_continues_the_dm(tmp_path, seed_engine):
    """Two /ask in the bot's DM are one conversation."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        dm = 1_234_567_890_123_456_789
        first = await fake.slash("ask", {"question": FIRST}, where="bot_dm", channel_id=dm)
        await fake.wait_seen(first)
        iid = await fake.slash(
            "ask", {"question": "what about Microsoft?"}, where="bot_dm", channel_id=dm
        )
        answer = (await fake.wait_seen(iid)).messages[-1]
        assert "Read as: What did Microsoft announce?" in answer.content


async def test_context_survives_a_restart(tmp_path, seed_engine):
    """The questions behind an answer are on disk: a reply after a restart is still in context."""
    settings = make_settings(tmp_path)
    async with FakeDiscord(token=TOKEN) as fake:
        await fake.start_client(build_bot(settings, seed_engine), token=TOKEN)
        answer = await _mention_answer(fake, FIRST)
        await fake.stop_client()
        await fake.start_client(build_bot(settings, seed_engine), token=TOKEN)
        try:
            rid = await fake.reply(answer.id, "what about Microsoft?", user="alice")
            reply = await fake.wait_for_message(after=rid)
            assert "Read as: What did Microsoft announce?" in reply.content
        finally:
            await fake.stop_client()
    with sqlite3.connect(settings.data_dir / "conversations.sqlite3") as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(answers)")]
    assert columns == ["message_id", "channel_id", "turns", "created"]  # nothing about members


async def test_context_expires(tmp_path, seed_engine):
    """After COVERBOT_CONVERSATION_HOURS a reply is answered alone."""
    async with running_bot(tmp_path, seed_engine, conversation_hours=0.5 / 3600) as (fake, _bot):
        answer = await _mention_answer(fake, FIRST)
        await asyncio.sleep(0.6)
        rid = await fake.reply(answer.id, "what about Microsoft?", user="alice")
        reply = await fake.wait_for_message(after=rid)
        assert "Read as" not in reply.content


async def test_whats_new_lists_this_weeks_articles(tmp_path, make_engine):
    """Asking "what happened this week?" lists the week's articles with their lead sentence."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    today = dt.datetime.now(dt.UTC).date().isoformat()
    write_article(
        corpus,
        "ferry.md",
        "Ferry fares frozen",
        "The city froze ferry fares on Tuesday, the transit board said. Fares had risen twice.",
        published=today,
        outlet="Harbor Times",
    )
    engine = make_engine(corpus)
    async with running_bot(tmp_path, engine, corpus_dir=corpus) as (fake, _bot):
        iid = await fake.slash("ask", {"question": "what happened this week?"}, user="alice")
        news = (await fake.wait_seen(iid)).messages[-1]
        fields = news.embeds[0]["fields"]
        assert [f["name"] for f in fields] == ["Ferry fares frozen"]
        assert (
            "The city froze ferry fares on Tuesday, the transit board said." in fields[0]["value"]
        )
        assert f"Harbor Times · {today}" in fields[0]["value"]
