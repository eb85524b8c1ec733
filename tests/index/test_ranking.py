"""Pure ranking pieces: fusion, duplicate collapse, article spread, highlight, abstention."""

from __future__ import annotations

import numpy as np
import pytest

from index.answer.abstain import Signals, abstention_reason
from index.answer.evidence import sentence_scores
from index.answer.quotes import widen_to_paragraphs
from index.config import SearchSettings
from index.retrieval.fusion import convex, rrf
from index.retrieval.ranking import collapse_duplicates, spread_articles

SETTINGS = SearchSettings()


def test_rrf_rewards_agreement_between_rankings() -> None:
    """An item ranked well by both retrievers beats one ranked first by only one."""
    fused = rrf([[(1, 0.9), (2, 0.8)], [(2, 7.0), (3, 5.0)]], k=60)
    assert [item for item, _ in fused] == [2, 1, 3]
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)


def test_convex_weighs_normalized_scores() -> None:
    """Convex fusion mixes min-max normalized scores with the dense weight alpha."""
    dense = [(1, 0.9), (2, 0.5)]
    lexical = [(2, 10.0), (3, 2.0)]
    assert [i for i, _ in convex(dense, lexical, alpha=1.0)][0] == 1
    assert [i for i, _ in convex(dense, lexical, alpha=0.0)][0] == 2
    scores = dict(convex(dense, lexical, alpha=0.5))
    assert scores[2] == pytest.approx(0.5)


def test_near_duplicates_collapse_into_the_best_ranked_copy() -> None:
    """Syndicated copies (same text or near-identical vectors) keep only the first."""
    vectors = np.array([[1, 0, 0], [0.999, 0.045, 0], [0, 1, 0], [1, 0, 0]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = ["story a", "story a, lightly edited", "other story", "story  A"]
    assert collapse_duplicates([10, 11, 12, 13], vectors, texts, threshold=0.95) == [10, 12]


def test_spread_puts_other_articles_first_then_fills() -> None:
    """The first k hits span articles; with too few articles, the best rest fill in order."""
    assert spread_articles([1, 2, 3, 4], [7, 7, 8, 9], k=3, per_article=1) == [1, 3, 4, 2]
    assert spread_articles([1, 2, 3], [7, 7, 7], k=3, per_article=1) == [1, 2, 3]


def test_sentence_evidence_weighs_cosine_names_words_and_kind() -> None:
    """The re-ranker's sentence evidence: the closest sentence, lifted by what it holds."""
    query = np.array([1.0, 0.0], dtype=np.float32)
    rows = np.array([[0.0, 1.0], [1.0, 0.0]], dtype=np.float32)
    none = [0.0, 0.0]
    assert int(np.argmax(sentence_scores(query, rows, none, none, [False, False], SETTINGS))) == 1
    # The question's names, other words and kind of answer each lift a sentence.
    for names, words, kind in (([1.0, 0.0], none, [False] * 2), (none, [1.0, 0.0], [False] * 2)):
        lifted = sentence_scores(query, rows, names, words, kind, SETTINGS) + [0.9, 0]
        assert int(np.argmax(lifted)) == 0
    assert int(np.argmax(sentence_scores(query, rows, none, none, [True, False], SETTINGS) + [0.95, 0])) == 0


def test_abstention_weighs_meaning_and_words() -> None:
    """A strong dense match or a fair one backed by the question's words answers; else abstain."""
    settings = SearchSettings(abstain_threshold=0.46, abstain_share_weight=0.5)
    assert abstention_reason(Signals(dense=0.6, share=0.0), settings) is None
    assert abstention_reason(Signals(dense=0.2, share=1.0), settings) is None
    assert abstention_reason(Signals(dense=0.45, share=0.0), settings) is not None
    assert "does not mention" in str(abstention_reason(Signals(0.1, 0.1), settings))
    assert "close enough" in str(abstention_reason(Signals(0.2, 0.4), settings))


def test_quote_widens_to_the_whole_cut_paragraph_within_the_limit() -> None:
    """A passage holding half a paragraph quotes the whole paragraph, unless that is too long."""
    text = "First para.\n\nSecond para one. Second para two. Second para three.\n\nThird."
    half = (
        text.index("Second para two"),
        text.index("Second para three") + len("Second para three."),
    )
    assert widen_to_paragraphs(text, half, limit=1600) == (
        text.index("Second"),
        text.index("\n\nThird"),
    )
    assert widen_to_paragraphs(text, half, limit=20) == half
    whole = (0, len(text))
    assert widen_to_paragraphs(text, whole, limit=1600) == whole
