"""BM25 built from per-passage term counts, so that a rebuild re-counts only what changed.

Each passage keeps its distinct terms and how often each occurs (``TermCounts``, one compressed
sparse row a passage over a sorted vocabulary). A rebuild takes the rows of unchanged articles
from the previous index, counts only new passages' terms, and recomputes the BM25 weights of the
whole matrix with a few vectorised numpy steps (the weights depend on every passage through the
document frequencies and the average length, so they cannot be patched row by row, but computing
them from counts is cheap; stemming and counting every passage again is what took seconds).

The weights are bm25s's own (Lucene variant, k1 1.5, b .75, float32): the matrix is saved by a
``bm25s.BM25`` object in bm25s's format as if it had built it, ``index.store.lexical`` scores it
as bm25s does, and a test checks that both give the same scores.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

EMPTY = ""
"""The term a passage without any term is given (as bm25s does), so that it has a length."""
K1 = 1.5
B = 0.75


@dataclass(frozen=True)
class TermCounts:
    """Each passage's distinct terms and their counts, as compressed sparse rows.

    Row ``p`` holds ``ids[indptr[p]:indptr[p+1]]`` (positions in ``vocabulary``, which is sorted
    and holds only terms some passage uses) and their ``counts``.
    """

    vocabulary: tuple[str, ...]
    ids: npt.NDArray[np.int32]
    counts: npt.NDArray[np.int32]
    indptr: npt.NDArray[np.int64]

    @property
    def passages(self) -> int:
        """Return the number of rows."""
        return len(self.indptr) - 1

    def rows(self) -> npt.NDArray[np.int64]:
        """Return the passage of each stored (passage, term) entry."""
        return np.repeat(np.arange(self.passages, dtype=np.int64), np.diff(self.indptr))

    def lengths(self) -> npt.NDArray[np.int64]:
        """Return each passage's length in terms (repeats counted)."""
        summed = np.bincount(self.rows(), weights=self.counts, minlength=self.passages)
        return summed.astype(np.int64)


def _rows(documents: Sequence[Sequence[str]]) -> list[Counter[str]]:
    return [Counter(list(d) or [EMPTY]) for d in documents]


def count_terms(documents: Sequence[Sequence[str]]) -> TermCounts:
    """Return the term counts of documents given as their terms (``index.text.terms.terms``)."""
    return assemble(None, [-1] * len(documents), documents)


def expand_rows(offsets: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]) -> np.ndarray:
    """Return the positions of some rows of a ragged array, concatenated (vectorised).

    Row ``i`` owns positions ``offsets[i]:offsets[i + 1]`` (a CSR ``indptr``, or a passage's
    sentence vectors).
    """
    starts, ends = offsets[rows], offsets[rows + 1]
    lengths = ends - starts
    relative = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts, lengths) + relative


def _gather(previous: TermCounts, rows: npt.NDArray[np.int64]) -> tuple[np.ndarray, np.ndarray]:
    """Return the concatenated ids and counts of some rows of ``previous`` (vectorised)."""
    picked = expand_rows(previous.indptr, rows)
    return previous.ids[picked], previous.counts[picked]


def assemble(
    previous: TermCounts | None, sources: Sequence[int], fresh: Sequence[Sequence[str]]
) -> TermCounts:
    """Return the counts of a new passage list.

    ``sources[p]`` is passage ``p``'s row in ``previous`` (reused as it is), or -1 for a new
    passage, whose terms are the next item of ``fresh`` (in passage order).
    """
    source = np.asarray(sources, dtype=np.int64).reshape(-1)
    new_rows = np.flatnonzero(source < 0)
    if len(new_rows) != len(fresh):
        raise ValueError(f"{len(new_rows)} new passages but {len(fresh)} term lists")
    counted = _rows(fresh)
    old_vocabulary = previous.vocabulary if previous is not None else ()
    vocabulary = sorted(set(old_vocabulary).union(*counted))
    position = {term: i for i, term in enumerate(vocabulary)}

    sizes = np.zeros(len(source), dtype=np.int64)
    reused = np.flatnonzero(source >= 0)
    if previous is not None and len(reused):
        sizes[reused] = np.diff(previous.indptr)[source[reused]]
    sizes[new_rows] = [len(c) for c in counted]
    indptr = np.zeros(len(source) + 1, dtype=np.int64)
    np.cumsum(sizes, out=indptr[1:])
    ids = np.empty(int(indptr[-1]), dtype=np.int32)
    counts = np.empty(int(indptr[-1]), dtype=np.int32)

    if previous is not None and len(reused):
        remap = np.fromiter((position[t] for t in old_vocabulary), np.int32, len(old_vocabulary))
        old_ids, old_counts = _gather(previous, source[reused])
        targets = expand_rows(indptr, reused)
        ids[targets] = remap[old_ids]
        counts[targets] = old_counts
    if len(new_rows):
        targets = expand_rows(indptr, new_rows)
        ids[targets] = [position[t] for c in counted for t in c]
        counts[targets] = [n for c in counted for n in c.values()]
    return _compact(TermCounts(tuple(vocabulary), ids, counts, indptr))


def _compact(counts: TermCounts) -> TermCounts:
    """Drop vocabulary terms no passage uses any more (an article was changed or removed)."""
    used = np.bincount(counts.ids, minlength=len(counts.vocabulary)) > 0
    if used.all():
        return counts
    renumber = (np.cumsum(used) - 1).astype(np.int32)
    vocabulary = tuple(t for t, keep in zip(counts.vocabulary, used.tolist(), strict=True) if keep)
    return TermCounts(vocabulary, renumber[counts.ids], counts.counts, counts.indptr)


@dataclass(frozen=True)
class Weights:
    """BM25 weights as bm25s keeps them: a column (sparse) per term, a row per passage."""

    data: npt.NDArray[np.float32]
    indices: npt.NDArray[np.int32]
    indptr: npt.NDArray[np.int64]
    documents: int


def weights(counts: TermCounts) -> Weights:
    """Return the BM25 weight of every (passage, term), computed exactly as bm25s computes it."""
    passages = counts.passages
    lengths = counts.lengths()
    average = np.array(lengths).mean() if passages else 0.0
    frequency = np.bincount(counts.ids, minlength=len(counts.vocabulary))
    # bm25s computes each idf with math.log and stores it as float32; so does this.
    idf = np.array(
        [math.log(1 + (passages - df + 0.5) / (df + 0.5)) if df else 0.0 for df in frequency],
        dtype=np.float32,
    )
    rows = counts.rows()
    norm = K1 * ((1 - B) + B * lengths[rows] / average)
    tf = counts.counts.astype(np.float32)
    tfc = tf / (norm + tf)
    scores = (idf[counts.ids] * tfc).astype(np.float32)
    order = np.argsort(counts.ids, kind="stable")
    indptr = np.zeros(len(counts.vocabulary) + 1, dtype=np.int64)
    np.cumsum(frequency, out=indptr[1:])
    return Weights(scores[order], rows[order].astype(np.int32), indptr, passages)
