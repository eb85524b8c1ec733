"""The conversation store and the "Read as" and news replies, without a bot or a model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import discord

from bot.ask.conversations import ConversationStore
from bot.ask.followups import earlier_turns, news_reply, turns_after, with_context
from bot.formatting import limits
from bot.formatting.answers import Reply
from index.records import Answer, News, NewsItem


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        """Return the time set."""
        return self.now


def test_store_keeps_the_last_two_questions_per_answer_until_they_expire(tmp_path: Path) -> None:
    """An answer's questions are found by message and by channel, then forgotten after the TTL."""
    clock = Clock()
    store = ConversationStore(tmp_path / "c.sqlite3", ttl_seconds=60, clock=clock)
    assert store.after_message(1) == () and store.latest_in(9) == ()
    store.remember(1, 9, ["a?", "b?", "c?"])
    clock.now += 10
    store.remember(2, 9, ["d?"])
    assert store.after_message(1) == ("b?", "c?")
    assert store.latest_in(9) == ("d?",)
    clock.now += 55
    assert store.after_message(1) == () and store.latest_in(9) == ("d?",)
    reopened = ConversationStore(tmp_path / "c.sqlite3", ttl_seconds=60, clock=clock)
    assert reopened.after_message(2) == ("d?",)


def test_turns_after_keep_the_question_as_read() -> None:
    """The question kept for an answer is the one the engine asked."""
    read = Answer("why?", (), read_as="Why did IBM announce?")
    assert turns_after(("What did IBM announce?",), read)[-1] == "Why did IBM announce?"
    assert turns_after((), Answer("Who?", ())) == ("Who?",)


def test_read_as_line_is_added_once_and_fits() -> None:
    """The reading goes under the question, escaped, within Discord's content limit."""
    answer = Answer("why?", (), read_as="Why did *IBM* announce? " * 40)
    reply = with_context(answer, Reply("**Q:** why?" + "x" * 1990))
    assert reply.content is not None and len(reply.content) <= limits.CONTENT
    assert "\n*Read as: Why did \\*IBM\\* announce?" in reply.content
    plain = Reply("**Q:** Who?")
    assert with_context(Answer("Who?", ()), plain) is plain


def test_news_reply_lists_items_within_limits() -> None:
    """Each article is a field: its title, then outlet and date, then its lead sentence."""
    item = NewsItem("T" * 400, "Outlet", "2022-06-16", None, "Lead. " * 400, "a.md")
    news = News(dt.date(2022, 6, 10), dt.date(2022, 6, 17), (item,) * 12, 30)
    reply = news_reply("what happened this week?", news)
    limits.check_message(reply.content, list(reply.embeds))
    embed: discord.Embed = reply.embeds[0]
    assert len(embed.fields) == 12
    assert embed.fields[0].value is not None and embed.fields[0].value.startswith(
        "Outlet · 2022-06-16\n"
    )
    assert embed.footer.text == "… and 18 more articles"


async def test_unreadable_store_costs_the_context_not_the_answer(tmp_path: Path) -> None:
    """A conversations file that is not a database gives no earlier turns, and no error."""
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"not a database" * 100)
    store = ConversationStore(path, ttl_seconds=60)
    assert await earlier_turns(store, None, 9, 1) == ()
