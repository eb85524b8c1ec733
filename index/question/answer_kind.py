"""What kind of answer a question asks for, and whether a sentence holds one (pure, regexes only).

"How long" wants a duration, "when" a date or a duration, "how much" an amount, "how many" a
number. ("Who" is left open: without a tagger, "American Civil Liberties Union" and "Amazon
Rekognition" look as much like a person's name as "Joy Buolamwini" does.) A sentence holding
that kind of expression is more likely to be the answer than one that only shares the question's
words; the highlight and the ranking give it a small bonus. No model runs: these are plain
patterns over the sentence text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from index.text.dates import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAYS
from index.text.terms import term_set
from index.text.terms import terms as stems_of

AnswerKind = Literal["duration", "date", "amount", "number"]

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few|"
    r"couple of|\d+(?:[.,]\d+)?"
)
_UNITS = r"(?:second|minute|hour|day|week|month|year|decade|century|centuries)s?"
# "two years", "one-year", "12 months"; "a year" only as a span ("for a year", "in a year"), not
# as a rate ("$7 a month").
_DURATION = re.compile(
    rf"\b(?:{_NUMBER_WORDS})[-\s]{_UNITS}\b|"
    rf"\b(?:for|in|within|over|after|about|nearly|almost|until) (?:a|an|half an?) {_UNITS}\b|"
    r"\buntil\b",
    re.IGNORECASE,
)
_MONTHS = "|".join((*MONTH_NAMES, *(rf"{abbreviation}\." for abbreviation in MONTH_ABBREVIATIONS)))
_DATE = re.compile(
    rf"\b(?:{_MONTHS})\b|\b(?:{'|'.join(WEEKDAYS)})\b|"
    r"\b(?:1[5-9]|20)\d\d\b|\b(?:yesterday|today|tomorrow|ago|last (?:year|month|week)|"
    r"next (?:year|month|week))\b",
)
_AMOUNT = re.compile(
    r"[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:%|percent|dollars|euros|pounds|yuan|yen|"
    r"million|billion|trillion)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\b\d[\d,.]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"dozens?|hundreds?|thousands?|millions?)\b",
    re.IGNORECASE,
)

_QUESTIONS: tuple[tuple[re.Pattern[str], AnswerKind], ...] = (
    (re.compile(r"\bhow long\b|\bfor how\b|\bhow many (?:years|months|weeks|days|hours)\b"),
     "duration"),
    (re.compile(r"\bwhen\b|\bwhat (?:year|month|day|date)\b"), "date"),
    (re.compile(r"\bhow much\b|\bwhat (?:price|amount)\b|\bcost\b"), "amount"),
    (re.compile(r"\bhow many\b|\bwhat number\b"), "number"),
)
_PATTERNS: dict[AnswerKind, tuple[re.Pattern[str], ...]] = {
    "duration": (_DURATION,),
    "date": (_DATE, _DURATION),
    "amount": (_AMOUNT,),
    "number": (_NUMBER,),
}


def answer_kind(question: str) -> AnswerKind | None:
    """Return the kind of answer the question asks for, or None when it is open."""
    lower = question.lower()
    for pattern, kind in _QUESTIONS:
        if pattern.search(lower):
            return kind
    return None


def holds(kind: AnswerKind | None, sentence: str) -> bool:
    """Tell whether a sentence holds an expression of the asked kind."""
    if kind is None:
        return False
    return any(pattern.search(sentence) for pattern in _PATTERNS[kind])


_WHO = re.compile(r"^\s*(?:and\s+)?(?:who|whom|whose)\b|\bwhich (?:company|companies|group|"
                  r"organi[sz]ation|person|people|agency|agencies|official|lawmakers?)\b", re.I)


_WHERE = re.compile(r"^\s*(?:and\s+)?where\b|\bwhat (?:city|country|state|place|town)\b|"
                    r"\bin which (?:city|country|state|town)\b", re.I)


_WHY = re.compile(r"^\s*(?:and\s+)?why\b|\bwhat (?:caused|prompted|led)\b|\bfor what reason\b",
                  re.I)


@dataclass(frozen=True)
class Asked:
    """What a question asks, as the features need it."""

    kind: AnswerKind | None
    """The kind of answer asked ("how many": a number), as ``answer_kind`` reads it."""
    who: bool
    where: bool
    why: bool
    terms: frozenset[str]
    """The question's stems, names included."""
    pairs: frozenset[tuple[str, str]]
    """The question's neighbouring stems ("facial recognit"), as phrases to find."""


def asked(question: str, kind: AnswerKind | None) -> Asked:
    """Return what ``question`` asks for (pure)."""
    return Asked(
        kind=kind,
        who=bool(_WHO.search(question)),
        where=bool(_WHERE.search(question)),
        why=bool(_WHY.search(question)),
        terms=term_set(question),
        pairs=word_pairs(stems_of(question)),
    )


def word_pairs(stems: Sequence[str]) -> frozenset[tuple[str, str]]:
    """Return the neighbouring stems of a text, as phrases to find."""
    return frozenset(itertools.pairwise(stems))
