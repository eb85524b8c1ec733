"""The coverage as grounding sees it: its passages' texts, their terms, and what it writes.

One ``Coverage`` per loaded index (``IndexData.coverage``), built from the passages' texts and
the lexical index, so the name rules ask an object instead of module caches keyed by identity.
Anything that answers ``Terms`` will do: the rules run on a coverage of a few texts with no
model and no index folder (``tests/index/test_grounding_rules.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

import numpy as np
import numpy.typing as npt

from index.grounding.symbols import names_abbreviated
from index.question.names import written_words
from index.question.words import DOTTED
from index.text.terms import Leeway

_CAPITALISED_INSIDE = re.compile(r"(?<=[^\s.!?:;\"“] )[A-Z][\w'’-]*")
"""A capitalised word after a space that ends no sentence: a name's word, not a sentence's first."""


class Terms(Protocol):
    """What grounding asks of the coverage's lexical index (``LexicalIndex`` answers it)."""

    @property
    def documents(self) -> int:
        """Return how many passages there are."""
        ...

    def document_frequency(self, term: str) -> int:
        """Return how many passages contain the term."""
        ...

    def knows(self, term: str) -> bool:
        """Tell whether any passage contains the term."""
        ...

    def passages_with(self, term: str) -> npt.NDArray[np.int64]:
        """Return the passages that contain the term, in order."""
        ...

    def spelling(self, term: str, leeway: Leeway = Leeway.SPELLING) -> str | None:
        """Return the coverage's own term for a term, itself or a slip of it, or None."""
        ...


@dataclass(frozen=True)
class Vocabulary:
    """What the coverage writes, lower-cased, collected in one pass over its passages."""

    words: frozenset[str]
    acronyms: frozenset[str]
    """Its dotted acronyms, without dots ("us" for "U.S.")."""
    capitalised: frozenset[str]
    """Its words capitalised inside a sentence: a name's words."""
    abbreviated: frozenset[str]
    """The words it names only by symbol or tag ("°C": "celsius", "(D-Ore.)": "oregon")."""
    ordered: tuple[str, ...] = ()
    """``words`` in order, to find those that begin alike."""


class Coverage:
    """The passages' texts (by passage number) and their terms, read lazily once."""

    def __init__(self, texts: Sequence[str], terms: Terms) -> None:
        self.texts = texts
        self.terms = terms

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Return what the coverage writes, read the first time a question needs it."""
        words: set[str] = set()
        acronyms: set[str] = set()
        capitalised: set[str] = set()
        abbreviated: set[str] = set()
        for text in self.texts:
            words |= written_words(text)
            acronyms |= dotted_acronyms(text)
            capitalised.update(w.lower() for w in _CAPITALISED_INSIDE.findall(text))
            abbreviated |= names_abbreviated(text)
        return Vocabulary(
            frozenset(words),
            frozenset(acronyms),
            frozenset(capitalised),
            frozenset(abbreviated),
            tuple(sorted(words)),
        )

    @cached_property
    def accented(self) -> dict[str, str]:
        """Return the coverage's accented words by their unaccented spelling."""
        return {fold_accents(w): w for w in self.vocabulary.ordered if not w.isascii()}

    def capitalised(self, word: str) -> bool:
        """Tell whether the coverage writes a word capitalised inside a sentence (a name's)."""
        capitalised = self.vocabulary.capitalised
        lower = word.lower()
        return any(form in capitalised for form in (lower, lower + "s", lower + "'s", lower + "’s"))


def dotted_acronyms(text: str) -> set[str]:
    """Return the dotted acronyms a text writes, lower-cased and without dots ("U.S.": "us")."""
    found = (m.group() for m in DOTTED.finditer(text))
    return {a.replace(".", "").lower() for a in found if a.isupper()}


def fold_accents(word: str) -> str:
    """Return a word without its accents ("nguyễn": "nguyen", "chloé": "chloe")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
