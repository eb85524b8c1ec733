"""One contract for every FAISS index kind: exact self-match, and recall close to exact search."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.store.dense import build_dense, load_dense, save_dense, search_dense


def clustered_vectors(count: int, topics: int, seed: int = 0) -> np.ndarray:
    """Return normalized vectors grouped around random topic centres, like real passages."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((topics, 64)).astype(np.float32)
    vectors = centres[rng.integers(0, topics, count)] + 0.6 * rng.standard_normal((count, 64))
    vectors = vectors.astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf", "sq8"])
def test_index_kinds_find_what_exact_search_finds(kind: str, tmp_path: Path) -> None:
    """Each kind finds a stored vector first and keeps recall@10 >= 0.9 of exact search."""
    vectors = clustered_vectors(6000, 60)
    exact = build_dense(vectors, "flat")
    index = load_dense(_saved(build_dense(vectors, kind), tmp_path / f"{kind}.faiss"))
    queries = clustered_vectors(50, 60, seed=1)
    overlap = []
    for query in queries:
        truth = {i for i, _ in search_dense(exact, query, 10)}
        found = {i for i, _ in search_dense(index, query, 10)}
        overlap.append(len(truth & found) / 10)
    assert float(np.mean(overlap)) >= 0.9
    assert search_dense(index, vectors[123], 1)[0][0] == 123
    scores = [s for _, s in search_dense(index, queries[0], 10)]
    assert scores == sorted(scores, reverse=True)


def _saved(index, path: Path):
    save_dense(index, path)
    return path
