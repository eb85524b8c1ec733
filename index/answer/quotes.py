"""What a hit quotes: its passage, widened to whole paragraphs when a paragraph was cut (pure).

Passages are sized for retrieval; a long paragraph may be split across two of them, so the
answer can sit in the half that ranked lower. The quote shown is the passage widened to the
paragraphs it touches, when that stays within a length a reader (and Discord) can take. The
quote is always a verbatim span of the article.
"""

from __future__ import annotations

from collections.abc import Sequence

from index.records import Span
from index.text.sentences import paragraph_spans


def widen_to_paragraphs(
    text: str, span: Span, limit: int, paragraphs: Sequence[Span] | None = None
) -> Span:
    """Return ``span`` widened to the boundaries of the paragraphs it overlaps, within ``limit``.

    ``paragraphs`` may pass the text's paragraph spans when the caller already has them.
    """
    start, end = span
    spans = paragraph_spans(text) if paragraphs is None else paragraphs
    touched = [(a, b) for a, b in spans if a < end and b > start]
    if not touched:
        return span
    wide = (min(start, touched[0][0]), max(end, touched[-1][1]))
    return wide if wide[1] - wide[0] <= limit else span
