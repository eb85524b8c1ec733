"""Dense vector search with FAISS: exact inner product by default, HNSW or IVF when large.

``sq8`` keeps each vector as 8-bit codes (a quarter of the memory), searched exhaustively: its
recall against exact search is measured in BENCHMARKS.md. Its approximate scores only rank and
fuse candidates; the cosines shown and used for abstention come from the exact vectors.
"""

from __future__ import annotations

import math
from pathlib import Path

import faiss
import numpy as np
import numpy.typing as npt

from index.config import IndexKind

HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 96
IVF_MIN_PASSAGES = 4096
IVF_TRAIN_PER_LIST = 64
IVF_PROBE_SHARE = 8


def build_dense(vectors: npt.NDArray[np.float32], kind: IndexKind) -> faiss.Index:
    """Return a FAISS index over normalized vectors, searched by inner product (cosine)."""
    dimension = int(vectors.shape[1])
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    index: faiss.Index
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    elif kind == "sq8":
        index = faiss.IndexScalarQuantizer(
            dimension, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
        )
        if len(vectors):
            index.train(vectors)
    elif kind == "ivf" and len(vectors) >= IVF_MIN_PASSAGES:
        # About sqrt(n) lists (a power of two), trained on a sample: k-means over every vector
        # of a million-passage corpus would take many minutes on a small host.
        lists = max(16, 2 ** round(math.log2(math.sqrt(len(vectors)))))
        quantizer = faiss.IndexFlatIP(dimension)
        ivf = faiss.IndexIVFFlat(quantizer, dimension, lists, faiss.METRIC_INNER_PRODUCT)
        rng = np.random.default_rng(0)
        sample = min(len(vectors), IVF_TRAIN_PER_LIST * lists)
        ivf.train(vectors[rng.choice(len(vectors), sample, replace=False)])
        # lists/8: on real news vectors, probing fewer lists lost too much of exact search's top
        # 10 (BENCHMARKS.md).
        ivf.nprobe = max(8, lists // IVF_PROBE_SHARE)
        index = ivf
    else:  # flat, or IVF on a corpus too small to train clusters on
        index = faiss.IndexFlatIP(dimension)
    index.add(vectors)
    return index


def _only(index: faiss.Index, bits: npt.NDArray[np.uint8]) -> faiss.SearchParameters:
    """Return search parameters that keep the index's own settings and skip unset bits."""
    params: faiss.SearchParameters
    if isinstance(index, faiss.IndexHNSWFlat):
        params = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]  # missing in stubs
        params.efSearch = index.hnsw.efSearch  # type: ignore[attr-defined]
    elif isinstance(index, faiss.IndexIVFFlat):
        params = faiss.SearchParametersIVF()
        params.nprobe = index.nprobe
    else:
        params = faiss.SearchParameters()
    params.sel = faiss.IDSelectorBitmap(int(index.ntotal), faiss.swig_ptr(bits))
    return params


def search_dense(
    index: faiss.Index,
    query: npt.NDArray[np.float32],
    n: int,
    allowed: npt.NDArray[np.bool_] | None = None,
) -> list[tuple[int, float]]:
    """Return up to ``n`` (passage, cosine) pairs for one normalized query vector.

    ``allowed`` (one flag per passage) restricts the search to the flagged passages.
    """
    n = min(n, int(index.ntotal))
    if n <= 0:
        return []
    vector = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    if allowed is not None:
        bits = np.packbits(allowed, bitorder="little")  # referenced until the search returns
        scores, ids = index.search(vector, n, params=_only(index, bits))
    else:
        scores, ids = index.search(vector, n)
    return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]


def save_dense(index: faiss.Index, path: Path) -> None:
    """Write the index to a file."""
    faiss.write_index(index, str(path))


def load_dense(path: Path) -> faiss.Index:
    """Read an index written by ``save_dense``; restores search-time parameters."""
    index = faiss.read_index(str(path))
    if isinstance(index, faiss.IndexHNSWFlat):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    return index
