"""The re-ranker's evidence that a sentence of a passage answers the question (pure).

A passage answers when one of its sentences does, so candidates are re-ranked by their best
sentence's evidence (``index.retrieval.search.rerank``): the cosine between the question and the
sentence's vector (pooled from the passage's own token vectors at build time) plus bonuses for
holding the question's names (of those the passage mentions), its other words (by weight) and the
kind of answer it asks for (a duration for "how long"). Which sentence is bolded is chosen apart,
by the fitted weights of ``index.answer.sentence``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from index.config import SearchSettings


def sentence_scores(
    query: npt.NDArray[np.float32],
    sentence_vectors: npt.NDArray[np.float32],
    name_share: Sequence[float],
    term_coverage: Sequence[float],
    kind: Sequence[bool],
    settings: SearchSettings,
) -> npt.NDArray[np.float32]:
    """Return one score a sentence: cosine plus weighted names, other words and answer kind.

    The weights are the search settings' ``evidence_*_weight``.
    """
    cosine = sentence_vectors @ query
    bonus = (
        settings.evidence_name_weight * np.asarray(name_share, dtype=np.float32)
        + settings.evidence_term_weight * np.asarray(term_coverage, dtype=np.float32)
        + settings.evidence_kind_weight * np.asarray(kind, dtype=np.float32)
    )
    return (cosine + bonus).astype(np.float32)
