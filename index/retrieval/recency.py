"""The recency prior: an article's fused score weighed by how close its date is to the period.

The prior multiplies an article's fused score by ``1 - weight * (1 - closeness)``, where
``closeness`` is 1 for an article published inside the period the question asks about
(``index.question.period``) and decays with the days outside it (``exp(-days / scale)``), so an
article far from the period loses at most ``weight`` of its score: relevance still dominates,
time breaks near-ties and demotes stale near-matches. An undated article gets the mean factor of
the dated candidates (neither helped nor hurt); a coverage whose candidates share one date is
reordered by nothing. Pure: dates in, numbers out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from index.config import SearchSettings
from index.question.period import TimeFrame
from index.retrieval.scores import best_first


@dataclass(frozen=True)
class TimePrior:
    """The recency prior for one question: its period, how strongly it prefers it, and the decay."""

    start: dt.date
    end: dt.date
    weight: float
    scale_days: float


def time_prior(frame: TimeFrame, settings: SearchSettings) -> TimePrior:
    """Return the prior for a question's period, its strength set by how the period was named.

    A recency cue or an explicit time weighs ``recent_weight``; no time ``news_weight``; what
    happened ``past_weight``; a definition nothing; ``recency_weight`` scales them all.
    """
    strengths = {
        "recent": settings.recent_weight,
        "explicit": settings.recent_weight,
        "news": settings.news_weight,
        "past": settings.past_weight,
    }
    weight = strengths.get(frame.kind, 0.0) * settings.recency_weight
    return TimePrior(frame.start, frame.end, weight, settings.recency_scale_days)


def closeness(published: dt.date, period: TimePrior) -> float:
    """Return 1 for an article published inside the period, decaying with the days outside it."""
    if period.start <= published <= period.end:
        return 1.0
    if published < period.start:
        days = (period.start - published).days
    else:
        days = (published - period.end).days
    return math.exp(-days / period.scale_days)


def prior(score: float, published: dt.date | None, period: TimePrior) -> float:
    """Return ``score`` weighed by the article's date (an undated article is left as it is)."""
    if published is None:
        return score
    # A weight above 1 (``recency_weight`` over 1/0.7) must not make a score negative.
    return score * max(0.0, 1.0 - period.weight * (1.0 - closeness(published, period)))


def reweigh(
    fused: Sequence[tuple[int, float]],
    dates: Sequence[dt.date | None],
    period: TimePrior,
) -> list[tuple[int, float]]:
    """Return the fused ``(passage, score)`` list weighed by the prior, best first.

    ``dates`` are the candidates' article dates, aligned with ``fused``. Undated candidates get
    the mean factor of the dated ones, so they neither rise nor sink against them as a whole.
    Factors are taken relative to the best one: candidates that all share a date keep their
    scores exactly.
    """
    if period.weight <= 0 or not fused:
        return list(fused)
    factors = [None if d is None else prior(1.0, d, period) for d in dates]
    known = [f for f in factors if f is not None]
    if not known:
        return list(fused)
    neutral = sum(known) / len(known)
    best = max(known)  # the best-placed candidates keep their score exactly
    if best <= 0:  # every dated candidate far outside the period, at a weight of 1 or more
        return list(fused)
    weighed = [
        (item, score * (neutral if factor is None else factor) / best)
        for (item, score), factor in zip(fused, factors, strict=True)
    ]
    return best_first(weighed)


def not_after(days: npt.NDArray[np.int64], asked: dt.date) -> npt.NDArray[np.bool_]:
    """Return which articles may be quoted as of ``asked``: undated, or published by then."""
    return (days == 0) | (days <= asked.toordinal())
