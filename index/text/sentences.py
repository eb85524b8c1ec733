"""Split text into paragraphs and sentences, as exact character spans (pure functions)."""

from __future__ import annotations

import hashlib
import re

from index.lexicon import words
from index.records import Span
from index.text.dates import MONTH_ABBREVIATIONS

_ABBREVIATIONS = (
    words("abbreviations")
    | {title.rstrip(".") for title in words("titles") if title.endswith(".")}
    | {month.lower() for month in MONTH_ABBREVIATIONS}
)
"""Words written with a full stop that ends no sentence ("Sen.", "Jr.", "Jan.", "U.S")."""
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+)")
_NEXT_STARTS_SENTENCE = re.compile(r"\s+[\"'“‘(\[]*[A-Z0-9À-Ý]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)\.$")
RULES = hashlib.sha256(
    "\n".join(
        (*sorted(_ABBREVIATIONS), _BOUNDARY.pattern, _NEXT_STARTS_SENTENCE.pattern)
    ).encode()
).hexdigest()[:12]
"""A fingerprint of the splitting rules. A build records it (``index.build.settings``): an index
whose passages were cut by other rules (an upgrade that knows one more abbreviation) is cut
again rather than served with sentence spans the engine would no longer draw."""


def paragraph_spans(text: str) -> list[Span]:
    """Return spans of the non-empty paragraphs: blank-line separated, else one per line."""
    separator = (
        re.compile(r"\n[ \t]*\n\s*") if re.search(r"\n[ \t]*\n", text) else re.compile(r"\n+")
    )
    spans: list[Span] = []
    start = 0
    for match in separator.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [_strip_span(text, a, b) for a, b in spans if text[a:b].strip()]


def _strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_abbreviation(text: str, dot_end: int) -> bool:
    """Tell whether the period ending at ``dot_end`` closes an abbreviation, not a sentence."""
    match = _WORD_BEFORE.search(text, max(0, dot_end - 12), dot_end)
    if match is None:
        return False
    word = match.group(1).lower()
    if word in _ABBREVIATIONS:
        return True
    # Initials such as "J." or "U.S.": single letters joined by dots.
    return bool(re.fullmatch(r"(?:[a-z]\.)*[a-z]", word))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Return spans of the sentences of ``text[start:end]``, in absolute offsets."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    sentence_start = start
    for match in _BOUNDARY.finditer(text, start, end):
        boundary = match.end()
        if not _NEXT_STARTS_SENTENCE.match(text, boundary, end):
            continue
        single_period = match.group().rstrip("\"'”’)]") == "."
        if single_period and _is_abbreviation(text, match.start() + 1):
            continue
        spans.append(_strip_span(text, sentence_start, boundary))
        sentence_start = boundary
    spans.append(_strip_span(text, sentence_start, end))
    return [(a, b) for a, b in spans if b > a]


def quote_sentences(quote: str) -> tuple[Span, ...]:
    """Return spans of the sentences of a quote, paragraph by paragraph, relative to it."""
    return tuple(
        span for start, end in paragraph_spans(quote) for span in sentence_spans(quote, start, end)
    )
