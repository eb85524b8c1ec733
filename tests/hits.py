"""One way to make a ``Hit`` in tests: a quote, what to bold, and only the fields a test cares about."""

from __future__ import annotations

from index.records import Hit, Span
from index.text.sentences import quote_sentences

DEFAULTS: dict[str, object] = {
    "title": "t",
    "outlet": None,
    "author": None,
    "published": None,
    "url": None,
    "source": "a.md",
    "paragraph": 1,
    "score": 1.0,
    "dense_score": 0.5,
    "lexical_score": 0.5,
}


def make_hit(
    quote: str,
    highlight: tuple[Span, ...] = (),
    *,
    bold: str | None = None,
    sentences: tuple[Span, ...] | None = None,
    **fields: object,
) -> Hit:
    """Return a hit quoting ``quote``: ``bold`` (a substring) or ``highlight`` spans in bold.

    Its sentences are the engine's split of the quote unless given; every other field has a
    plain default that ``fields`` overrides (``title``, ``url``, ``score``, ...).
    """
    if bold is not None:
        start = quote.index(bold)
        highlight = ((start, start + len(bold)),)
    values = {**DEFAULTS, "start": 0, "end": len(quote), **fields}
    spans = quote_sentences(quote) if sentences is None else sentences
    return Hit(quote=quote, highlight=highlight, sentences=spans, **values)  # type: ignore[arg-type]
