"""BM25 over the passages with bm25s: English stop words, Snowball stems."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN

_WORD = re.compile(r"(?u)\b\w\w+\b")
_STOPWORDS = frozenset(STOPWORDS_EN)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """Return the BM25 terms of a text: lower-cased words, stop words dropped, stemmed."""
    words = [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]
    return list(_stemmer().stemWords(words))


class LexicalIndex:
    """A BM25 index plus the document frequencies used to weigh query terms."""

    def __init__(self, retriever: bm25s.BM25) -> None:
        self._retriever = retriever
        indptr = np.asarray(retriever.scores["indptr"])
        self._df = np.diff(indptr)
        self.documents = int(retriever.scores["num_docs"])

    @classmethod
    def from_terms(cls, documents: Sequence[Sequence[str]]) -> LexicalIndex:
        """Index documents given as their terms (as ``terms`` returns them)."""
        retriever = bm25s.BM25()
        retriever.index([list(d) or [""] for d in documents], show_progress=False)
        return cls(retriever)

    def save(self, folder: Path) -> None:
        """Write the index into ``folder``."""
        self._retriever.save(str(folder))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read an index written by ``save``."""
        return cls(bm25s.BM25.load(str(folder), mmap=False))

    def search(
        self,
        query_terms: Sequence[str],
        n: int,
        allowed: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        """Return the ``n`` best (passage, score) pairs with a positive score.

        ``allowed`` (one flag per passage) restricts the results to the flagged passages.
        """
        ids = self._retriever.get_tokens_ids(list(query_terms))
        if not ids:
            return []
        scores = self._retriever.get_scores_from_ids(ids)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        n = min(n, scores.shape[0])
        top = np.argpartition(-scores, n - 1)[:n]
        order = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]

    def idf(self, term: str) -> float:
        """Return the inverse document frequency of a term (unseen terms weigh the most)."""
        token = self._retriever.vocab_dict.get(term)
        df = int(self._df[token]) if token is not None and token < len(self._df) else 0
        return math.log(1 + (self.documents - df + 0.5) / (df + 0.5))


def coverage(
    query_terms: Sequence[str], passage_terms: set[str], weights: Sequence[float]
) -> float:
    """Return the share of the query's term weight that the passage contains (0..1)."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    return sum(w for t, w in zip(query_terms, weights, strict=True) if t in passage_terms) / total
