"""The period a question asks about, and how strongly articles from it are to be preferred.

News is about time. A question is asked at a moment (``asked_at``): articles published after it
did not exist yet and are never quoted, and among the rest the ranking prefers articles published
in the period the question is about (``index.retrieval.recency``). That period comes from the
question's words:

- a recency cue ("this week", "today", "recently", "latest", "new", "now", a weekday, ...) asks
  about the last week (or the day named) before ``asked_at``: strong prior;
- an explicit time ("in 2020", "last June", "in March 2021", "last year") asks about that period:
  strong prior, centred there;
- a definition ("What is Rekognition?", "Who is Ron Wyden?") is timeless: no prior;
- a question about what happened, naming no time, breaks near ties only (``asks_past``);
- any other question to a news bot is about recent news: a milder prior on the last week.

A question naming a period and nothing else asks for that period's news (``asks_for_news``).
Pure: the question's text and the moment asked in, a frame out.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from index.lexicon import words
from index.text.dates import CALENDAR_WORDS, EARLIEST_DAY, MONTH_WORD, MONTHS, WEEKDAYS, asked_day

RECENT_DAYS = 7
"""A recency cue means the week before the question (news quizzes ask about "this week")."""
FrameKind = Literal["recent", "explicit", "news", "past", "timeless"]
"""``recent``, ``explicit``, ``news``, ``past`` or ``timeless``: ``news`` and ``past`` name no
period; ``past`` asks what happened (``asks_past``), ``news`` how things stand."""


@dataclass(frozen=True)
class TimeFrame:
    """The period a question asks about, and how it names it (``kind``).

    How strongly each kind prefers its period's articles is the ranking's business: the search
    settings' ``recent_weight``, ``news_weight`` and ``past_weight`` (``index.retrieval.recency``).
    """

    asked: dt.date
    """The last calendar day begun anywhere at ``asked_at``: later articles are excluded."""
    start: dt.date
    end: dt.date
    kind: FrameKind


_RECENT = re.compile(
    r"\b(this|past|last|previous)\s+(week|weekend|few days|days)\b"
    r"|\b(this|past)\s+(month)\b"
    r"|\b(today|tonight|yesterday|currently|recently|recent|latest|newest|now|lately|just|"
    r"so far|upcoming|soon|days ago|this morning|this afternoon|this evening|breaking)\b",
    re.I,
)
_LAST_WEEK = re.compile(r"\b(?:last|previous)\s+(?:week|weekend)\b", re.I)
_NEW = re.compile(r"\b(?:new|newly)\b")
"""Lower case only: "New York" or "New Zealand" is a name, not a recency cue."""
_WEEKDAY = re.compile(rf"\b(?:on|early|late|last|this|since)\s+({'|'.join(WEEKDAYS)})\b", re.I)
_WEEKDAYS = [name.lower() for name in WEEKDAYS]
_YEAR = re.compile(r"\b(?:in|during|since|from|of|back in|throughout|through)\s+((?:19|20)\d\d)\b")
_BARE_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_DAY_MONTH_YEAR = re.compile(
    rf"\b({MONTH_WORD})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I
)
_MONTH_YEAR = re.compile(rf"\b({MONTH_WORD})\.?,?\s+((?:19|20)\d\d)\b", re.I)
_MONTH = re.compile(
    rf"\b(?:in|during|since|last|this|early|late|mid|of)[-\s]+({MONTH_WORD})\b", re.I
)
_LAST_YEAR = re.compile(r"\blast year\b", re.I)
_THIS_YEAR = re.compile(r"\b(?<!later )(?:this|so far this|earlier this) year\b", re.I)
_LAST_MONTH = re.compile(r"\blast month\b", re.I)
_DEFINITION = re.compile(
    r"^\s*(?:(?:what|who)\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?[\w'’.\- ]{1,40}"
    r"|what\s+does\s+.+\s+(?:mean|stand for)"
    r"|(?:define|definition of)\s+.+"
    r"|how\s+does\s+.+\s+work)\s*\??\s*$",
    re.I,
)
_DEFINITION_WORDS = 6
"""A "what is X?" question of at most this many words asks for a definition, not for news."""


def _month_frame(asked: dt.date, month: int, year: int | None, strictly_past: bool) -> tuple:
    if year is None:
        year = asked.year
        if month > asked.month or (strictly_past and month == asked.month):
            year -= 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, 1), dt.date(year, month, last)


def time_frame(question: str, asked_at: dt.datetime) -> TimeFrame:
    """Return the period ``question`` asks about, as of ``asked_at``, and how it names it.

    The frame's ``asked`` is the day itself, even before ``EARLIEST_DAY`` (from which periods
    are counted), so that what was published by then is said of the day asked.
    """
    day = asked_day(asked_at)
    start, end, kind = _frame(question, max(day, EARLIEST_DAY))
    return TimeFrame(day, start, end, kind)


def _frame(question: str, asked: dt.date) -> tuple[dt.date, dt.date, FrameKind]:
    week = asked - dt.timedelta(days=RECENT_DAYS)
    recent = _RECENT.search(question) or _NEW.search(question)
    if match := _WEEKDAY.search(question):
        weekday = _WEEKDAYS.index(match.group(1).lower())
        day = asked - dt.timedelta(days=(asked.weekday() - weekday) % 7)
        return (day, asked, "recent")
    if recent is not None:
        if _LAST_WEEK.search(question):  # the week before this one, and this one so far
            week -= dt.timedelta(days=RECENT_DAYS)
        return (week, asked, "recent")
    explicit = _explicit(question, asked)
    if explicit is not None:
        start, end = explicit
        return (start, min(end, asked), "explicit")
    words = len(question.split())
    if words <= _DEFINITION_WORDS and _DEFINITION.match(question):
        return (week, asked, "timeless")
    if asks_past(question):
        return (week, asked, "past")
    return (week, asked, "news")


_PAST_AUXILIARY = re.compile(r"\b(?:did|didn't|was|wasn't|were|weren't|had|hadn't)\b", re.I)
# A verb in -ed among the question's first words ("Which schools closed", "Who voted"): five
# letters or more, and not -eed ("proceed", "speed") or "hundred".
_PAST_VERB = re.compile(r"^\W*(?:\S+\s+){1,4}?(?!\w*eed\b|hundred\b)[A-Za-z]{3,}ed\b")


def asks_past(question: str) -> bool:
    """Tell whether a question asks what happened, in the past tense.

    "How many drones did Aerlume ground?" and "Who voted against it?" do; "Which state has the
    highest gas price?" and "Which product remains hard to find?" ask how things stand now. An
    adjective in -ed ("the proposed law") reads as past too.
    """
    return bool(_PAST_AUXILIARY.search(question) or _PAST_VERB.search(question))


def _explicit(question: str, asked: dt.date) -> tuple[dt.date, dt.date] | None:
    if match := _DAY_MONTH_YEAR.search(question):
        name, day, year = match.groups()
        with contextlib.suppress(ValueError):
            date = dt.date(int(year), MONTHS[name.lower()], int(day))
            return date, date
    if match := _MONTH_YEAR.search(question):
        month = MONTHS[match.group(1).lower()]
        return _month_frame(asked, month, int(match.group(2)), False)
    if match := _MONTH.search(question):
        month = MONTHS[match.group(1).lower()]
        last = match.group(0).lower().startswith("last")
        if last or month <= asked.month:  # "during November" asked in August: maybe upcoming
            return _month_frame(asked, month, None, last)
    if _LAST_MONTH.search(question):
        first = asked.replace(day=1) - dt.timedelta(days=1)
        return _month_frame(asked, first.month, first.year, False)
    if _LAST_YEAR.search(question):
        return dt.date(asked.year - 1, 1, 1), dt.date(asked.year - 1, 12, 31)
    if _THIS_YEAR.search(question):
        return dt.date(asked.year, 1, 1), asked
    years = [int(y) for y in _YEAR.findall(question)] or [
        int(y) for y in _BARE_YEAR.findall(question)
    ]
    past = [y for y in years if y < asked.year]
    if past and len(past) == len(years):
        return dt.date(min(past), 1, 1), dt.date(max(past), 12, 31)
    return None


_CARRIED = (
    _WEEKDAY,
    re.compile(
        r"\b(?:this|past|last|previous)\s+(?:week|weekend|few days|month)\b"
        r"|\b(?:today|tonight|yesterday|recently|lately|this morning|this afternoon"
        r"|this evening)\b",
        re.I,
    ),
    _DAY_MONTH_YEAR,
    _MONTH_YEAR,
    _MONTH,
    _LAST_MONTH,
    _LAST_YEAR,
    _THIS_YEAR,
    _YEAR,
)
"""Time phrases that stand as a question's adverbial ("this week", "in 2020", "last June"): a
follow-up inherits them. Words that only colour a question ("latest", "new", "now") are not."""


def time_phrase(question: str) -> str | None:
    """Return the phrase that names the period a question asks about, as written, or None."""
    for pattern in _CARRIED:
        if match := pattern.search(question):
            return match.group(0)
    return None


_WORD = re.compile(r"[a-z0-9]+")
_PERIOD_ONLY = words("period_words") | CALENDAR_WORDS


def asks_for_news(question: str, frame: TimeFrame) -> bool:
    """Tell whether a question names a period and nothing else to look for."""
    if frame.kind not in ("recent", "explicit"):
        return False
    words = _WORD.findall(question.lower())
    return bool(words) and all(w in _PERIOD_ONLY or w.isdigit() for w in words)
