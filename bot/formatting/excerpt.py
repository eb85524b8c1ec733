"""Which part of a hit a compact answer shows: the answering sentence and its neighbours.

Pure offsets into ``Hit.quote`` (no Discord, no rendering), so the bot and the terminal trim a
quote the same way. The answering sentence is the one the engine highlighted first.
"""

from __future__ import annotations

from index.models import Hit, Span

CONTEXT_SENTENCES = 1
"""Sentences of context kept at most on either side of the answering sentence."""


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


def answer_window(hit: Hit, budget: int) -> Span:
    """Return the offsets of the answering sentence with up to one sentence either side.

    A neighbour is added (the one before first) only while the whole stays within ``budget``
    characters of the quote; the answering sentence is kept whatever its length.
    """
    spans = _spans(hit)
    lo, hi = answering_sentences(hit)
    for _ in range(CONTEXT_SENTENCES):
        for new_lo, new_hi in ((lo - 1, hi), (lo, hi + 1)):
            inside = new_lo >= 0 and new_hi < len(spans)
            if inside and spans[new_hi][1] - spans[new_lo][0] <= budget:
                lo, hi = new_lo, new_hi
    return spans[lo][0], spans[hi][1]
