"""Choose the sentences of a passage that answer the question best, to be bolded (pure).

Each sentence is scored by the cosine between the question and the sentence's vector (pooled
from the passage's own token vectors at build time) plus bonuses for holding the question's names
(of those the passage mentions), its other words (by weight) and the kind of answer it asks for
(a duration for "how long"); no model runs at question time beyond the question's own encoding.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from index.models import Span

NAME_WEIGHT = 0.15
TERM_WEIGHT = 0.15
KIND_WEIGHT = 0.1
NEIGHBOUR_MARGIN = 0.03


def sentence_scores(
    query: npt.NDArray[np.float32],
    sentence_vectors: npt.NDArray[np.float32],
    name_share: Sequence[float],
    term_coverage: Sequence[float],
    kind: Sequence[bool],
) -> npt.NDArray[np.float32]:
    """Return one score a sentence: cosine plus weighted names, other words and answer kind."""
    cosine = sentence_vectors @ query
    bonus = (
        NAME_WEIGHT * np.asarray(name_share, dtype=np.float32)
        + TERM_WEIGHT * np.asarray(term_coverage, dtype=np.float32)
        + KIND_WEIGHT * np.asarray(kind, dtype=np.float32)
    )
    return (cosine + bonus).astype(np.float32)


def pick_highlight(scores: Sequence[float], spans: Sequence[Span]) -> tuple[Span, ...]:
    """Return the best sentence's span, joined by an adjacent one that scores almost as well."""
    if not spans:
        return ()
    best = int(np.argmax(scores))
    chosen = [best]
    neighbours = [i for i in (best - 1, best + 1) if 0 <= i < len(spans)]
    if neighbours:
        runner = max(neighbours, key=lambda i: scores[i])
        if scores[runner] >= scores[best] - NEIGHBOUR_MARGIN:
            chosen.append(runner)
    return tuple(spans[i] for i in sorted(chosen))
