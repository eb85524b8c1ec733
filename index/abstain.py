"""Decide whether the coverage answers a question at all (pure).

Two signals of the best hits: the dense cosine between question and passage, and the share of
the question's term weight (IDF) found in the passage. A question is answered when the dense
match is strong on its own, or fair and backed by the question's own words.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.config import SearchSettings


@dataclass(frozen=True)
class Signals:
    """Evidence that the best hits answer the question."""

    dense: float
    """Highest cosine between the question and a candidate passage."""
    coverage: float
    """Highest share of the question's IDF weight contained in one top passage."""


def abstention_reason(signals: Signals, settings: SearchSettings) -> str | None:
    """Return why the coverage does not answer, or None when it does."""
    if signals.dense >= settings.abstain_dense_alone:
        return None
    if signals.dense >= settings.abstain_dense and signals.coverage >= settings.abstain_lexical:
        return None
    if signals.coverage < settings.abstain_lexical:
        return "The coverage does not mention what this question is about."
    return "Nothing in the coverage is close enough to this question to quote as an answer."
