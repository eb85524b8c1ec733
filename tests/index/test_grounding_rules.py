"""The name rules on a coverage of a few texts: no model, no index folder (fast tier).

``prepare_query`` asks a ``Coverage`` which of a question's names it mentions; here the
coverage is three short texts and a lexical index counted from them, so each rule (as written,
a slip, another form, a symbol or tag, a dotted acronym) is checked in milliseconds.
"""

from __future__ import annotations

import numpy as np
import pytest

from index.grounding.coverage import Coverage
from index.grounding.query import prepare_query
from index.store.lexical import LexicalIndex
from index.text.terms import terms

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
