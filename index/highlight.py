"""Choose the sentences of a passage that answer the question best, to be bolded (pure).

Each sentence is scored by the cosine between the question and the sentence's vector (pooled
from the passage's own token vectors at build time) plus a small bonus for the question's terms
it contains; no model runs at question time beyond the question's own encoding.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from index.models import Span

TERM_WEIGHT = 0.15
NEIGHBOUR_MARGIN = 0.03


def sentence_scores(
    query: npt.NDArray[np.float32],
    sentence_vectors: npt.NDArray[np.float32],
    term_coverage: Sequence[float],
) -> npt.NDArray[np.float32]:
    """Return one score a sentence: cosine to the question plus weighted term coverage."""
    cosine = sentence_vectors @ query
    return (cosine + TERM_WEIGHT * np.asarray(term_coverage, dtype=np.float32)).astype(np.float32)


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
