"""Post-fusion ranking steps: collapse near-duplicates and spread hits over articles (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

TEXT_KEY_CACHE = 2048


@lru_cache(maxsize=TEXT_KEY_CACHE)
def text_key(text: str) -> str:
    """Return what two copies of one text share: its words, lower-cased, single-spaced."""
    return " ".join(text.split()).lower()


def collapse_duplicates(
    ranked: Sequence[int],
    vectors: npt.NDArray[np.float32],
    texts: Sequence[str],
    threshold: float,
) -> list[int]:
    """Keep each passage unless a better-ranked one has the same text or a cosine >= threshold.

    ``vectors`` and ``texts`` are aligned with ``ranked``; syndicated copies of one story collapse
    into their best-ranked copy.
    """
    similarity = vectors @ vectors.T  # one small matrix instead of a product per candidate
    # Each candidate's highest similarity to a passage kept so far (its row against theirs).
    closest = np.full(len(ranked), -np.inf, dtype=similarity.dtype)
    kept: list[int] = []
    seen_texts: set[str] = set()
    for row, item in enumerate(ranked):
        key = text_key(texts[row])
        if key in seen_texts or closest[row] >= threshold:
            continue
        kept.append(item)
        seen_texts.add(key)
        np.maximum(closest, similarity[:, row], out=closest)
    return kept


def spread_articles(
    ranked: Sequence[int], article_of: Sequence[int], k: int, per_article: int
) -> list[int]:
    """Reorder so that the first ``k`` hold at most ``per_article`` passages of one article.

    Passages pushed back keep their order and follow; when there are too few articles to fill
    ``k``, the best remaining passages fill it anyway.
    """
    first: list[int] = []
    deferred: list[int] = []
    counts: dict[int, int] = {}
    for position, item in enumerate(ranked):
        article = article_of[position]
        if len(first) < k and counts.get(article, 0) < per_article:
            first.append(item)
            counts[article] = counts.get(article, 0) + 1
        else:
            deferred.append(item)
    while len(first) < k and deferred:
        first.append(deferred.pop(0))
    return first + deferred
