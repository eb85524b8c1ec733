"""The name rules on a coverage of a few texts: no model, no index folder (fast tier).

``prepare_query`` asks a ``Coverage`` which of a question's names it mentions; here the
coverage is three short texts and a lexical index counted from them, so each rule (as written,
a slip, another form, a symbol or tag, a dotted acronym) is checked in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from index.grounding import mentioned
from index.grounding.coverage import Coverage
from index.grounding.query import prepare_query
from index.grounding.verdicts import Evidence, Verdict, verdict
from index.question.names import Name, names
from index.store.lexical import LexicalIndex
from index.text.terms import terms, word_terms

TEXTS = (
    "Amazon said Wednesday it would stop police from using Rekognition for a year, a pause "
    "that the researcher Joy Buolamwini welcomed.",
    "The F.B.I. tested the software in California, where the lab ran at 45 °C all summer.",
    "Sen. Ron Wyden (D-Ore.) asked Amazon for answers about the contract.",
)


@pytest.fixture(scope="module")
def coverage() -> Coverage:
    return Coverage(TEXTS, LexicalIndex.from_terms([terms(t) for t in TEXTS]))


def _missing(coverage: Coverage, question: str) -> set[str]:
    query = prepare_query(coverage, question, np.zeros(4, dtype=np.float32))
    return {name.text for name in query.missing}


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("What did Tim Cook say about the pause?", {"Tim Cook"}),
        ("what did tim cook say about the pause", {"tim cook"}),
        ("What did Joy Buolamwini say?", set()),
        ("What did Joy Buolamwimi say?", set()),  # a slip of a name the coverage writes
        ("What did the FBI test?", set()),  # written F.B.I.
        ("What did Californian police test?", set()),  # the people of a place it names
        ("Was the lab hot in Celsius?", set()),  # written only as °C
        ("What did the Oregon senator ask?", set()),  # written only as (D-Ore.)
        ("What did Microsoft say about Rekognition?", {"Microsoft"}),
    ],
)
def test_a_name_is_mentioned_as_written_or_by_a_rule_else_missing(
    coverage: Coverage, question: str, missing: set[str]
) -> None:
    assert _missing(coverage, question) == missing


def test_the_coverage_reads_its_words_once(coverage: Coverage) -> None:
    assert "buolamwini" in coverage.vocabulary.words
    assert "fbi" in coverage.vocabulary.acronyms
    assert coverage.capitalised("Wyden")
    assert not coverage.capitalised("contract")
    assert coverage.vocabulary is coverage.vocabulary


MORE_TEXTS = (
    "Mahatma Gandhi led the march; Nguyễn Văn Thiệu later spoke to the Super Bowl crowd.",
    "Chloe Zapolsky, a Californian analyst, said the contract boycotts ended in June.",
)


@pytest.fixture(scope="module")
def wider() -> Coverage:
    texts = TEXTS + MORE_TEXTS
    return Coverage(texts, LexicalIndex.from_terms([terms(t) for t in texts]))


@pytest.mark.parametrize(
    ("rule", "word", "loose", "found"),
    [
        (mentioned.as_written, "Wyden", False, "wyden"),
        (mentioned.a_name_of_the_same_stem, "Zapolski", False, "zapolski"),
        (mentioned.misspelt, "Buolamwimi", False, "buolamwini"),
        (mentioned.the_stemmers_slip, "Boycotting", True, "boycott"),
        (mentioned.accents_typed, "Chloé", False, "chloe"),
        (mentioned.accents_left_out, "nguyen", False, "nguyễn"),
        (mentioned.letters_moved, "Ghandi", False, "gandhi"),
        (mentioned.a_people_of_its_place, "Californian", False, "california"),
        (mentioned.written_as_two, "Superbowl", False, "superbowl"),
        (mentioned.a_dotted_acronym, "FBI", False, "fbi"),
        (mentioned.a_symbol_or_tag, "Oregon", False, "oregon"),
        (mentioned.a_title_abbreviated, "Senator", False, "sen"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_each_term_rule_finds_its_own_form(
    wider: Coverage, rule: mentioned.TermRule, word: str, loose: bool, found: str
) -> None:
    (part, term), = word_terms(word)
    assert rule(wider, part, term, loose) == found
    assert rule(wider, "Microsoft", "microsoft", loose) is None


def test_the_term_rules_are_tried_in_their_stated_order() -> None:
    names = [rule.__name__ for rule in mentioned.TERM_RULES]
    assert names[:3] == ["as_written", "a_name_of_the_same_stem", "misspelt"]
    assert len(set(names)) == len(names)


def _evidence(**answers: bool) -> Evidence:
    def asked(name: str) -> Callable[[Name], bool]:
        return lambda _name: answers.get(name, False)

    return Evidence(
        known=lambda *_: answers.get("known", False),
        written_nearly=asked("written_nearly"),
        someone_else=asked("someone_else"),
        another_thing=asked("another_thing"),
        unwritten=asked("unwritten"),
    )


@pytest.mark.parametrize(
    ("question", "answers", "expected"),
    [
        ("What happened in June?", {}, Verdict.MENTIONED),  # a_date
        ("Did amazon tell buolamwini?", {"known": True}, Verdict.MENTIONED),  # a_rare_word
        ("what did heineken say", {"unwritten": True}, Verdict.MISSING),  # a_rare_word
        ("What did Ron Bezos say?", {"known": True, "someone_else": True}, Verdict.MISSING),
        (
            "What did Microsoft Research say?",
            {"known": True, "another_thing": True},
            Verdict.MISSING,
        ),
        ("What did Graham Twigg say?", {"known": True}, Verdict.MENTIONED),  # every_word
        ("What did Percy Shelly write?", {"written_nearly": True}, Verdict.MENTIONED),
        ("What did Percy Shelly write?", {}, Verdict.MISSING),  # no verdict decides
    ],
)
def test_each_verdict_decides_its_own_case(
    question: str, answers: dict[str, bool], expected: Verdict
) -> None:
    *_, name = names(question)
    assert verdict(name, _evidence(**answers)) is expected
