"""The benchmark arithmetic on hand-made cases: percentiles, ratios, throughput, recall."""

import numpy as np
import pytest

from benchmarks.stats import per_10k, percentiles, ratio, recall_at_k, throughput


def test_percentiles_interpolate_linearly():
    """p50/p95/p99 of 1..101 ms are 51, 96 and 100 ms; the mean is 51."""
    figures = percentiles([float(v) for v in range(1, 102)])
    assert figures == {"p50_ms": 51.0, "p95_ms": 96.0, "p99_ms": 100.0, "mean_ms": 51.0}


def test_percentiles_between_samples():
    """Between two samples the percentile is interpolated: p95 of (10, 20) is 19.5."""
    figures = percentiles([20.0, 10.0])
    assert figures["p50_ms"] == pytest.approx(15.0)
    assert figures["p95_ms"] == pytest.approx(19.5)
    assert figures["p99_ms"] == pytest.approx(19.9)


def test_percentiles_of_one_sample_and_none():
    """One sample is every percentile; no sample is an error, not a zero."""
    assert set(percentiles([7.0]).values()) == {7.0}
    with pytest.raises(ValueError):
        percentiles([])


def test_ratio_and_missing_values():
    """A ratio divides; a missing value or a zero divisor gives None."""
    assert ratio(27.0, 30.0) == pytest.approx(0.9)
    assert ratio(None, 3.0) is None
    assert ratio(3.0, None) is None
    assert ratio(3.0, 0.0) is None


def test_throughput_and_per_10k():
    """Passages per second and a figure scaled to 10,000 passages."""
    assert throughput(1000, 40.0) == 25.0
    with pytest.raises(ValueError):
        throughput(10, 0.0)
    assert per_10k(50.0, 25_000) == 20.0
    assert per_10k(50.0, 0) is None


def test_recall_counts_shared_ids_in_the_top_k():
    """Recall@2 is the share of exact top-2 ids found in the approximate top 2, over all queries."""
    exact = np.array([[1, 2, 3], [4, 5, 6]])
    found = np.array([[2, 9, 1], [4, 5, 6]])
    assert recall_at_k(exact, found, 2) == pytest.approx(3 / 4)
    assert recall_at_k(exact, exact, 3) == 1.0


def test_recall_ignores_missing_results():
    """FAISS's -1 (no result) never matches, not even a -1 in the exact list."""
    exact = np.array([[1, 2]])
    found = np.array([[1, -1]])
    assert recall_at_k(exact, found, 2) == 0.5
    with pytest.raises(ValueError):
        recall_at_k(exact, np.array([[1, 2], [3, 4]]), 2)
