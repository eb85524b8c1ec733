"""Decide whether the coverage answers a question at all (pure).

Two signals of the best hits: the dense cosine between question and passage, and the share of
the question's term weight (IDF) found in the passage. A question is answered when their
weighted sum reaches a threshold: a strong match in meaning suffices, and a weaker one counts
when the question's own rare words are there (names embed poorly but match exactly). Tuned on
the evaluation data: questions from other news against the seed article are refused, questions
against their own corpus answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.config import SearchSettings


@dataclass(frozen=True)
class Signals:
    """Evidence that the best hits answer the question."""

    dense: float
    """Highest cosine between the question and a candidate passage."""
    share: float
    """Highest share of the question's IDF weight contained in one top passage."""


def evidence(signals: Signals, settings: SearchSettings) -> float:
    """Return the combined evidence that the coverage answers: meaning plus weighted words."""
    return signals.dense + settings.abstain_share_weight * signals.share


def abstention_reason(
    signals: Signals, settings: SearchSettings, missing: Sequence[str] = ()
) -> str | None:
    """Return why the coverage does not answer, or None when it does.

    A question about a name the coverage never mentions is refused whatever the scores: a quote
    about someone else is not an answer.
    """
    if missing:
        return f"The coverage does not mention {_join(missing)}."
    if evidence(signals, settings) >= settings.abstain_threshold:
        return None
    if signals.share < settings.low_share:
        return "The coverage does not mention what this question is about."
    return "Nothing in the coverage is close enough to this question to quote as an answer."


NAMES_LISTED = 3


def _join(names: Sequence[str]) -> str:
    """Return "A", "A or B", "A, B or C", or "A, B, C or 4 other names"."""
    unique = list(dict.fromkeys(names))
    if len(unique) > NAMES_LISTED:
        others = len(unique) - NAMES_LISTED
        listed = [*unique[:NAMES_LISTED], f"{others} other name{'s' if others > 1 else ''}"]
    else:
        listed = unique
    if len(listed) == 1:
        return listed[0]
    return ", ".join(listed[:-1]) + " or " + listed[-1]
