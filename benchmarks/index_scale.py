"""The index part of ``ask`` at scale: dense + BM25 + fusion on synthetic passages, no model.

Exact search (FAISS flat) is the reference: an approximate index is tuned (its ``nprobe``) to the
smallest setting whose recall@10 against flat reaches the target, then timed in the full path
(dense top 50, BM25 top 50, reciprocal rank fusion) as the engine's ``search`` runs it.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import faiss
import numpy as np

from benchmarks import synthetic
from benchmarks.stats import percentiles, recall_at_k
from index.retrieval.fusion import rrf
from index.store.dense import search_dense
from index.store.lexical import LexicalIndex

log = logging.getLogger(__name__)

DIMENSION = 384
CANDIDATES = 50
RRF_K = 60
RECALL_TARGET = 0.95
NPROBES = (4, 8, 16, 32, 64, 128, 256)
FLAT_QUERIES = 50
"""Exact search is the slow reference: it is timed on the first queries only."""
TRAIN_PER_LIST = 64
"""k-means sample size per list: FAISS wants at least 39; 64 keeps training to seconds."""

Progress = Callable[[str], None]


def ivf_lists(passages: int) -> int:
    """Return the number of IVF lists: the power of two nearest sqrt(passages)."""
    return max(16, 2 ** round(math.log2(math.sqrt(passages))))


def build_ivf(vectors: synthetic.Vectors, lists: int, seed: int = 0) -> faiss.IndexIVFFlat:
    """Return an inner-product IVF index trained on ``TRAIN_PER_LIST`` vectors a list."""
    quantizer = faiss.IndexFlatIP(vectors.shape[1])
    index = faiss.IndexIVFFlat(quantizer, vectors.shape[1], lists, faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(seed)
    size = min(len(vectors), lists * TRAIN_PER_LIST)
    sample = vectors[np.sort(rng.choice(len(vectors), size, replace=False))]
    index.train(sample)
    index.add(vectors)
    return index


def _ids(index: faiss.Index, queries: synthetic.Vectors, k: int) -> np.ndarray:
    return index.search(queries, k)[1]


def sweep(
    index: faiss.IndexIVFFlat, queries: synthetic.Vectors, exact: np.ndarray
) -> list[dict[str, Any]]:
    """Return recall@10 and one-query dense latency for each ``nprobe`` until recall is met."""
    rows = []
    for nprobe in NPROBES:
        if nprobe > index.nlist:
            break
        index.nprobe = nprobe
        recall = recall_at_k(exact, _ids(index, queries, 10), 10)
        timings = _time_each(lambda q: search_dense(index, q, CANDIDATES), queries)
        rows.append({"nprobe": nprobe, "recall@10": recall, **percentiles(timings)})
        log.info("nprobe %d: recall@10 %.3f, p95 %.1f ms", nprobe, recall, rows[-1]["p95_ms"])
        if recall >= RECALL_TARGET:
            break
    return rows


def _time_each(call: Callable[[Any], object], items: Iterable[Any]) -> list[float]:
    timings = []
    for item in items:
        start = time.perf_counter()
        call(item)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def path_latency(
    dense: faiss.Index,
    lexical: LexicalIndex,
    queries: synthetic.Vectors,
    terms: Sequence[Sequence[str]],
) -> dict[str, float]:
    """Time dense top 50 + BM25 top 50 + reciprocal rank fusion, one query at a time."""

    def one(number: int) -> object:
        found = search_dense(dense, queries[number], CANDIDATES)
        words = lexical.search(terms[number], CANDIDATES)
        return rrf([found, words], RRF_K)

    for number in range(min(3, len(queries))):  # warm-up
        one(number)
    return percentiles(_time_each(one, range(len(queries))))


def lexical_latency(lexical: LexicalIndex, terms: Sequence[Sequence[str]]) -> dict[str, float]:
    """Time BM25 top 50 alone."""
    return percentiles(_time_each(lambda t: lexical.search(t, CANDIDATES), terms))


def _dense(
    passages: int, queries: int, topics: int, seed: int, say: Progress
) -> tuple[
    faiss.Index, faiss.IndexIVFFlat, synthetic.Vectors, list[dict[str, Any]], dict[str, Any]
]:
    """Build flat and IVF over clustered vectors and tune ``nprobe`` against flat."""
    say(f"synthetic: {passages:,} vectors around {topics:,} topics")
    centre_rows = synthetic.centres(topics, DIMENSION, seed)
    vectors = synthetic.clustered_vectors(centre_rows, passages, seed + 1)
    query_vectors = synthetic.clustered_vectors(centre_rows, queries, seed + 2)
    flat = faiss.IndexFlatIP(DIMENSION)
    flat.add(vectors)
    exact = _ids(flat, query_vectors, 10)
    say(f"synthetic: IVF over {passages:,} vectors")
    lists = ivf_lists(passages)
    mark = time.perf_counter()
    ivf = build_ivf(vectors, lists, seed)
    build_s = time.perf_counter() - mark
    del vectors
    say("synthetic: tuning nprobe")
    rows = sweep(ivf, query_vectors, exact)
    ivf.nprobe = int(rows[-1]["nprobe"])
    described = {
        "vectors": f"{topics:,} random topic centres, cosine to centre ~{synthetic.NOISE_COSINE}",
        "lists": lists,
        "nprobe": ivf.nprobe,
        "recall@10": rows[-1]["recall@10"],
        "build_s": build_s,
    }
    return flat, ivf, query_vectors, rows, described


def recall_only(passages: int, queries: int, topics: int, seed: int = 0) -> dict[str, Any]:
    """Tune IVF on another vector distribution; report its sweep (dense part only)."""
    _flat, _ivf, _queries, rows, described = _dense(passages, queries, topics, seed, lambda m: None)
    return {"passages": passages, **described, "sweep": rows}


def run_index_scale(
    passages: int,
    queries: int,
    seed: int = 0,
    progress: Progress | None = None,
    topics: int = synthetic.TOPICS,
) -> dict[str, Any]:
    """Build flat and IVF indexes and a BM25 index over synthetic passages; time the search path."""
    say = progress or (lambda message: None)
    flat, ivf, query_vectors, rows, described = _dense(passages, queries, topics, seed, say)
    say(f"synthetic: BM25 over {passages:,} passages")
    mark = time.perf_counter()
    corpus = synthetic.zipf_corpus(passages, seed + 3)
    terms = synthetic.query_terms(corpus, queries, seed + 4)
    lexical = synthetic.lexical_index(corpus)
    del corpus
    bm25_build_s = time.perf_counter() - mark
    say("synthetic: timing the search path")
    return {
        "passages": passages,
        "queries": queries,
        "vectors": described["vectors"],
        "flat": {
            "recall@10": 1.0,
            "queries": min(queries, FLAT_QUERIES),
            **path_latency(flat, lexical, query_vectors[:FLAT_QUERIES], terms[:FLAT_QUERIES]),
        },
        "ivf": {
            **{k: described[k] for k in ("lists", "nprobe", "recall@10", "build_s")},
            **path_latency(ivf, lexical, query_vectors, terms),
        },
        "dense_only_ivf": {k: v for k, v in rows[-1].items() if k.endswith("_ms")},
        "bm25_only": lexical_latency(lexical, terms),
        "bm25_build_s": bm25_build_s,
        "sweep": rows,
    }
