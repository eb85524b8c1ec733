"""TODO docstring."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

import numpy as np
import numpy.typing as npt


def best(
    scores: npt.NDArray[np.float32] | None, n: int, allowed: np.ndarray | None = None
) -> list[tuple[int, float]]:
    """Return the ``n`` best (passage, score) pairs with a positive score, of flagged passages."""
    if scores is None or n <= 0 or scores.shape[0] == 0:
        return []
    if allowed is not None:
        scores = np.where(allowed, scores, 0.0)
    n = min(n, scores.shape[0])
    top = np.argpartition(-scores, n - 1)[:n]
    order = top[np.argsort(-scores[top], kind="stable")]
    return [(int(i), float(scores[i])) for i in order if scores[i] > 0]


def coverage(
    query_terms: Sequence[str], passage_terms: AbstractSet[str], weights: Sequence[float]
) -> float:
    """Return the share of the query's term weight that the passage contains (0..1)."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    return sum(w for t, w in zip(query_terms, weights, strict=True) if t in passage_terms) / total
