"""Cut an article into passages of whole sentences, keeping paragraph boundaries (pure).

Paragraphs are merged while they fit the target size; a paragraph larger than the hard limit is
cut between sentences, and a sentence larger than the limit between words. Every passage is a
span of the article text, so its quote is always a verbatim substring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from index.config import ChunkSettings
from index.records import Span
from index.text.sentences import paragraph_spans, sentence_spans
from index.text.tokens import TokenCounter


@dataclass(frozen=True)
class Chunk:
    """A passage's location in its article: span, first paragraph and sentence spans."""

    start: int
    end: int
    paragraph: int
    sentences: tuple[Span, ...]
    """Absolute sentence spans in the article text."""


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    paragraph: int
    tokens: int


def _split_words(text: str, span: Span, count: TokenCounter, limit: int) -> list[Span]:
    """Cut an over-long sentence between words into pieces of at most ``limit`` tokens."""
    start, end = span
    pieces: list[Span] = []
    piece_start = start
    last_break = None
    position = start
    while position < end:
        if text[position].isspace():
            if count(text[piece_start:position]) > limit and last_break is not None:
                pieces.append((piece_start, last_break))
                piece_start = last_break
                while piece_start < end and text[piece_start].isspace():
                    piece_start += 1
            last_break = position
        position += 1
    if count(text[piece_start:end]) > limit and last_break is not None and last_break > piece_start:
        pieces.append((piece_start, last_break))
        piece_start = last_break
        while piece_start < end and text[piece_start].isspace():
            piece_start += 1
    pieces.append((piece_start, end))
    return [(a, b) for a, b in pieces if b > a]


def _sentence_units(text: str, count: TokenCounter, limit: int) -> list[list[_Unit]]:
    """Return each paragraph's sentences (over-long ones cut between words) as units."""
    paragraphs: list[list[_Unit]] = []
    for number, (p_start, p_end) in enumerate(paragraph_spans(text), start=1):
        units: list[_Unit] = []
        for span in sentence_spans(text, p_start, p_end):
            tokens = count(text[span[0] : span[1]])
            if tokens <= limit:
                units.append(_Unit(span[0], span[1], number, tokens))
                continue
            for piece in _split_words(text, span, count, limit):
                units.append(_Unit(piece[0], piece[1], number, count(text[piece[0] : piece[1]])))
        if units:
            paragraphs.append(units)
    return paragraphs


def _pack(units: list[_Unit], target: int) -> list[list[_Unit]]:
    """Greedily pack consecutive units into groups of about ``target`` tokens."""
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    size = 0
    for unit in units:
        if current and size + unit.tokens > target:
            groups.append(current)
            current, size = [], 0
        current.append(unit)
        size += unit.tokens
    if current:
        groups.append(current)
    return groups


def chunk_article(
    text: str,
    count: TokenCounter,
    settings: ChunkSettings,
    fits: Callable[[str], bool] | None = None,
) -> list[Chunk]:
    """Return the passages of ``text``; ``fits`` may veto a passage the model cannot read whole."""
    groups: list[list[_Unit]] = []
    current: list[_Unit] = []
    size = 0
    for paragraph in _sentence_units(text, count, settings.max_tokens):
        p_size = sum(u.tokens for u in paragraph)
        if current and size + p_size <= settings.target_tokens:
            current.extend(paragraph)
            size += p_size
            continue
        if current:
            groups.append(current)
        if p_size <= settings.max_tokens:
            current, size = list(paragraph), p_size
        else:
            *whole, current = _pack(paragraph, settings.target_tokens)
            groups.extend(whole)
            size = sum(u.tokens for u in current)
    if current:
        groups.append(current)
    groups = _merge_small_tail(groups, settings)
    if fits is not None:
        groups = _enforce_fit(text, groups, fits)
    return [
        Chunk(
            start=group[0].start,
            end=group[-1].end,
            paragraph=group[0].paragraph,
            sentences=tuple((u.start, u.end) for u in group),
        )
        for group in groups
    ]


def _merge_small_tail(groups: list[list[_Unit]], settings: ChunkSettings) -> list[list[_Unit]]:
    """Fold a too-small passage into its predecessor when the two still fit the hard limit."""
    merged: list[list[_Unit]] = []
    for group in groups:
        size = sum(u.tokens for u in group)
        if merged and size < settings.min_tokens:
            previous = sum(u.tokens for u in merged[-1])
            if previous + size <= settings.max_tokens:
                merged[-1] = merged[-1] + group
                continue
        merged.append(group)
    return merged


def _enforce_fit(
    text: str, groups: list[list[_Unit]], fits: Callable[[str], bool]
) -> list[list[_Unit]]:
    """Halve any group the model would truncate, between sentences, until each one fits."""
    result: list[list[_Unit]] = []
    pending = list(reversed(groups))
    while pending:
        group = pending.pop()
        if len(group) == 1 or fits(text[group[0].start : group[-1].end]):
            result.append(group)
            continue
        middle = len(group) // 2
        pending.append(group[middle:])
        pending.append(group[:middle])
    return result
