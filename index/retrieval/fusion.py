"""Rank fusion of dense and lexical results, as pure functions over ``(id, score)`` lists."""

from __future__ import annotations

from collections.abc import Sequence

from index.retrieval.scores import best_first

Ranking = Sequence[tuple[int, float]]
"""Items with their scores, best first."""


def rrf(rankings: Sequence[Ranking], k: int = 60) -> list[tuple[int, float]]:
    """Fuse rankings by reciprocal rank: score = sum of 1 / (k + rank), rank from 1."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, (item, _score) in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return best_first(scores.items())


def _min_max(ranking: Ranking) -> dict[int, float]:
    if not ranking:
        return {}
    values = [score for _item, score in ranking]
    low, high = min(values), max(values)
    span = high - low
    return {item: (score - low) / span if span > 0 else 1.0 for item, score in ranking}


def convex(dense: Ranking, lexical: Ranking, alpha: float = 0.5) -> list[tuple[int, float]]:
    """Fuse by a convex combination of min-max normalized scores: alpha weighs the dense side."""
    dense_norm = _min_max(dense)
    lexical_norm = _min_max(lexical)
    items = set(dense_norm) | set(lexical_norm)
    fused = {
        item: alpha * dense_norm.get(item, 0.0) + (1 - alpha) * lexical_norm.get(item, 0.0)
        for item in items
    }
    return best_first(fused.items())
