"""Re-ranking's remembered term sets change nothing: rankings and quotes as computed afresh."""

from __future__ import annotations

import numpy as np
import pytest

import index.grounding.symbols as abbreviated
import index.retrieval.ranking as ranking
import index.retrieval.search as search
from index.answer.evidence import sentence_scores
from index.config import SearchSettings
from index.engine import Engine
from index.grounding.query import Query, prepare_query, with_acronyms
from index.grounding.symbols import text_terms
from index.question.answer_kind import holds
from index.question.names import name_share
from index.retrieval.scores import weight_share
from index.retrieval.search import rerank, sentence_evidence
from index.store.folder import IndexData
from index.text import terms as text_terms_module
from tests.articles import SEED_QUESTION

pytestmark = pytest.mark.model

QUESTIONS = [
    SEED_QUESTION,
    "What is Rekognition?",
    "Who is Ron Wyden?",
    "What did the ACLU want Amazon to commit to?",
    "What did Bezos post on Instagram?",
    "Which company left the facial recognition business?",
    "How long will Amazon stop police from using Rekognition?",
    "When did IBM leave the business?",
    "How much did the sheriff's office pay Amazon?",
]


def _forget() -> None:
    for cached in (
        search._sentence_terms,
        search._sentence_kinds,
        text_terms_module.term_set,
        abbreviated.named_terms,
        ranking.text_key,
    ):
        cached.cache_clear()


def _fresh_evidence(data: IndexData, query: Query, passage: int) -> np.ndarray:
    """Return the evidence exactly as it was computed before anything was remembered."""
    item = data.passages[passage]
    rows = data.sentence_vectors[
        data.sentence_offsets[passage] : data.sentence_offsets[passage + 1]
    ].astype("float32")
    sentence_terms = [
        set(with_acronyms(query, item.text[a:b], text_terms(item.text[a:b])))
        for a, b in item.sentences
    ]
    passage_terms = set(with_acronyms(query, item.text, text_terms(item.text)))
    in_passage = [n for n in query.named if all(s in passage_terms for s in n.stems)]
    named = {s for n in query.named for s in n.stems}
    other = [(t, w) for t, w in zip(query.terms, query.weights, strict=True) if t not in named]
    return sentence_scores(
        query.vector,
        rows,
        [name_share(in_passage, t) if in_passage else 0.0 for t in sentence_terms],
        [weight_share([t for t, _ in other], t, [w for _, w in other]) for t in sentence_terms],
        [holds(query.kind, item.text[a:b]) for a, b in item.sentences],
        SearchSettings(),
    )


def _fresh_rerank(data: IndexData, query: Query, fused: list, engine: Engine) -> list:
    settings = engine.config.search

    def fresh_terms(passage: int) -> frozenset[str]:
        return text_terms(data.passages[passage].text)

    head = [
        (
            i,
            float(_fresh_evidence(data, query, i).max())
            + settings.fusion_weight * score
            + settings.name_boost
            * name_share(query.named, with_acronyms(query, data.passages[i].text, fresh_terms(i)))
            + settings.kind_boost * holds(query.kind, data.passages[i].text),
        )
        for i, score in fused[: settings.rerank_depth]
    ]
    head.sort(key=lambda pair: (-pair[1], pair[0]))
    return head + fused[settings.rerank_depth :]


def _answer(engine: Engine, question: str) -> tuple:
    answer = engine.ask(question, k=3)
    return (
        answer.abstained,
        answer.reason,
        answer.unmentioned,
        [(h.start, h.end, h.highlight, h.score) for h in answer.hits + answer.more],
    )


def test_evidence_and_reranking_equal_a_fresh_computation(seed_engine: Engine) -> None:
    """Every passage's sentence evidence, and the re-ranked order, equal the uncached ones."""
    data = seed_engine._data
    assert data is not None
    vectors = seed_engine.embedder.encode_queries(QUESTIONS)
    for question, vector in zip(QUESTIONS, vectors, strict=True):
        query = prepare_query(data.coverage, question, vector)
        for passage in range(len(data.passages)):
            expected = _fresh_evidence(data, query, passage)
            assert np.array_equal(sentence_evidence(data, query, passage, SearchSettings()), expected)
            assert np.array_equal(sentence_evidence(data, query, passage, SearchSettings()), expected)  # cached
        fused = [(i, 1.0 / (1 + i)) for i in range(len(data.passages))][::-1]
        assert rerank(data, query, fused, seed_engine.config.search) == _fresh_rerank(
            data, query, fused, seed_engine
        )


def test_answers_are_the_same_with_and_without_remembered_terms(seed_engine: Engine) -> None:
    """The same questions asked twice, from empty caches and from warm ones, answer alike."""
    _forget()
    cold = [_answer(seed_engine, q) for q in QUESTIONS]
    warm = [_answer(seed_engine, q) for q in QUESTIONS]
    _forget()
    assert [_answer(seed_engine, q) for q in reversed(QUESTIONS)] == cold[::-1]
    assert warm == cold
    assert any(not abstained for abstained, *_ in cold)
