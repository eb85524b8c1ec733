"""BM25 over the passages with bm25s: English stop words, Snowball stems."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.store.bm25 import EMPTY, K1, B, TermCounts, count_terms, weights
from index.text.terms import SPELLING_MIN_CHARS, SPELLING_TWO_EDITS_CHARS, Leeway

_IDS, _COUNTS, _INDPTR = "term_ids.npy", "term_counts.npy", "term_indptr.npy"
_WEIGHTS = {"data": "data.csc.index.npy", "indices": "indices.csc.index.npy"}
"""The files in which bm25s saves a BM25 index's weights and their passages (read mapped)."""


class LexicalIndex:
    """A BM25 index plus the document frequencies used to weigh query terms."""

    def __init__(self, retriever: bm25s.BM25, counts: TermCounts | None = None) -> None:
        self._retriever = retriever
        indptr = np.asarray(retriever.scores["indptr"])
        self._df = np.diff(indptr)
        self.documents = int(retriever.scores["num_docs"])
        self._words: list[str] | None = None
        self.counts = counts
        """Each passage's term counts, from which the next build reuses unchanged passages'."""

    @classmethod
    def from_terms(cls, documents: Sequence[Sequence[str]]) -> LexicalIndex:
        """Index documents given as their terms (as ``terms`` returns them)."""
        return cls.from_counts(count_terms(documents))

    @classmethod
    def from_counts(cls, counts: TermCounts) -> LexicalIndex:
        """Index passages given as their term counts (see ``index.store.bm25``)."""
        retriever = bm25s.BM25(k1=K1, b=B, method="lucene")
        computed = weights(counts)
        retriever.scores = {
            "data": computed.data,
            "indices": computed.indices,
            "indptr": computed.indptr,
            "num_docs": computed.documents,
        }
        vocabulary = {term: i for i, term in enumerate(counts.vocabulary)}
        vocabulary.setdefault(EMPTY, len(counts.vocabulary))  # as bm25s adds it
        retriever.vocab_dict = vocabulary
        retriever.unique_token_ids_set = set(vocabulary.values())
        retriever.nonoccurrence_array = None  # Lucene BM25 has none
        return cls(retriever, counts)

    def save(self, folder: Path) -> None:
        """Write the index into ``folder`` (and the term counts, for the next build)."""
        self._retriever.save(str(folder))
        if self.counts is not None:
            np.save(folder / _IDS, self.counts.ids)
            np.save(folder / _COUNTS, self.counts.counts)
            np.save(folder / _INDPTR, self.counts.indptr)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read an index written by ``save``.

        Its weights and term counts are memory-mapped: a search reads only its terms' rows.
        """
        retriever = bm25s.BM25.load(str(folder), mmap=True)
        counts = None
        if all((folder / name).is_file() for name in (_IDS, _COUNTS, _INDPTR)):
            columns = len(retriever.scores["indptr"]) - 1
            ranked = sorted(retriever.vocab_dict.items(), key=lambda item: item[1])
            counts = _mapped_counts(folder, tuple(term for term, i in ranked if i < columns))
        return cls(retriever, counts)

    def mapped_from(self, folder: Path) -> LexicalIndex:
        """Return this index reading its weights and term counts from ``save``'s files, mapped."""
        retriever = copy.copy(self._retriever)
        retriever.scores = dict(self._retriever.scores)
        for key, name in _WEIGHTS.items():
            retriever.scores[key] = np.load(folder / name, mmap_mode="r")
        counts = self.counts
        if counts is not None:
            counts = _mapped_counts(folder, counts.vocabulary)
        return LexicalIndex(retriever, counts)

    def search(
        self,
        query_terms: Sequence[str],
        n: int,
        allowed: np.ndarray | None = None,
    ) -> list[tuple[int, float]]:
        """Return the ``n`` best (passage, score) pairs with a positive score.

        ``allowed`` (one flag per passage) restricts the results to the flagged passages.
        """
        return best(self.scores(query_terms), n, allowed)

    def scores(self, query_terms: Sequence[str]) -> npt.NDArray[np.float32] | None:
        """Return every passage's BM25 score for the terms (None when the index has none)."""
        ids = self._retriever.get_tokens_ids(list(query_terms))
        if not ids:
            return None
        return np.asarray(self._retriever.get_scores_from_ids(ids))

    def document_frequency(self, term: str) -> int:
        """Return how many passages contain a term (0 for a term the coverage never uses)."""
        token = self._retriever.vocab_dict.get(term)
        return int(self._df[token]) if token is not None and token < len(self._df) else 0

    def passages_with(self, term: str) -> npt.NDArray[np.int64]:
        """Return the ids of the passages that contain a term."""
        token = self._retriever.vocab_dict.get(term)
        if token is None or token >= len(self._df):
            return np.zeros(0, dtype=np.int64)
        scores = self._retriever.scores
        start, end = int(scores["indptr"][token]), int(scores["indptr"][token + 1])
        return np.asarray(scores["indices"][start:end], dtype=np.int64)

    def knows(self, term: str) -> bool:
        """Tell whether any passage contains the term."""
        return self.document_frequency(term) > 0

    def spelling(self, term: str, leeway: Leeway = Leeway.SPELLING) -> str | None:
        """Return the coverage's own term for a term: itself, or one a misspelling away, or None.

        With ``leeway`` above 0, a term of 5+ characters matches one a single edit away (8+: two
        edits; a swap of two adjacent letters is one edit).
        """
        if self.knows(term):
            return term
        if leeway < Leeway.SPELLING or len(term) < SPELLING_MIN_CHARS:
            return None
        edits = 2 if len(term) >= SPELLING_TWO_EDITS_CHARS else 1
        match = process.extractOne(
            term, self._vocabulary(), scorer=OSA.distance, score_cutoff=edits
        )
        return None if match is None else str(match[0])

    def _vocabulary(self) -> list[str]:
        if self._words is None:
            self._words = [w for w in self._retriever.vocab_dict if w]
        return self._words


def _mapped_counts(folder: Path, vocabulary: tuple[str, ...]) -> TermCounts:
    return TermCounts(
        vocabulary,
        np.load(folder / _IDS, mmap_mode="r"),
        np.load(folder / _COUNTS, mmap_mode="r"),
        np.load(folder / _INDPTR),
    )


def best(
    scores: npt.NDArray[np.float32] | None, n: int, allowed: np.ndarray | None = None
) -> list[tuple[int, float]]:
    """Return the ``n`` best (passage, score) pairs with a positive score, of flagged passages."""
    if scores is None or n <= 0 or scores.shape[0] == 0:
        return []
    if allowed is not None:
        scores = np.where(allowed, scores, 0.0)
    n = min(n, scores.shape[0])
    top = np.argpartition(-scores, n - 1)[:n]
    order = top[np.argsort(-scores[top], kind="stable")]
    return [(int(i), float(scores[i])) for i in order if scores[i] > 0]
