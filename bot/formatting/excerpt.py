"""Which part of a hit a compact answer shows: the answering sentence and its neighbours.

Pure offsets into ``Hit.quote`` (no Discord, no rendering), so the bot and the terminal trim a
quote the same way. The answering sentence is the one the engine highlighted first.
"""

from __future__ import annotations

from index.models import Hit, Span

CONTEXT_BEFORE = 0
"""Sentences kept before the answering sentence: none, so that an answer opens on it."""
CONTEXT_AFTER = 1
"""Sentences kept after the answering sentence, while they fit."""


def _spans(hit: Hit) -> list[Span]:
    return list(hit.sentences) or [(0, len(hit.quote))]


def answering_sentences(hit: Hit) -> tuple[int, int]:
    """Return the first and last index of the sentences the first highlight covers.

    Without a highlight the first sentence answers.
    """
    spans = _spans(hit)
    if not hit.highlight:
        return 0, 0
    start, end = hit.highlight[0]
    covered = [i for i, (a, b) in enumerate(spans) if a < end and start < b]
    if not covered:
        return 0, 0
    return covered[0], covered[-1]


def answering_text(hit: Hit) -> str:
    """Return the answering sentence, verbatim."""
    spans = _spans(hit)
    lo, hi = answering_sentences(hit)
    return hit.quote[spans[lo][0] : spans[hi][1]]


def answer_window(
    hit: Hit, budget: int, before: int = CONTEXT_BEFORE, after: int = CONTEXT_AFTER
) -> Span:
    """Return the offsets of the answering sentence with up to ``before`` and ``after`` others.

    A neighbour is added (the next one after, then the one before) only while the whole stays
    within ``budget`` characters of the quote; the answering sentence is kept whatever its length.
    """
    spans = _spans(hit)
    lo, hi = answering_sentences(hit)
    for step in range(max(before, after)):
        if step < after and hi + 1 < len(spans) and spans[hi + 1][1] - spans[lo][0] <= budget:
            hi += 1
        if step < before and lo > 0 and spans[hi][1] - spans[lo - 1][0] <= budget:
            lo -= 1
    return spans[lo][0], spans[hi][1]
