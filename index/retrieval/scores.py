"""How much of a question's term weight a passage or sentence holds (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet


def best_first(pairs: Iterable[tuple[int, float]]) -> list[tuple[int, float]]:
    """Return ``(passage, score)`` pairs best first, ties in passage order (deterministic)."""
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))


def weight_share(
    query_terms: Sequence[str], passage_terms: AbstractSet[str], weights: Sequence[float]
) -> float:
    """Return the share of the query's term weight that the passage contains (0..1)."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    return sum(w for t, w in zip(query_terms, weights, strict=True) if t in passage_terms) / total
