"""Grounded answers on the bundled article (real model): the right quote, or "not covered".

The questions people ask first: plain questions whose ordinary words the article happens not to
use must be answered; questions about a company, person or place the article never mentions must
be refused, naming it; the bold sentence is the one that answers.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from index.engine import Engine
from index.evaluation.formats import read_dataset
from index.evaluation.swap import entity_swaps
from tests.articles import SHARED
from tests.name_questions import SEED_UNMENTIONED_PROPER

pytestmark = pytest.mark.model

DURATION = ("for a year", "one-year moratorium")


def _top_two(engine: Engine, question: str) -> list[str]:
    answer = engine.ask(question)
    assert not answer.abstained, answer.reason
    return [hit.quote for hit in answer.hits[:2]]


@pytest.mark.parametrize(
    "question",
    [
        "How long is the moratorium?",
        "When does the moratorium end?",
        "How long does the moratorium last?",
    ],
)
def test_duration_questions_are_answered_with_the_one_year_quote(
    seed_engine: Engine, question: str
) -> None:
    """The article says "for a year": that is the first quote and its bold sentence."""
    answer = seed_engine.ask(question)
    assert not answer.abstained, answer.reason
    top = answer.hits[0]
    assert any(phrase in top.quote for phrase in DURATION)
    assert any(phrase in top.highlighted_text for phrase in DURATION)


def test_question_about_a_quoted_researcher_is_answered(seed_engine: Engine) -> None:
    """Buolamwini is quoted in paragraph 19: she is found, not refused."""
    answer = seed_engine.ask("What did Buolamwini find?")
    assert not answer.abstained, answer.reason
    assert "Buolamwini" in answer.hits[0].quote


@pytest.mark.parametrize(
    ("question", "name"),
    SEED_UNMENTIONED_PROPER,
)
def test_question_about_an_unmentioned_name_is_refused_naming_it(
    seed_engine: Engine, question: str, name: str
) -> None:
    """No quote about someone else: the refusal says which name the coverage lacks."""
    answer = seed_engine.ask(question)
    assert answer.abstained and answer.hits == ()
    assert answer.reason == f"The coverage does not mention {name}."
    assert answer.closest_titles


@pytest.mark.xfail(
    strict=True,
    reason="the answering sentence's 'who' evidence favours sentences naming someone new; the "
    "answer, 'organizations that help rescue human trafficking victims', names none",
)
def test_who_can_still_use_it_quotes_the_rescue_organisations(seed_engine: Engine) -> None:
    """The answer (organisations rescuing trafficking victims) is among the first two quotes."""
    answer = seed_engine.ask("Who can still use Rekognition?")
    assert not answer.abstained
    quoting = [h for h in answer.hits[:2] if "human trafficking victims" in h.quote]
    assert quoting
    assert "human trafficking victims" in quoting[0].highlighted_text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did Wyden’s office say about facial recognition?", "Wyden"),
        ("What did Sen. Wyden say?", "Wyden"),
        ("Why is facial-recognition technology controversial?", "facial-recognition"),
        ("what did the aclu say about the moratorium?", "American Civil Liberties Union"),
        ("Which companies changed their facial recognition policies?", "IBM"),
    ],
)
def test_possessives_hyphens_case_and_acronyms_still_match(
    seed_engine: Engine, question: str, expected: str
) -> None:
    """Curly possessives, titles, hyphens, lower case and spelled-out acronyms are mentions."""
    answer = seed_engine.ask(question)
    assert not answer.abstained, answer.reason
    assert any(expected in hit.quote for hit in answer.hits)


def test_misspelled_name_is_not_refused_as_unmentioned(seed_engine: Engine) -> None:
    """One wrong letter in a long name is still the name the coverage mentions."""
    answer = seed_engine.ask("What did Buolamwimi say about Microsoft?")
    assert not answer.abstained, answer.reason
    assert any("Buolamwini" in hit.quote for hit in answer.hits)


@pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="needs ../shared/eval")
def test_seed_examples_answered_with_gold_or_refused(seed_engine: Engine) -> None:
    """Every example of ../shared/eval/seed-qa-examples.jsonl: gold in the top three, or refused."""
    lines = (SHARED / "eval" / "seed-qa-examples.jsonl").read_text().splitlines()
    for example in map(json.loads, filter(None, lines)):
        answer = seed_engine.ask(example["q"])
        if example.get("abstain"):
            assert answer.abstained, example["q"]
            continue
        assert not answer.abstained, (example["q"], answer.reason)
        quotes = [hit.quote for hit in answer.hits]
        assert any(g in q for g in example["gold"] for q in quotes), example["q"]


def test_names_no_shown_quote_mentions_are_reported(seed_engine: Engine) -> None:
    """With one quote for two people never named together, the answer says who it leaves out."""
    answer = seed_engine.ask("What did Laperruque and Buolamwini say about Microsoft?", k=1)
    assert not answer.abstained
    quote = answer.hits[0].quote
    assert answer.unmentioned
    assert all(name not in quote for name in answer.unmentioned)
    assert seed_engine.ask("What did Buolamwini say about Microsoft?").unmentioned == ()


@pytest.mark.parametrize(
    ("question", "unwritten"),
    [
        ("did tiktok take down protest videos", "tiktok"),
        ("does wyze share camera footage with cops", "wyze"),
    ],
)
def test_a_rare_word_the_coverage_never_writes_is_never_quoted_as_answered(
    seed_engine: Engine, question: str, unwritten: str
) -> None:
    """A lower-case name too rare to be known as one is not refused for, but is said to be absent."""
    answer = seed_engine.ask(question)
    assert answer.abstained or unwritten in answer.unmentioned


@pytest.mark.parametrize(
    "question",
    [
        "can the police search mugshots with rekognition",  # the article writes "mug shots"
        "how much did the sherrif pay per month",  # "sheriff", misspelt
        "is the tecnology accurate",  # a typo of the article's "technology"
    ],
)
def test_a_rare_word_the_coverage_writes_otherwise_gets_no_note(
    seed_engine: Engine, question: str
) -> None:
    answer = seed_engine.ask(question)
    assert not answer.abstained, answer.reason
    assert answer.unmentioned == ()


def test_question_holding_a_lone_surrogate_is_answered(seed_engine: Engine) -> None:
    """A lone surrogate (as Discord's JSON may carry) does not break the tokenizer."""
    answer = seed_engine.ask("What is Rekognition?\ud800")
    assert not answer.abstained
    assert "Rekognition" in answer.hits[0].quote


SEED_QUESTIONS = Path(__file__).resolve().parent.parent / "data" / "seed_questions.jsonl"


def test_the_projects_seed_questions_are_answered_with_their_gold(seed_engine: Engine) -> None:
    """Our own questions about the seed article: gold among the first three quotes, or refused."""
    dataset = read_dataset("qa-jsonl", SEED_QUESTIONS, seed_engine.config.corpus_dir)
    missed = []
    for question in dataset.questions:
        answer = seed_engine.ask(question.text)
        if not question.answerable:
            if not answer.abstained:
                missed.append(question.text)
            continue
        quotes = [hit.quote for hit in answer.hits]
        if answer.abstained or not any(g in q for g in question.gold_quotes for q in quotes):
            missed.append(question.text)
    assert missed == []


def test_seed_questions_about_swapped_entities_are_refused(seed_engine: Engine) -> None:
    """The same questions about a company, person or organisation never mentioned: refused."""
    dataset = read_dataset("qa-jsonl", SEED_QUESTIONS, seed_engine.config.corpus_dir)
    swapped = entity_swaps(dataset).questions
    assert len(swapped) >= 15
    answered = [q.text for q in swapped if not seed_engine.ask(q.text).abstained]
    assert len(answered) <= 0.05 * len(swapped), answered


def test_a_title_case_question_is_answered(seed_engine: Engine) -> None:
    """Capitals on every word mark no names: "Long" is not a name the coverage lacks."""
    answer = seed_engine.ask("How Long Is The Moratorium?")
    assert not answer.abstained, answer.reason
    assert any(phrase in answer.hits[0].quote for phrase in DURATION)


def test_asked_before_anything_was_published_says_so(seed_engine: Engine) -> None:
    """As of a day before the only article, the refusal says nothing was published yet."""
    answer = seed_engine.ask("What did the ACLU say?", asked_at=dt.datetime(2020, 6, 1, tzinfo=dt.UTC))
    assert answer.abstained and answer.hits == ()
    assert answer.reason == "Nothing in the coverage was published by 2020-06-01."
    assert not seed_engine.ask("What did the ACLU say?").abstained


def test_the_coverage_reads_passage_texts_without_copying_them(seed_engine: Engine) -> None:
    """The name rules read every passage's text, sliced from its article when asked."""
    data = seed_engine.data
    texts = data.coverage.texts
    assert len(texts) == len(data.passages)
    assert [texts[i] for i in range(len(texts))] == [p.text for p in data.passages]
    assert list(texts[:2]) == [p.text for p in data.passages[:2]]
    assert not isinstance(texts, tuple | list)
    assert data.coverage is data.coverage
