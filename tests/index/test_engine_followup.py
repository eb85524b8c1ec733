"""The engine answers follow-ups in context and lists a period's news (real model and index)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from coverbot.cli import main
from index.engine import Engine
from tests.articles import SEED_CORPUS

pytestmark = pytest.mark.model

ASKED = dt.datetime(2020, 6, 12, 12, tzinfo=dt.UTC)


def _shown(
    engine: Engine, question: str, after: list[str] | None = None
) -> list[tuple[str, tuple]]:
    answer = engine.ask(question, asked_at=ASKED, after=after or ())
    return [(hit.quote, hit.highlight) for hit in answer.hits]


@pytest.mark.parametrize("question", ["Who is Ron Wyden?", "What did Bezos post on Instagram?"])
def test_self_contained_reply_is_answered_exactly_as_alone(
    seed_engine: Engine, question: str
) -> None:
    """A reply that names its own subject gets the same quotes and bold as asked alone."""
    alone = seed_engine.ask(question, asked_at=ASKED)
    replied = seed_engine.ask(question, asked_at=ASKED, after=["What did IBM announce?"])
    assert replied == alone
    assert replied.read_as is None


def test_what_about_asks_the_earlier_question_of_the_new_name(seed_engine: Engine) -> None:
    """After IBM's announcement, "what about Microsoft?" is answered about Microsoft."""
    answer = seed_engine.ask(
        "what about Microsoft?", asked_at=ASKED, after=["What did IBM announce?"]
    )
    assert answer.question == "what about Microsoft?"
    assert answer.read_as == "What did Microsoft announce?"
    assert not answer.abstained
    assert "Microsoft" in answer.hits[0].highlighted_text


def test_bare_why_is_answered_where_alone_it_is_refused(seed_engine: Engine) -> None:
    """A bare "why?" names nothing alone; after a question it asks that question's why."""
    assert seed_engine.ask("why?", asked_at=ASKED).abstained
    answer = seed_engine.ask("why?", asked_at=ASKED, after=["What did IBM announce?"])
    assert not answer.abstained
    assert answer.read_as == "Why did IBM announce?"


def test_follow_up_naming_what_the_coverage_lacks_is_refused(seed_engine: Engine) -> None:
    """A follow-up "and Google?" is refused as Google alone would be."""
    answer = seed_engine.ask("and Google?", asked_at=ASKED, after=["What did IBM announce?"])
    assert answer.abstained
    assert answer.reason == "The coverage does not mention Google."


def test_whats_new_lists_the_periods_articles(seed_engine: Engine) -> None:
    """A plain "what happened this week?" lists the week's articles with their lead sentence."""
    answer = seed_engine.ask("what happened this week?", asked_at=ASKED)
    assert answer.news is not None and not answer.abstained
    (item,) = answer.news.items
    assert item.published == "2020-06-10"
    assert item.lead.startswith("SEATTLE — Amazon has banned police")


def test_whats_new_in_an_empty_period_says_so(seed_engine: Engine) -> None:
    """A week with nothing published is said to be empty, not refused as off-topic."""
    answer = seed_engine.ask("any news today?", asked_at=dt.datetime(2021, 3, 1, tzinfo=dt.UTC))
    assert answer.abstained and answer.news is not None
    assert answer.reason == (
        "Nothing in the coverage was published between 2021-02-22 and 2021-03-01."
    )


def test_cli_after_reads_the_question_in_context(
    embedder: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`coverbot ask --after ... --json` answers the follow-up and gives the read-as question."""
    where = ["--corpus", str(SEED_CORPUS), "--index", str(tmp_path / "index")]
    args = ["ask", "--json", "--after", "Who is Joy Buolamwini?", "what did she find?", *where]
    assert main(args) == 0
    answer = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert answer["question"] == "what did she find?"
    assert answer["read_as"] == "what did Joy Buolamwini find?"
    assert answer["hits"]
    assert main(["ask", "--after", "What did IBM announce?", "when?", *where]) == 0
    assert capsys.readouterr().out.startswith("Read as: When did IBM announce?\n")
