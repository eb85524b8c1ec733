"""Term weights for any coverage size: IDF smoothed toward general English (pure).

A word's weight is its inverse document frequency in the coverage, smoothed toward what general
English predicts (``wordfreq``'s frequencies): the general frequency acts as a prior worth
``PRIOR_PASSAGES`` passages. On a small coverage (one article, ~25 passages) the prior dominates,
so "long", "end" and "say" weigh little whether or not the article happens to use them, and
"Buolamwini" or "moratorium" weigh a lot; on a large coverage (100,000 passages) the coverage's
own statistics dominate, as in plain BM25.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from index.question.words import CHAT, QUESTION_WORDS, split_words
from index.text.frequency import zipf
from index.text.terms import word_terms

PRIOR_PASSAGES = 1000.0
"""How many passages of evidence the general-English prior is worth."""


PASSAGE_WORDS = 120.0
"""Words in a typical passage: turns a word's frequency into a chance of appearing in one."""


MIN_ZIPF = 1.0
"""Words unknown to wordfreq count as this rare (once in 100 million words)."""


@dataclass(frozen=True)
class WeightedTerms:
    """A question's BM25 terms (stems, unique, in order) with one weight each."""

    terms: tuple[str, ...]
    weights: tuple[float, ...]


@lru_cache(maxsize=65536)
def general_zipf(word: str) -> float:
    """Return a word's Zipf frequency in general English (log10 per billion words)."""
    return max(MIN_ZIPF, zipf(word, "en"))


def smoothed_idf(zipf: float, document_frequency: int, documents: int) -> float:
    """Return ln(1/p), p the word's passage share in the coverage smoothed toward English."""
    prior = min(1.0, PASSAGE_WORDS * 10 ** (zipf - 9))
    share = (document_frequency + PRIOR_PASSAGES * prior) / (documents + PRIOR_PASSAGES)
    return -math.log(min(1.0, share))


def weigh(text: str, document_frequency: Callable[[str], int], documents: int) -> WeightedTerms:
    """Return the text's terms weighted by smoothed IDF (the rarer surface form wins a stem)."""
    weights: dict[str, float] = {}
    for word in split_words(text):
        for part, term in word_terms(word):
            if part in QUESTION_WORDS or part in CHAT:
                weights.setdefault(term, 0.0)
                continue
            weight = smoothed_idf(general_zipf(part), document_frequency(term), documents)
            weights[term] = max(weight, weights.get(term, 0.0))
    return WeightedTerms(tuple(weights), tuple(weights.values()))
