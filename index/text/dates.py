"""Calendar dates as articles and members write them, and the day a question is asked (pure)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
"""Month names and their abbreviations, lower case, to the month's number."""
MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
"""A regex alternative of every month word, longest first."""
MONTH_NAMES = tuple(name for name in calendar.month_name if name)
"""The months' names as written ("January"), in order."""
MONTH_ABBREVIATIONS = tuple(
    name for name in (*calendar.month_abbr, "Sept") if name and name not in MONTH_NAMES
)
"""The months' abbreviations news writes with a full stop ("Jan.", "Sept."; not "May")."""
WEEKDAYS = tuple(calendar.day_name)
"""The weekdays' names as written ("Monday"), Monday first (``date.weekday()``'s order)."""
CALENDAR_WORDS = frozenset(MONTHS) | frozenset(day.lower() for day in WEEKDAYS)
"""Every month and weekday word, lower case: when a question is about, not who or what."""
_WRITTEN = re.compile(rf"^\s*(?:\w+,\s*)?({MONTH_WORD})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})", re.I)
_WRITTEN_DMY = re.compile(rf"^\s*(?:\w+,\s*)?(\d{{1,2}})\s+({MONTH_WORD})\.?,?\s+(\d{{4}})", re.I)
LATEST_OFFSET = dt.timedelta(hours=14)
"""The earliest time zone (UTC+14): an article dated on any calendar day that has begun anywhere
on Earth at ``asked_at`` is not from the future, so a clock or time zone never hides news."""


def parse_date(value: str | None) -> dt.date | None:
    """Return the calendar date an article's ``published`` field names, or None.

    Reads ``2022-06-12`` (also with ``/`` or ``.``, and with a time after it), ``June 12, 2022``
    and ``12 June 2022``; the date as written is taken, whatever time zone follows.
    """
    if not value:
        return None
    text = str(value)
    try:
        if match := _ISO.match(text):
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        if match := _WRITTEN.match(text):
            name, day_text, year_text = match.groups()
            return dt.date(int(year_text), MONTHS[name.lower()], int(day_text))
        if match := _WRITTEN_DMY.match(text):
            day_text, name, year_text = match.groups()
            return dt.date(int(year_text), MONTHS[name.lower()], int(day_text))
    except ValueError:  # 2022-02-31 and the like
        return None
    return None


EARLIEST_DAY = dt.date(2, 1, 1)
"""The earliest day a question's period is counted from: "last year" or "last week" before it
is still a date (``--as-of 0001-01-01`` must not overflow)."""


def names_a_date(value: str) -> bool:
    """Tell whether ``value`` is written as a date (``2024-02-30``), whether or not the day exists.

    A ``published`` value written as a date that ``parse_date`` cannot read names no day.
    """
    return any(form.match(value) for form in (_ISO, _WRITTEN, _WRITTEN_DMY))


def asked_day(asked_at: dt.datetime) -> dt.date:
    """Return the latest calendar day that has begun somewhere on Earth at ``asked_at``.

    A moment past the calendar's end is taken as its last day.
    """
    if asked_at.tzinfo is None:
        asked_at = asked_at.replace(tzinfo=dt.UTC)
    try:
        return (asked_at.astimezone(dt.UTC) + LATEST_OFFSET).date()
    except OverflowError:
        return dt.date.max if asked_at.year > 1 else dt.date.min


def as_of_day(asked_at: dt.datetime) -> dt.date:
    """Return ``asked_day``, taken as ``EARLIEST_DAY`` before it: the day periods count from."""
    return max(asked_day(asked_at), EARLIEST_DAY)


def ordinal_date(ordinal: int) -> dt.date | None:
    """Return the date of a day ordinal from ``published_days`` (None for an undated article)."""
    return dt.date.fromordinal(int(ordinal)) if ordinal > 0 else None


def parse_when(text: str) -> dt.datetime:
    """Return the moment a ``--as-of`` or ``"asked"`` value names (a date is that day, UTC).

    Accepts ``2022-09-08``, ``2022/09/08`` and ISO date-times (``2022-09-08T14:30:00+02:00``);
    a time without a zone is UTC. Raises ``ValueError`` for anything else.
    """
    value = text.strip()
    try:
        moment = dt.datetime.fromisoformat(value.replace("/", "-").replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{text!r} is not a date such as 2022-09-08") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def published_days(published: Sequence[str | None]) -> npt.NDArray[np.int64]:
    """Return each article's date as a day ordinal (0 where it has none), for fast filtering."""
    days = [parse_date(value) for value in published]
    return np.array([d.toordinal() if d is not None else 0 for d in days], dtype=np.int64)
