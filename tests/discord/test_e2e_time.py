"""Layer 3: questions are answered as of the Discord message's time, and stale coverage is noted."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from fakediscord import models
from tests.articles import write_article
from tests.discord.e2e import running_bot

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="function")]

QUESTION = "Which emergency budget did the city council approve after the floods?"
MAY_2023 = dt.datetime(2023, 5, 18, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def dated_engine(tmp_path, make_engine):
    """Return an engine over a May 2023 budget story and a June 2023 emergency budget story."""
    corpus = tmp_path / "corpus-dated"
    write_article(
        corpus,
        "budget.md",
        "Harbor budget passes",
        "The city council approved the budget for the harbor district on Monday, raising "
        "spending on bridges and ferries by twelve percent, the mayor said.",
        published="2023-05-16",
    )
    write_article(
        corpus,
        "floods.md",
        "Emergency harbor budget after floods",
        "After the floods, the city council approved an emergency budget for the harbor "
        "district, spending on bridges and ferry repairs, the mayor said.",
        published="2023-06-30",
    )
    return make_engine(corpus), corpus


def _discord_clock_at(monkeypatch, moment: dt.datetime) -> None:
    """Make the loopback Discord stamp new messages and interactions with ``moment``."""
    monkeypatch.setattr(models, "time", SimpleNamespace(time=moment.timestamp))


async def test_ask_is_answered_as_of_the_interaction_time(tmp_path, dated_engine, monkeypatch):
    """/ask sent in May 2023 never quotes the June story; sent now, it does, with its age noted."""
    engine, corpus = dated_engine
    async with running_bot(tmp_path, engine, corpus_dir=corpus) as (fake, _bot):
        _discord_clock_at(monkeypatch, MAY_2023)
        then = (await fake.wait_seen(await fake.slash("ask", {"question": QUESTION}))).messages[-1]
        titles = [embed["title"] for embed in then.embeds]
        assert titles and "Emergency harbor budget after floods" not in titles
        assert "Latest coverage" not in then.text
        monkeypatch.undo()
        now = (await fake.wait_seen(await fake.slash("ask", {"question": QUESTION}))).messages[-1]
        assert now.embeds[0]["title"] == "Emergency harbor budget after floods"
        assert "Latest coverage on this: " in now.content and "(2023-06-30)" in now.content


async def test_mention_is_answered_as_of_the_message_time(tmp_path, dated_engine, monkeypatch):
    """A mention posted in May 2023 gets the answer as of then."""
    engine, corpus = dated_engine
    async with running_bot(tmp_path, engine, corpus_dir=corpus) as (fake, _bot):
        _discord_clock_at(monkeypatch, MAY_2023)
        mid = await fake.mention(QUESTION, user="alice")
        reply = await fake.wait_for_message(after=mid)
        titles = [embed["title"] for embed in reply.embeds]
        assert titles and "Emergency harbor budget after floods" not in titles
