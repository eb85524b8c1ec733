"""The engine answers as of when a question is asked, preferring the period it asks about."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from coverbot.cli import main
from index.engine import Engine
from tests.conftest import MakeEngine

pytestmark = pytest.mark.model

BUDGET = (
    "The city council approved the budget for the harbor district on {day}, raising spending "
    "on bridges and ferries by {share} percent over two years, the mayor said."
)
ARTICLES = {
    "budget-2019.md": (
        "Harbor budget approved",
        "2019-05-14",
        BUDGET.format(day="Tuesday", share="ten"),
    ),
    "budget-2023.md": (
        "Harbor budget passes",
        "2023-05-16",
        BUDGET.format(day="Monday", share="twelve"),
    ),
    "floods-2023.md": (
        "Emergency harbor budget after floods",
        "2023-06-30",
        "After the floods, the city council approved an emergency budget for the harbor "
        "district, spending on bridges and ferry repairs, the mayor said.",
    ),
    "library.md": (
        "The floating library",
        None,
        "The harbor city runs a floating library moored at pier nine. The barge holds twelve "
        "thousand books and a reading room for forty people, the librarian said.",
    ),
}
ASKED = dt.datetime(2023, 5, 18, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def dated_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return two near-identical budget stories years apart, a later one, an undated one."""
    folder = tmp_path_factory.mktemp("dated-corpus")
    for name, (title, published, text) in ARTICLES.items():
        date_line = f"published: {published}\n" if published else ""
        front = f"---\ntitle: {title}\noutlet: Harbor Times\n{date_line}---\n\n"
        (folder / name).write_text(front + text + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def engine(make_engine: MakeEngine, dated_corpus: Path) -> Engine:
    """Return an engine over the dated corpus."""
    return make_engine(dated_corpus)


def _sources(answer: object) -> list[str]:
    hits = answer.hits + answer.more  # type: ignore[attr-defined]
    return [hit.source for hit in hits]


def test_an_article_published_after_the_question_is_never_quoted(engine: Engine) -> None:
    """Asked in May 2023, the June 2023 story does not exist yet; asked in July, it may be quoted."""
    question = "Which emergency budget did the city council approve after the floods?"
    before = engine.ask(question, k=3, asked_at=ASKED)
    assert not before.abstained
    assert "floods-2023.md" not in _sources(before)
    after = engine.ask(question, k=3, asked_at=dt.datetime(2023, 7, 2, tzinfo=dt.UTC))
    assert _sources(after)[0] == "floods-2023.md"


def test_a_this_week_question_prefers_the_newer_of_two_equal_articles(engine: Engine) -> None:
    """Of two near-identical stories, "this week" quotes the one from this week."""
    answer = engine.ask("What budget did the city council approve this week?", asked_at=ASKED)
    assert _sources(answer)[0] == "budget-2023.md"
    assert answer.latest_published == dt.date(2023, 5, 16)


def test_a_question_naming_a_year_prefers_that_year(engine: Engine) -> None:
    """The same stories, asked about 2019: the 2019 one comes first."""
    answer = engine.ask("What budget did the city council approve in 2019?", asked_at=ASKED)
    assert _sources(answer)[0] == "budget-2019.md"


def test_a_timeless_question_is_ranked_as_without_the_prior(engine: Engine) -> None:
    """A definition question gets exactly the ranking the engine gives with the prior off."""
    question = "What is the harbor district?"
    with_prior = engine.ask(question, k=3, asked_at=ASKED)
    engine.config = dataclasses.replace(
        engine.config, search=dataclasses.replace(engine.config.search, recency_weight=0.0)
    )
    without = engine.ask(question, k=3, asked_at=ASKED)
    assert _sources(with_prior) == _sources(without)
    assert [h.score for h in with_prior.hits] == [h.score for h in without.hits]


def test_an_undated_article_is_not_buried_by_dated_ones(engine: Engine) -> None:
    """The undated library story still answers a "this week" question about the library."""
    answer = engine.ask("How many books does the floating library hold now?", asked_at=ASKED)
    assert not answer.abstained
    assert _sources(answer)[0] == "library.md"


def test_asked_at_defaults_to_now(engine: Engine) -> None:
    """Without a time the question is asked now (UTC), and every article is in the past."""
    answer = engine.ask("Which emergency budget did the council approve after the floods?")
    assert answer.asked_at is not None
    assert answer.asked_at.tzinfo is not None
    assert abs((dt.datetime.now(dt.UTC) - answer.asked_at).total_seconds()) < 60
    assert _sources(answer)[0] == "floods-2023.md"


def test_cli_ask_as_of_answers_as_if_asked_then(
    embedder: object, dated_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`coverbot ask --as-of` hides later articles; asked now, the answer says how old it is."""
    question = "Which emergency budget did the city council approve after the floods?"
    where = ["--corpus", str(dated_corpus), "--index", str(tmp_path / "index")]
    assert main(["ask", "--json", "--as-of", "2023-05-18", question, *where]) == 0
    then = json.loads(capsys.readouterr().out)
    assert then["asked_at"] == "2023-05-18T00:00:00+00:00"
    assert "floods" not in " ".join(hit["title"] for hit in then["hits"]).lower()
    assert then["latest_published"] == "2023-05-16" and then["freshness"] is None
    assert main(["ask", question, *where]) == 0
    now = capsys.readouterr().out
    assert "Emergency harbor budget after floods" in now
    assert "(Latest coverage on this: " in now and "years old (2023-06-30))" in now


def test_cli_ask_refuses_an_unreadable_as_of(capsys: pytest.CaptureFixture[str]) -> None:
    """A value that is not a date is a usage error naming it."""
    with pytest.raises(SystemExit) as exit_info:
        main(["ask", "--as-of", "last Tuesday", "What happened?"])
    assert exit_info.value.code == 2
    assert "'last Tuesday' is not a date" in capsys.readouterr().err


FARES = {
    "fares-2019.md": ("Ferry fares rise", "2019-03-02", "The city raised ferry fares by fifty cents "
                      "on Tuesday, the transit board said, citing fuel costs for the harbor ferries."),
    "fares-2020.md": ("Ferry fares rise again", "2020-03-03", "The city raised ferry fares by "
                      "a dollar on Tuesday, the transit board said, citing fuel costs for the ferries."),
    "fares-2023.md": ("Transit board votes", "2023-05-15", "Tickets for the boats across the bay "
                      "will cost more from June, after a vote of the transit board on Monday."),
}


def test_a_this_week_question_finds_the_week_s_story_below_the_candidates(
    make_engine: MakeEngine, tmp_path: Path
) -> None:
    """Older stories that match better fill every candidate slot; the week's story still leads."""
    folder = tmp_path / "fares"
    folder.mkdir()
    for name, (title, published, text) in FARES.items():
        front = f"---\ntitle: {title}\noutlet: Harbor Times\npublished: {published}\n---\n\n"
        (folder / name).write_text(front + text + "\n", encoding="utf-8")
    engine = make_engine(folder)
    search = dataclasses.replace(engine.config.search, candidates=1)
    question = "What did the city decide about ferry fares this week?"
    engine.config = dataclasses.replace(engine.config, search=search)
    assert _sources(engine.ask(question, k=3, asked_at=ASKED))[0] == "fares-2023.md"
    without = dataclasses.replace(search, period_candidates=False)
    engine.config = dataclasses.replace(engine.config, search=without)
    assert "fares-2023.md" not in _sources(engine.ask(question, k=3, asked_at=ASKED))
