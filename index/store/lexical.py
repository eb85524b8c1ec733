"""BM25 over the passages: English stop words, Snowball stems, bm25s's file format.

The weights are computed from term counts (``index.store.bm25``) and written with bm25s, in its
own format. Serving reads those files back and scores with numpy, exactly as bm25s scores them,
without importing bm25s: that import brings scipy, a large share of a terminal question's start
(BENCHMARKS.md). bm25s is imported only to write an index.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.store.bm25 import EMPTY, K1, B, TermCounts, Weights, count_terms, weights
from index.text.terms import SPELLING_MIN_CHARS, SPELLING_TWO_EDITS_CHARS, Leeway

if TYPE_CHECKING:
    import bm25s

_IDS, _COUNTS, _INDPTR = "term_ids.npy", "term_counts.npy", "term_indptr.npy"
_DATA, _INDICES, _POINTERS = "data.csc.index.npy", "indices.csc.index.npy", "indptr.csc.index.npy"
_VOCABULARY, _PARAMS = "vocab.index.json", "params.index.json"
"""The files in which bm25s saves a BM25 index (its weights and their passages read mapped)."""
_TERMS = "vocab.terms.txt"
"""The vocabulary again, one term a line in column order: what a load reads when it is there.

Splitting lines and numbering them is about twice as fast as parsing bm25s's JSON object of the
same terms (0.058 against 0.105 s for a million passages' vocabulary, BENCHMARKS.md)."""


class LexicalIndex:
    """A BM25 index plus the document frequencies used to weigh query terms."""

    def __init__(
        self, weights: Weights, vocabulary: dict[str, int], counts: TermCounts | None = None
    ) -> None:
        self.weights = weights
        """A column of (passage, weight) entries a term, as bm25s keeps them."""
        self.vocabulary = vocabulary
        """Each term's column."""
        self._df = np.diff(np.asarray(weights.indptr))
        self.documents = weights.documents
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
        vocabulary = {term: i for i, term in enumerate(counts.vocabulary)}
        vocabulary.setdefault(EMPTY, len(counts.vocabulary))  # as bm25s adds it
        return cls(weights(counts), vocabulary, counts)

    @classmethod
    def from_bm25s(cls, retriever: bm25s.BM25) -> LexicalIndex:
        """Wrap an index that bm25s built itself (to compare with it, or for benchmarks)."""
        scores = retriever.scores
        found = Weights(
            np.asarray(scores["data"]),
            np.asarray(scores["indices"]),
            np.asarray(scores["indptr"]),
            int(scores["num_docs"]),
        )
        return cls(found, dict(retriever.vocab_dict))

    def save(self, folder: Path) -> None:
        """Write the index into ``folder`` (and the term counts, for the next build)."""
        import bm25s  # writing only: the question path reads the files without it

        retriever = bm25s.BM25(k1=K1, b=B, method="lucene")
        retriever.scores = {
            "data": self.weights.data,
            "indices": self.weights.indices,
            "indptr": self.weights.indptr,
            "num_docs": self.documents,
        }
        retriever.vocab_dict = self.vocabulary
        retriever.unique_token_ids_set = set(self.vocabulary.values())
        retriever.nonoccurrence_array = None  # Lucene BM25 has none
        retriever.save(str(folder))
        terms = _in_column_order(self.vocabulary)
        if terms is not None:
            (folder / _TERMS).write_bytes("\n".join(terms).encode("utf-8"))
        if self.counts is not None:
            np.save(folder / _IDS, self.counts.ids)
            np.save(folder / _COUNTS, self.counts.counts)
            np.save(folder / _INDPTR, self.counts.indptr)

    @classmethod
    def load(cls, folder: Path, terms_file: bool = True) -> LexicalIndex:
        """Read an index written by ``save``.

        Its weights and term counts are memory-mapped: a search reads only its terms' rows. The
        vocabulary comes from the terms file when ``terms_file`` allows it (the caller knows the
        file is one its checksums vouch for) and it is there, else from bm25s's JSON.
        """
        params: dict[str, Any] = json.loads((folder / _PARAMS).read_text(encoding="utf-8"))
        if (params.get("method"), params.get("dtype")) != ("lucene", "float32"):
            raise ValueError(f"{folder}: not a Lucene BM25 index of float32 weights")
        found = _mapped_weights(folder, int(params["num_docs"]))
        columns = len(found.indptr) - 1
        if terms_file and (folder / _TERMS).is_file():
            # Bytes, not text: reading text would end lines at a carriage return too.
            terms = (folder / _TERMS).read_bytes().decode("utf-8").split("\n")
            vocabulary = dict(zip(terms, range(len(terms)), strict=True))
            if len(vocabulary) != len(terms) or len(terms) - 1 > columns:
                raise ValueError(f"{_TERMS} repeats a term or names more terms than columns")
            _check(found, {})
        else:  # written before the terms file: bm25s's JSON alone
            vocabulary = json.loads((folder / _VOCABULARY).read_text(encoding="utf-8"))
            _check(found, vocabulary)
            terms = [term for term, _ in sorted(vocabulary.items(), key=lambda item: item[1])]
        counts = None
        if all((folder / name).is_file() for name in (_IDS, _COUNTS, _INDPTR)):
            counts = _mapped_counts(folder, tuple(terms[:columns]))
        return cls(found, vocabulary, counts)

    def mapped_from(self, folder: Path) -> LexicalIndex:
        """Return this index reading its weights and term counts from ``save``'s files, mapped."""
        counts = self.counts
        if counts is not None:
            counts = _mapped_counts(folder, counts.vocabulary)
        mapped = replace(
            self.weights,
            data=np.load(folder / _DATA, mmap_mode="r"),
            indices=np.load(folder / _INDICES, mmap_mode="r"),
        )
        return LexicalIndex(mapped, self.vocabulary, counts)

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
        """Return every passage's BM25 score for the terms (None when the index has none).

        The weights of each term's column are added in the terms' order, in float32, as bm25s
        adds them: the same sums to the last bit.
        """
        ids = [self.vocabulary[t] for t in query_terms if t in self.vocabulary]
        if not ids:
            return None
        data, indices, indptr = self.weights.data, self.weights.indices, self.weights.indptr
        scores = np.zeros(self.documents, dtype=np.float32)
        for token in ids:
            start, end = int(indptr[token]), int(indptr[token + 1])
            np.add.at(scores, indices[start:end], data[start:end])
        return scores

    def document_frequency(self, term: str) -> int:
        """Return how many passages contain a term (0 for a term the coverage never uses)."""
        token = self.vocabulary.get(term)
        return int(self._df[token]) if token is not None and token < len(self._df) else 0

    def passages_with(self, term: str) -> npt.NDArray[np.int64]:
        """Return the ids of the passages that contain a term."""
        token = self.vocabulary.get(term)
        if token is None or token >= len(self._df):
            return np.zeros(0, dtype=np.int64)
        start, end = int(self.weights.indptr[token]), int(self.weights.indptr[token + 1])
        return np.asarray(self.weights.indices[start:end], dtype=np.int64)

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
            self._words = [w for w in self.vocabulary if w]
        return self._words


def _in_column_order(vocabulary: dict[str, int]) -> list[str] | None:
    """Return the terms by column when they number the columns 0, 1, ... and fit on lines."""
    terms = [""] * len(vocabulary)
    for term, column in vocabulary.items():
        if not 0 <= column < len(terms) or terms[column] or "\n" in term or "\r" in term:
            return None
        terms[column] = term
    if not terms or terms.count("") > 1:
        return None
    return terms


def _check(weights: Weights, vocabulary: object) -> None:
    """Refuse arrays that do not fit together, so that no question fails on them later.

    Shapes, types, the column pointers and the term ids are checked (cheap: one entry a term);
    the passages each weight belongs to are not read here (the files' checksums vouch for them).
    """
    indptr = weights.indptr
    columns = len(indptr) - 1
    if not isinstance(vocabulary, dict) or not all(
        isinstance(t, str) and type(i) is int and 0 <= i <= columns for t, i in vocabulary.items()
    ):
        raise ValueError("its vocabulary is not terms numbered within its columns")
    if (
        weights.data.dtype != np.float32
        or not np.issubdtype(weights.indices.dtype, np.integer)
        or not np.issubdtype(indptr.dtype, np.integer)
        or weights.data.ndim != 1
        or weights.indices.shape != weights.data.shape
        or indptr.ndim != 1
        or columns < 0
        or int(indptr[0]) != 0
        or int(indptr[-1]) != len(weights.data)
        or bool(np.any(np.diff(indptr) < 0))
        or weights.documents < 0
    ):
        raise ValueError("its weights, passages and column pointers do not fit together")


def _mapped_weights(folder: Path, documents: int) -> Weights:
    return Weights(
        np.load(folder / _DATA, mmap_mode="r"),
        np.load(folder / _INDICES, mmap_mode="r"),
        np.load(folder / _POINTERS),
        documents,
    )


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
    # Only passages holding one of the question's terms score above 0: the best are chosen
    # among those, not among every passage (on the million-passage benchmark, about half).
    scoring = scores > 0
    if allowed is not None:
        scoring &= np.asarray(allowed, dtype=bool)
    candidates = np.flatnonzero(scoring)
    if len(candidates) > n:
        candidates = candidates[np.argpartition(-scores[candidates], n - 1)[:n]]
    order = candidates[np.argsort(-scores[candidates], kind="stable")]
    return [(int(i), float(scores[i])) for i in order]
