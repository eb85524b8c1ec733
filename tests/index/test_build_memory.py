"""A build holds each freshly embedded slice's vectors only until they are in the index."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

from index.build import vectors
from index.config import PassageEncoderKind
from index.embedding.cache import EmbeddingCache
from index.embedding.encoder import Embedder, Encoded
from index.records import Passage, Span


class _Watched(Embedder):
    """The real model, whose returned sentence vectors are watched for being let go."""

    def __init__(self, real: Embedder) -> None:
        self.__dict__.update(real.__dict__)
        self.returned: list[weakref.ref[np.ndarray]] = []
        self.alive_before_call: list[int] = []

    def encode_passages(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[Span]],
        progress: Callable[[int], None] | None = None,
        encoder: PassageEncoderKind = "fp32",
    ) -> list[Encoded]:
        self.alive_before_call.append(sum(ref() is not None for ref in self.returned))
        encoded = super().encode_passages(texts, sentence_spans, progress, encoder)
        self.returned.extend(weakref.ref(e.sentences) for e in encoded)
        return encoded


def _passages(count: int) -> list[Passage]:
    texts = [
        f"Report {n}: the council met on day {n}. It voted on budget item {n}."
        for n in range(count)
    ]
    return [
        Passage.of(
            article=n, start=0, end=len(t), paragraph=0, article_text=t, sentences=[(0, len(t))]
        )
        for n, t in enumerate(texts)
    ]


def test_a_build_does_not_keep_every_fresh_vector_until_the_end(
    embedder: Embedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectors, "CACHE_SLICE", 4)
    watched = _Watched(embedder)
    passages = _passages(12)
    cache = EmbeddingCache(tmp_path / "cache")
    try:
        result = vectors.embed_passages(passages, watched, cache, lambda *_: None)
    finally:
        cache.close()
    # three slices of 4: while one is embedded, at most the one before it is still held
    assert len(watched.alive_before_call) == 3
    assert max(watched.alive_before_call) <= 4
    assert result.embedded == 12
    again = EmbeddingCache(tmp_path / "cache")
    try:
        cached = vectors.embed_passages(passages, embedder, again, lambda *_: None)
    finally:
        again.close()
    np.testing.assert_allclose(cached.vectors, result.vectors, atol=1e-6)
    np.testing.assert_array_equal(cached.sentence_vectors, result.sentence_vectors)
    assert cached.embedded == 0
