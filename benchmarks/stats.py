"""Pure arithmetic of the benchmarks: percentiles, ratios, recall against exact search."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

PERCENTILES = (50, 95, 99)


def percentiles(samples_ms: Sequence[float]) -> dict[str, float]:
    """Return ``p50``, ``p95``, ``p99`` and ``mean`` of timings (linear interpolation)."""
    if not samples_ms:
        raise ValueError("no timings to summarize")
    values = np.asarray(samples_ms, dtype=np.float64)
    figures = {f"p{q}_ms": float(np.percentile(values, q)) for q in PERCENTILES}
    figures["mean_ms"] = float(values.mean())
    return figures


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """Return ``numerator / denominator``, or None when either is missing or the divisor is 0."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def throughput(items: int, seconds: float) -> float:
    """Return items per second."""
    if seconds <= 0:
        raise ValueError("a duration must be positive")
    return items / seconds


def per_10k(total: float, passages: int) -> float | None:
    """Return a total (bytes, MB) scaled to 10,000 passages."""
    return None if passages <= 0 else total * 10_000 / passages


def recall_at_k(exact: npt.NDArray[np.int64], found: npt.NDArray[np.int64], k: int = 10) -> float:
    """Return the share of the exact top-``k`` ids (over all queries) found in the top ``k``.

    Rows are queries; ``-1`` (FAISS's "no result") never counts as found.
    """
    if exact.shape[0] != found.shape[0]:
        raise ValueError("exact and found must have one row a query")
    if exact.shape[0] == 0:
        raise ValueError("no queries")
    hits = 0
    total = 0
    for truth, got in zip(exact[:, :k], found[:, :k], strict=True):
        wanted = {int(i) for i in truth if i >= 0}
        hits += len(wanted & {int(i) for i in got if i >= 0})
        total += len(wanted)
    return hits / total if total else 1.0
