"""Synthetic corpora at scale for the index part of ``ask`` (no model involved).

Dense: unit vectors drawn around ``TOPICS`` random centres (Gaussian noise, cosine to the centre
about ``NOISE_COSINE``), so that neighbours exist as in real embeddings; uniformly random vectors
have no structure and make every approximate index look worse than it is on text. Lexical:
passages of about 120 words drawn from a Zipf-Mandelbrot vocabulary, its ``STOP_RANKS`` most
frequent words removed as stop words are; a query takes a few terms of one passage, as a question
shares words with the passage that answers it.
"""

from __future__ import annotations

from dataclasses import dataclass

import bm25s
import numpy as np
import numpy.typing as npt

from index.store.lexical import LexicalIndex

TOPICS = 1000
NOISE_COSINE = 0.6
"""Expected cosine between a passage and its cluster centre: the 10 nearest neighbours of a
query then have cosines of about 0.40-0.45, like a question and its passages with MiniLM."""
VOCABULARY = 50_000
MEAN_WORDS = 120
STOP_RANKS = 150
"""The most frequent words, dropped like bm25s's English stop words (about 40% of the tokens)."""
ZIPF_SHIFT = 2.7
QUERY_TERMS = 6
CHUNK = 100_000

Vectors = npt.NDArray[np.float32]


def _normalize(rows: Vectors) -> Vectors:
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def centres(count: int, dimension: int, seed: int) -> Vectors:
    """Return random unit cluster centres."""
    rng = np.random.default_rng(seed)
    return _normalize(rng.standard_normal((count, dimension), dtype=np.float32))


def clustered_vectors(centre_rows: Vectors, count: int, seed: int) -> Vectors:
    """Return ``count`` unit vectors, each a random centre plus Gaussian noise."""
    rng = np.random.default_rng(seed)
    dimension = centre_rows.shape[1]
    # Noise of norm r around a unit centre gives cosine about 1 / sqrt(1 + r^2).
    spread = np.sqrt(1 / NOISE_COSINE**2 - 1) / np.sqrt(dimension)
    out = np.empty((count, dimension), dtype=np.float32)
    for begin in range(0, count, CHUNK):
        end = min(count, begin + CHUNK)
        picked = rng.integers(0, len(centre_rows), end - begin)
        rows = rng.standard_normal((end - begin, dimension), dtype=np.float32)
        rows *= np.float32(spread)
        rows += centre_rows[picked]
        out[begin:end] = _normalize(rows)
    return out


@dataclass(frozen=True)
class LexicalCorpus:
    """Passages as arrays of term ids, and the vocabulary (term -> id)."""

    documents: list[npt.NDArray[np.int32]]
    vocabulary: dict[str, int]


def zipf_corpus(count: int, seed: int, vocabulary: int = VOCABULARY) -> LexicalCorpus:
    """Return ``count`` passages of Zipf-distributed words of varying length, stop words dropped."""
    rng = np.random.default_rng(seed)
    words = vocabulary + STOP_RANKS
    weights = 1.0 / (np.arange(1, words + 1) + ZIPF_SHIFT)
    cumulative = np.cumsum(weights)
    cumulative /= cumulative[-1]
    documents = []
    for begin in range(0, count, CHUNK):
        size = min(CHUNK, count - begin)
        lengths = rng.integers(MEAN_WORDS // 2, MEAN_WORDS * 3 // 2 + 1, size)
        ranks = np.searchsorted(cumulative, rng.random(int(lengths.sum())))
        kept = ranks >= STOP_RANKS
        term_ids = np.minimum(ranks[kept] - STOP_RANKS, vocabulary - 1).astype(np.int32)
        ends = np.cumsum(np.add.reduceat(kept, np.r_[0, np.cumsum(lengths)[:-1]]))
        documents.extend(np.split(term_ids, ends[:-1]))
    return LexicalCorpus(documents, {f"w{i}": i for i in range(vocabulary)})


def lexical_index(corpus: LexicalCorpus) -> LexicalIndex:
    """Index the passages with bm25s exactly as the engine does, from term ids."""
    retriever = bm25s.BM25()
    retriever.index((corpus.documents, corpus.vocabulary), show_progress=False)
    return LexicalIndex.from_bm25s(retriever)


def query_terms(corpus: LexicalCorpus, count: int, seed: int) -> list[list[str]]:
    """Return ``count`` queries, each a few distinct terms of one random passage."""
    rng = np.random.default_rng(seed)
    queries = []
    for number in rng.integers(0, len(corpus.documents), count):
        unique = np.unique(corpus.documents[int(number)])
        picked = rng.choice(unique, size=min(QUERY_TERMS, len(unique)), replace=False)
        queries.append([f"w{int(i)}" for i in picked])
    return queries
