"""Tell strong hits from weak ones, so front ends never show a weak third hit like the first."""

from __future__ import annotations

from collections.abc import Sequence

from index.records import Hit

WEAK_SHARE = 0.5
"""A hit scoring under this share of the best hit's fused score is shown as a weaker match."""


def weak_flags(hits: Sequence[Hit], best: float | None = None) -> tuple[bool, ...]:
    """Return, for each hit, whether it is a weak match next to the best one.

    The best score is ``best`` when given, else the first hit's; the best hit is never weak.
    """
    if not hits:
        return ()
    top = max(hits[0].score, best or 0.0)
    if top <= 0:
        return tuple(False for _ in hits)
    return tuple(hit.score < WEAK_SHARE * top for hit in hits)
