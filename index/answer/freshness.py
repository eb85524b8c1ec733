"""How fresh the coverage of a subject is: the newest quoted date, and a note when it is old."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from index.text.dates import as_of_day, parse_date


def latest_date(published: Iterable[str | None]) -> dt.date | None:
    """Return the newest of some articles' dates, or None when none is dated."""
    dates = [d for d in (parse_date(value) for value in published) if d is not None]
    return max(dates, default=None)


STALE_DAYS = 30
"""An answer whose newest article is older than this says how old the coverage is."""


def age_phrase(days: int) -> str:
    """Return an age in words: "45 days", "3 months", "2 years"."""
    if days < 60:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 730:
        return f"{days // 30} months"
    return f"{days // 365} years"


def freshness_note(latest: dt.date | None, asked_at: dt.datetime | None) -> str | None:
    """Return "Latest coverage on this: 3 months old" when the newest hit is stale, else None."""
    if latest is None or asked_at is None:
        return None
    days = (as_of_day(asked_at) - latest).days
    if days <= STALE_DAYS:
        return None
    return f"Latest coverage on this: {age_phrase(days)} old ({latest.isoformat()})"
