"""Which names a question's coverage never mentions, on the coverage's text alone (fast tier).

The model-tier tests (``test_name_case``, ``test_name_slips``, ``test_grounding``) ask the real
engine and check the refusal a member reads. The verdict behind each refusal is grounding's alone
(``prepare_query``, then ``unmentioned``), which needs the passages' texts and their terms, not
the model: here the same questions are judged on the bundled article cut by the real chunker, and
on the slips story, in milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from index.config import MAX_FILE_BYTES, ChunkSettings
from index.corpus.reader import load_corpus
from index.grounding.coverage import Coverage
from index.grounding.query import prepare_query, unmentioned
from index.store.lexical import LexicalIndex
from index.text.chunking import chunk_article
from index.text.terms import terms
from index.text.tokens import count_tokens
from tests.articles import SEED_CORPUS
from tests.name_questions import (
    RESEMBLING,
    SEED_UNMENTIONED,
    SEED_UNMENTIONED_PROPER,
    SLIPS,
    SLIPS_STORY,
)


def _coverage(texts: Sequence[str]) -> Coverage:
    return Coverage(tuple(texts), LexicalIndex.from_terms([terms(t) for t in texts]))


@pytest.fixture(scope="module")
def seed() -> Coverage:
    """Return the bundled article, cut into passages as a build cuts it."""
    (article,) = load_corpus(SEED_CORPUS, MAX_FILE_BYTES).articles
    chunks = chunk_article(article.text, count_tokens, ChunkSettings())
    return _coverage([article.text[c.start : c.end] for c in chunks])


@pytest.fixture(scope="module")
def slips() -> Coverage:
    return _coverage(SLIPS_STORY)


def _refused_for(coverage: Coverage, question: str) -> list[str]:
    """Return the names a refusal would list: missing, and spelled out by no passage."""
    query = prepare_query(coverage, question, np.zeros(4, dtype=np.float32))
    return list(unmentioned(coverage, query, range(len(coverage.texts))))


@pytest.mark.parametrize(
    ("question", "missing"),
    SEED_UNMENTIONED + SEED_UNMENTIONED_PROPER,
)
def test_a_name_the_article_never_mentions_is_missing_in_any_case(
    seed: Coverage, question: str, missing: str
) -> None:
    assert _refused_for(seed, question) == [missing]


@pytest.mark.parametrize(
    "question",
    [
        "how long is the moratorium?",
        "HOW LONG IS THE MORATORIUM?",
        "did microsoft change how it sells facial recognition?",
        "What Did IBM Say It Will Do?",
        "What Did Jeff Bezos Say?",
        "What did the MIT Media Lab study find?",
        "How much did the Washington County Sheriff's Office pay?",
        "What did Buolamwini find?",
        "What did Sen. Ron Wyden say?",
        "What did the ACLU want Amazon to commit to?",
    ],
)
def test_a_name_the_article_writes_is_mentioned_in_any_case(seed: Coverage, question: str) -> None:
    assert _refused_for(seed, question) == []


@pytest.mark.parametrize(
    "question",
    [question for question, _quoted in SLIPS],
)
def test_a_slip_in_a_name_is_the_name(slips: Coverage, question: str) -> None:
    assert _refused_for(slips, question) == []


@pytest.mark.parametrize(
    ("question", "missing"),
    RESEMBLING,
)
def test_a_name_the_coverage_only_resembles_is_missing(
    slips: Coverage, question: str, missing: str
) -> None:
    assert _refused_for(slips, question) == [missing]
