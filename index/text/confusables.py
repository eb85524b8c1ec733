"""Letters that look Latin but are not: folded back inside words that mix them with Latin ones.

"Fаcebook" with a Cyrillic "а" reads as Facebook to a member, but no name rule would see it: the
word splits at the foreign letter into "F" and "cebook". A word that mixes Latin letters with
Cyrillic or Greek look-alikes is a disguised Latin word (no language writes one word in two
alphabets), so its look-alikes are read as the Latin letters they imitate. A wholly Cyrillic or
Greek word ("Москва", "Αθήνα") is left as it is.
"""

from __future__ import annotations

import re

_LOOK_ALIKES = str.maketrans(
    "аеорсухіјѕԁһӏԛԝ" "АВЕКМНОРСТХІЈЅ" "οανρικτυχ" "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqw" "ABEKMHOPCTXIJS" "oavpiktux" "ABEZHIKMNOPTYX",
)
_WORD = re.compile(r"\w+")
_LATIN = re.compile(r"[A-Za-z]")


def fold_look_alikes(text: str) -> str:
    """Return text with the look-alikes in words that also hold Latin letters read as Latin.

    "Fаcebook" (a Cyrillic "а") is "Facebook"; "Москва" is itself.
    """
    return _WORD.sub(_fold_word, text)


def _fold_word(match: re.Match[str]) -> str:
    word = match.group()
    if word.isascii() or not _LATIN.search(word):
        return word
    return word.translate(_LOOK_ALIKES)
