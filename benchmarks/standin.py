"""A stand-in passage encoder, to build a full-size index when its embeddings are not cached yet.

Embedding the whole RealTime QA dev corpus takes many minutes on a small machine. For the figures
that depend on the index's size rather than on its vectors' meaning (the search part of ``ask``,
an incremental rebuild's reading, chunking, indexing and publishing, loading, memory), the first
fill of an index can use seeded random unit vectors instead; questions and every passage embedded
after the fill still go through the real model. Such an index never touches a shared cache.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from index.config import PassageEncoderKind
from index.embedding.encoder import Embedder, Encoded
from index.records import Span


class StandInEmbedder(Embedder):
    """The real model for questions and tokens; random unit vectors for passages while filling."""

    def __init__(self, real: Embedder, seed: int = 0, titles: bool = False) -> None:
        self.__dict__.update(real.__dict__)
        self._real = real
        self._rng = np.random.default_rng(seed)
        self.filling = True
        self.titles = titles
        """Also stand in for article titles while filling (``encode_plain``): a corpus of
        100,000 articles spends minutes on its titles alone. Only for an engine that is not
        asked questions while filling, since questions fall back on ``encode_plain``."""

    def _unit(self, rows: int) -> np.ndarray:
        vectors = self._rng.standard_normal((rows, self.dimension), dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

    def encode_plain(self, texts: Sequence[str], show_progress: bool = False) -> np.ndarray:
        """Return random vectors for titles while filling, if asked to; else the real model's."""
        if self.filling and self.titles:
            return self._unit(len(texts))
        return self._real.encode_plain(texts, show_progress)

    def encode_passages(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[Span]],
        progress: Callable[[int], None] | None = None,
        encoder: PassageEncoderKind = "fp32",
    ) -> list[Encoded]:
        """Return random vectors while filling, the real model's afterwards."""
        if not self.filling:
            return self._real.encode_passages(texts, sentence_spans, progress, encoder)
        encoded = [Encoded(self._unit(1)[0], self._unit(len(s))) for s in sentence_spans]
        if progress is not None:
            progress(len(texts))
        return encoded
