"""Questions as a hostile or careless member writes them, on the bundled article (real model).

Pasted invisible characters, full-width letters, dates, impossible moments: each must get the
answer the plain question gets, or an honest refusal, never a quote about someone else.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.answer.freshness import freshness_note
from index.engine import Engine
from index.grounding import mentioned
from tests.articles import write_article
from tests.conftest import MakeEngine

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "question",
    [
        "What did Faceb\u200book announce about facial recognition?",
        "What did Face\u00adbook announce about facial recognition?",
        "What did Ｆａｃｅｂｏｏｋ announce about facial recognition?",
    ],
)
def test_invisible_or_full_width_characters_do_not_hide_an_unmentioned_name(
    seed_engine: Engine, question: str
) -> None:
    """A zero-width space, a soft hyphen or full-width letters: still Facebook, still refused."""
    answer = seed_engine.ask(question)
    assert answer.abstained and answer.hits == ()
    assert answer.reason == "The coverage does not mention Facebook."


@pytest.mark.parametrize(
    "question",
    [
        "What did Ama\u200bzon announce?",
        "What did \u202eAmazon\u202c announce?",
        "What did ＡＭＡＺＯＮ announce?",
    ],
)
def test_invisible_or_full_width_characters_do_not_hide_a_mentioned_name(
    seed_engine: Engine, question: str
) -> None:
    """The same characters around or inside a name the article uses: answered about Amazon."""
    answer = seed_engine.ask(question)
    assert not answer.abstained, answer.reason
    assert "Amazon has banned police" in answer.hits[0].quote


def test_a_short_question_that_normalizes_long_is_not_called_too_long(seed_engine: Engine) -> None:
    """200 characters that NFKC writes out as 3,600 are still a 200-character question."""
    answer = seed_engine.ask("What is Rekognition? " + "\ufdfa" * 200)
    assert answer.question.startswith("What is Rekognition?")


@pytest.mark.parametrize(
    "question",
    [
        "What did Amazon announce in June?",
        "What did Amazon announce on Tuesday?",
        "What did Amazon decide in Sept. 2020?",
        "What did Amazon announce on June 10, 2020?",
    ],
)
def test_a_month_or_weekday_is_a_time_not_a_name_the_coverage_must_mention(
    seed_engine: Engine, question: str
) -> None:
    """The article (dated 2020-06-10) never writes "June" or "Tuesday": it still answers."""
    answer = seed_engine.ask(question)
    assert not answer.abstained, answer.reason
    assert "Amazon has banned police" in answer.hits[0].quote
    assert answer.unmentioned == ()


def test_a_lone_month_does_not_hide_an_unmentioned_name(seed_engine: Engine) -> None:
    """Only the calendar word is let off: the company in the same question is still missing."""
    answer = seed_engine.ask("What did Facebook announce in June?")
    assert answer.abstained
    assert answer.reason == "The coverage does not mention Facebook."


@pytest.mark.parametrize(
    ("asked_at", "answered"),
    [
        (dt.datetime(1, 1, 1), False),
        (dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))), False),
        (dt.datetime.max.replace(tzinfo=dt.UTC), True),
        (dt.datetime(9999, 12, 31, 12, tzinfo=dt.timezone(dt.timedelta(hours=-12))), True),
    ],
)
def test_a_moment_at_either_end_of_the_calendar_is_answered_as_of_then(
    seed_engine: Engine, asked_at: dt.datetime, answered: bool
) -> None:
    """``--as-of 0001-01-01`` or ``9999-12-31T23:59``: no overflow; before the article, refused."""
    answer = seed_engine.ask("How long is the moratorium?", asked_at=asked_at)
    assert answer.abstained is not answered
    if not answered:  # the day asked, not the first day a period is counted from (0002-01-01)
        assert answer.reason == "Nothing in the coverage was published by 0001-01-01."
    if answered:
        note = freshness_note(answer.latest_published, answer.asked_at)
        assert note is not None and "2020-06-10" in note


NAME_QUESTIONS = [
    ("What did Policeing say about Amazon?", "The coverage does not mention Policeing."),
    ("What did Stateing and Saiding say?", "The coverage does not mention Stateing or Saiding."),
    ("What did Wyden’s office say about facial recognition?", None),
    ("What did the ACLU's statement say?", None),
]


@pytest.mark.parametrize(("question", "reason"), NAME_QUESTIONS)
@pytest.mark.parametrize("scan", [True, False])
def test_a_name_sharing_a_common_stem_is_judged_the_same_by_scan_and_by_word_set(
    seed_engine: Engine, monkeypatch: pytest.MonkeyPatch, question: str, reason: str, scan: bool
) -> None:
    """A made-up name stemming like a common word ("Stateing": "state") is missing either way.

    Its stem's passages are scanned when few, the coverage's written words looked up when many
    (a member cannot make each question scan the whole coverage once per name).
    """
    monkeypatch.setattr(mentioned, "SCAN_PASSAGES", 10_000 if scan else 0)
    answer = seed_engine.ask(question)
    assert answer.reason == reason


VIETNAM = (
    "Nguyễn Phú Trọng, the general secretary of Vietnam's Communist Party, said on Tuesday that "
    "the party would step up its campaign against corruption in state companies."
)


def test_a_vietnamese_name_is_read_whole_and_found(make_engine: MakeEngine, tmp_path: Path) -> None:
    """"Nguyễn" and "Trọng" are letters throughout: not "Nguy" and "Tr", which no text writes."""
    corpus = tmp_path / "vietnam"
    write_article(corpus, "vietnam.md", "Vietnam's party chief on corruption", VIETNAM)
    engine = make_engine(corpus)
    answer = engine.ask("What did Nguyễn Phú Trọng say about corruption?")
    assert not answer.abstained, answer.reason
    assert "Nguyễn Phú Trọng" in answer.hits[0].quote
    refused = engine.ask("What did Nguyễn Tấn Dũng say about corruption?")
    assert refused.reason == "The coverage does not mention Nguyễn Tấn Dũng."


@pytest.mark.parametrize(
    "question",
    ["How LONG is the moratorium?", "How long is the moratorium, REALLY?", "Is it NOT for a year?"],
)
def test_a_common_word_in_capitals_is_emphasis_not_an_acronym(
    seed_engine: Engine, question: str
) -> None:
    """A member stressing a word in capitals gets the answer the plain question gets."""
    answer = seed_engine.ask(question)
    assert not answer.abstained, answer.reason
    assert any(phrase in answer.hits[0].quote for phrase in ("for a year", "one-year"))


def test_an_acronym_the_coverage_lacks_is_still_refused(seed_engine: Engine) -> None:
    """Capitals of a rarer word are an acronym: the FBI is not in the article."""
    assert seed_engine.ask("What did the FBI say?").reason == "The coverage does not mention FBI."
