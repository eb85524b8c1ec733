"""Other forms of one name: a place and its people, a condition and its adjective (pure).

A question may write a name in one form and the coverage in another: "Which French king..." and
"the rule of Louis XIV ... in France"; "the Colombian president" and "Colombia"; "septicemia" and
"septicemic plague". English derives these forms by a few regular endings, and a handful of
countries' peoples by none (``IRREGULAR``). ``kindred`` returns the places and peoples a word
may name, ``condition`` a condition's adjective or an adjective's condition; the caller keeps
those the coverage writes.
"""

from __future__ import annotations

from index.lexicon import mapping
from index.question.names import FIRST_NAMES

BASE_MIN_CHARS = 4
"""A place or condition under its ending has at least this many letters ("Iran" in "Iranian")."""
_ENDINGS_DROPPED: dict[str, tuple[str, ...]] = {
    "ian": ("", "a", "e", "y"),
    "an": ("", "a", "o", "y"),
    "n": ("",),
    "ese": ("", "a"),
}
"""A place's people: its name plus "ian", "an", "n" or "ese", after dropping the endings English
drops before each ("Canad(a)" + "ian", "Ukrain(e)" + "ian", "Ital(y)" + "ian", "Mexic(o)" + "an",
"California" + "n", "Chin(a)" + "ese"); no "o" before "ian" ("Russian" is not of "Russo"). The "i"
of "Israeli" is no rule (it would make "Paul" of "Pauli", "March" of "Marchi"): its few peoples
are listed (``IRREGULAR``)."""
_PLACE_ENDINGS = ("", "a", "e", "o", "y")
_CONDITION_ENDINGS = ("ia", "ic")
"""A condition and its adjective: "septicemia", "septicemic"; "anemia", "anemic"."""

IRREGULAR = mapping("demonyms")
"""Peoples and languages of countries that no regular ending derives, with their countries."""


def _by_place(peoples: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for people, places in peoples.items():
        for place in places:
            found[place] = (*found.get(place, ()), people)
    return found


_IRREGULAR_PEOPLES = _by_place(IRREGULAR)


def kindred(word: str) -> tuple[str, ...]:
    """Return the places and peoples a lower-cased word may name ("french": "france", ...).

    A given name has none: "Julia" and "Julian" are two people.
    """
    found = (*places(word), *peoples(word))
    return tuple(f for f in dict.fromkeys(found) if f != word and f not in FIRST_NAMES)


def places(word: str) -> tuple[str, ...]:
    """Return the places a people or adjective may be named after ("canadian": "canada", ...)."""
    if word in FIRST_NAMES:
        return ()
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("s") and len(word) > BASE_MIN_CHARS + 2:
        word = word[:-1]  # "oregonians": "oregonian"
    found: list[str] = []
    for suffix, dropped in _ENDINGS_DROPPED.items():
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= BASE_MIN_CHARS:
            found.extend(base + ending for ending in dropped)
    return tuple(f for f in found if f not in FIRST_NAMES)  # "Rosen" is not of "Rose"


def peoples(word: str) -> tuple[str, ...]:
    """Return the peoples or adjectives a place may give ("colombia": "colombian", ...)."""
    if word in FIRST_NAMES:
        return ()
    found = list(_IRREGULAR_PEOPLES.get(word, ()))
    for ending in _PLACE_ENDINGS:
        base = word[: len(word) - len(ending)]
        if word.endswith(ending) and len(base) >= BASE_MIN_CHARS:
            found.extend(base + s for s, dropped in _ENDINGS_DROPPED.items() if ending in dropped)
    return tuple(found)


def condition(word: str) -> tuple[str, ...]:
    """Return a condition's adjective, or an adjective's condition ("anemia": "anemic")."""
    for ending, other in (_CONDITION_ENDINGS, _CONDITION_ENDINGS[::-1]):
        base = word[: -len(ending)]
        if word.endswith(ending) and len(base) >= BASE_MIN_CHARS:
            return (base + other,)
    return ()
