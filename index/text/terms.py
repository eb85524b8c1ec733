"""A text's BM25 terms: lower-cased words, English stop words dropped, Snowball stems (pure).

The lexical index, the question's term weights and the name rules all read text through these
functions, so a word is the same term everywhere.
"""

from __future__ import annotations

import re
from enum import IntEnum
from functools import lru_cache

import Stemmer

from index import lexicon

SPELLING_MIN_CHARS = 5
"""A word may be a slip of another (``Leeway.SPELLING``) from this many characters: one edit."""
SPELLING_TWO_EDITS_CHARS = 8
"""From this many characters, two edits."""


class Leeway(IntEnum):
    """How loosely a question's word may match the coverage's words (``index.grounding``)."""

    EXACT = 0
    """As written (in any case, plural or possessive)."""
    SPELLING = 1
    """Also one or two edits away (a misspelling)."""
    COMPOUND = 2
    """Also as two words of the coverage run together ("Superbowl")."""


_WORD = re.compile(r"(?u)\b\w\w+\b")

_STOPWORDS = lexicon.words("stop_words")
"""Lucene's English stop words, as bm25s ships them (``index/lexicon/stop_words.txt``)."""

TERM_SET_CACHE = 2048
"""How many texts' term sets ``term_set`` remembers: the candidates of the latest questions."""


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """Return the BM25 terms of a text: lower-cased words, stop words dropped, stemmed."""
    words = [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]
    return list(_stemmer().stemWords(words))


@lru_cache(maxsize=TERM_SET_CACHE)
def stems(text: str) -> tuple[str, ...]:
    """Return ``terms(text)`` in order, remembered for the texts used most recently.

    A question stems each candidate sentence for its evidence, then for its answering-sentence
    features (its terms and its neighbouring pairs): once, with this.
    """
    return tuple(terms(text))


@lru_cache(maxsize=TERM_SET_CACHE)
def term_set(text: str) -> frozenset[str]:
    """Return the set of a text's BM25 terms, remembered for the texts used most recently.

    Re-ranking and the coverage signal stem the same candidate passages question after question;
    their term sets are kept instead (a few kilobytes a passage, for the latest candidates only).
    """
    return frozenset(stems(text))


def word_terms(word: str) -> list[tuple[str, str]]:
    """Return (lower-cased word part, term) for each BM25 term one written word yields."""
    parts = [w for w in _WORD.findall(word.lower()) if w not in _STOPWORDS]
    return list(zip(parts, _stemmer().stemWords(parts), strict=True))


def is_stop_word(word: str) -> bool:
    """Tell whether BM25 ignores a (lower-cased) word."""
    return word in _STOPWORDS
