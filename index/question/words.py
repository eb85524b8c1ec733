"""A question's words as the name rules read them, and the words that ask rather than name (pure).

Punctuation is kept as sentence marks; a dotted acronym is one word in capitals ("f.b.i.":
"FBI"); a possessive is dropped and ends a name.
"""

from __future__ import annotations

import re

from index.lexicon import words

CHAT = words("chat")
"""Chat shorthand, interjections and discourse words ("LOL how long is it?", "OK so", "TL;DR",
"oh my god", "fortunately"): neither names nor what a question is about, however cased."""


_LOWER_DOTTED = frozenset("am pm eg ie".split())
"""Abbreviations English writes dotted in lower case ("9 a.m.", "e.g."): no acronyms."""


QUESTION_WORDS = words("question_words")


LETTERS = "A-Za-z0-9\u00c0-\u024f\u1e00-\u1eff"
"""Latin letters and digits, accented ones included (Latin Extended Additional: "Nguyễn")."""


_TOKEN = re.compile(rf"[{LETTERS}]+(?:['’][{LETTERS}]+)?|[.?!;:,\"“”()]")


_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)


_COUNTRY_NAMES = re.compile(
    r"\b(?:the\s+)?(?:united\s+states(?:\s+of\s+america)?|usa(?!\s+today)|united\s+kingdom)\b",
    re.IGNORECASE,
)
"""Two countries news names by their initials ("the U.S. government", "U.K. officials"): asked
as "the United States", "USA" or "the United Kingdom", they are the same names."""


DOTTED = re.compile(rf"(?<![{LETTERS}.])(?:[A-Za-z]\.){{2,}}(?![{LETTERS}])")
"""A dotted acronym, in any case ("F.B.I.", "f.b.i.", "U.S."; also "a.m.", told apart by case)."""


def _initials(country: re.Match[str]) -> str:
    return "UK" if country.group().lower().endswith("kingdom") else "US"


def _undotted(match: re.Match[str]) -> str:
    letters = match.group().replace(".", "")
    return letters if letters in _LOWER_DOTTED else letters.upper()


def dotted_in(text: str) -> frozenset[str]:
    """Return the question's dotted acronyms, in capitals ("the f.b.i.": "FBI"; not "a.m.")."""
    found = (_undotted(m) for m in DOTTED.finditer(text))
    return frozenset(a for a in found if a.isupper())


def split_words(text: str, countries: bool = False) -> list[str]:
    """Return the question's words, punctuation kept as sentence marks.

    A dotted acronym is one word, in capitals ("F.B.I.", "f.b.i.": "FBI"); with ``countries``
    (names, not search terms), so are the United States and the United Kingdom ("US", "UK",
    ``_COUNTRY_NAMES``). A possessive is dropped and ends a name ("Trump's lawyer Cohen" names
    Trump and Cohen, not "Trump Cohen").
    """
    text = DOTTED.sub(_undotted, text)
    if countries:
        text = _COUNTRY_NAMES.sub(_initials, text)
    words: list[str] = []
    for token in _TOKEN.findall(text):
        word = _POSSESSIVE.sub("", token)
        words.append(word)
        if word != token and word:
            words.append(",")
    return words
