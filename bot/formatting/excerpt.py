"""Which part of a hit a compact answer shows: the answering sentence and its neighbours.

Pure offsets into ``Hit.quote`` (no Discord, no rendering), so the bot and the terminal trim a
quote the same way. The answering sentence is the one the engine highlighted first.
"""

from __future__ import annotations

from index import weak_flags
from index.records import Answer, Hit, Span

CONTEXT_BEFORE = 0
"""Sentences kept before the answering sentence: none, so that an answer opens on it."""
CONTEXT_AFTER = 1
"""Sentences kept after the answering sentence, while they fit."""
EXCERPT_BUDGET = 420
"""Characters of the first quote shown: the answering sentence plus the context that fits."""
ALSO_HITS = 2
"""Other strong matches named under the answer, one line each."""
ALSO_SENTENCE = 150
"""Characters of an "Also" line's sentence at most."""
ELLIPSIS = "…"


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


def also_hits(answer: Answer) -> tuple[Hit, ...]:
    """Return the strong matches after the first (none weaker than half the best), two at most."""
    flags = weak_flags(answer.hits)
    strong = [hit for hit, weak in zip(answer.hits, flags, strict=True) if not weak]
    return tuple(strong[1 : 1 + ALSO_HITS])


def short_sentence(hit: Hit, limit: int = ALSO_SENTENCE) -> str:
    """Return the answering sentence on one line, cut at a word to ``limit`` with "…"."""
    text = " ".join(answering_text(hit).split())
    if len(text) <= limit:
        return text
    head = text[: limit - len(ELLIPSIS)]
    if not text[len(head)].isspace() and " " in head:
        head = head[: head.rfind(" ")]
    return head.rstrip() + ELLIPSIS
