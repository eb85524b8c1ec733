"""A build's vectors: every passage's and its sentences', and each article title's.

Reused passages copy theirs from the serving index in bulk; the others come from the
content-keyed embedding cache or, when missing there, from the model (and are cached).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from index.build.progress import ProgressFn
from index.config import PassageEncoderKind
from index.embedding.cache import EmbeddingCache, cache_key
from index.embedding.encoder import Embedder, Encoded
from index.records import Article, Passage
from index.store.bm25 import expand_rows
from index.store.folder import IndexData

CACHE_SLICE = 128


@dataclass(frozen=True)
class PassageVectors:
    """Every passage's vector and its sentences' vectors, row-aligned with the passages."""

    vectors: np.ndarray
    sentence_vectors: np.ndarray
    sentence_offsets: np.ndarray
    embedded: int


def _copy_reused(
    target: PassageVectors, previous: IndexData, rows: np.ndarray, sources: np.ndarray
) -> None:
    """Copy reused passages' vectors from the previous index in bulk (no per-passage work)."""
    target.vectors[rows] = previous.vectors[sources]
    source_rows = expand_rows(previous.sentence_offsets, sources)
    target_rows = expand_rows(target.sentence_offsets, rows)
    target.sentence_vectors[target_rows] = previous.sentence_vectors[source_rows]


def embed_passages(
    passages: list[Passage],
    embedder: Embedder,
    cache: EmbeddingCache,
    progress: ProgressFn,
    previous: IndexData | None = None,
    sources: list[int] | None = None,
    encoder: PassageEncoderKind = "fp32",
) -> PassageVectors:
    """Return every passage's vectors: reused, from the cache, or computed (and cached).

    The cache keeps each ``encoder``'s vectors apart (``Embedder.passage_model_id``).
    """
    offsets = np.zeros(len(passages) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([p.sentence_count for p in passages])
    result = PassageVectors(
        np.zeros((len(passages), embedder.dimension), dtype=np.float32),
        np.zeros((int(offsets[-1]), embedder.dimension), dtype=np.float16),
        offsets,
        0,
    )
    source_rows = np.asarray(sources if sources is not None else [-1] * len(passages))
    reused = np.flatnonzero(source_rows >= 0) if previous is not None else np.zeros(0, int)
    if len(reused):
        assert previous is not None  # noqa: S101 - reused rows imply a previous index
        _copy_reused(result, previous, reused, source_rows[reused])
    todo = sorted(set(range(len(passages))) - set(reused.tolist()))
    model_id = embedder.passage_model_id(encoder)
    keys = {i: cache_key(model_id, passages[i].text, passages[i].sentences) for i in todo}
    found = cache.get_many(list(keys.values()))
    missing = [i for i in todo if keys[i] not in found]
    done = 0
    progress("embedding", 0, len(missing))

    def advance(count: int) -> None:
        nonlocal done
        done += count
        progress("embedding", done, len(missing))

    # Embed in slices, caching each one, so a build killed midway keeps the work it did; each
    # slice goes straight into the result, so no more than one slice's vectors are held twice.
    for begin in range(0, len(missing), CACHE_SLICE):
        rows = missing[begin : begin + CACHE_SLICE]
        fresh = embedder.encode_passages(
            [passages[i].text for i in rows],
            [passages[i].sentences for i in rows],
            advance,
            encoder,
        )
        new_items = [(keys[i], encoded) for i, encoded in zip(rows, fresh, strict=True)]
        cache.put_many(new_items)
        for i, encoded in zip(rows, fresh, strict=True):
            _place(result, i, encoded)
    for i in todo:
        entry = found.get(keys[i])
        if entry is not None:
            _place(result, i, entry)
    return replace(result, embedded=len(missing))


def _place(result: PassageVectors, row: int, entry: Encoded) -> None:
    """Write one passage's vectors into its row of the result."""
    offsets = result.sentence_offsets
    result.vectors[row] = entry.vector
    result.sentence_vectors[offsets[row] : offsets[row + 1]] = entry.sentences


def embed_titles(
    articles: tuple[Article, ...], embedder: Embedder, cache: EmbeddingCache
) -> np.ndarray:
    """Return one normalized vector per article title, cached like passages."""
    model_id = f"{embedder.name}\0{embedder.weights_hash}\0title"
    keys = [cache_key(model_id, a.title, ()) for a in articles]
    found = cache.get_many(keys)
    missing = [i for i, key in enumerate(keys) if key not in found]
    if missing:
        vectors = embedder.encode_plain([articles[i].title for i in missing])
        empty = np.zeros((0, embedder.dimension), dtype=np.float32)
        items = [(keys[i], Encoded(v, empty)) for i, v in zip(missing, vectors, strict=True)]
        cache.put_many(items)
        found.update(items)
    return np.vstack([found[key].vector for key in keys]).astype(np.float32)
