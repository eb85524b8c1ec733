"""Names a text writes only by a symbol or a newsroom abbreviation (pure, regexes only).

News names some things without writing their names:

* a temperature scale by its symbol: "565 °C" is in Celsius (also ℃, ℉);
* a US lawmaker's party and state by the tag after the name, in the AP style every US newsroom
  uses: "Sen. Ron Wyden (D-Ore.)" is a Democrat from Oregon; "(R-N.Y.)" a Republican from New
  York. Inside that tag the abbreviations are unambiguous ("Ore." is no mineral there).

A question asking about "Celsius", "the Democrat" or "the senator from Oregon" is about what such
a text writes. ``names_abbreviated`` returns the lower-cased words it names that way, and
``named_terms`` a text's terms with theirs: what a passage, sentence or quote mentions.
"""

from __future__ import annotations

import re
from functools import lru_cache

from index.lexicon import mapping
from index.text.terms import TERM_SET_CACHE, term_set, word_terms

_DEGREES = re.compile(r"[°º]\s?([CF])\b|([℃℉])")
_CELSIUS = ("celsius", "centigrade")
_SCALES = {"C": _CELSIUS, "℃": _CELSIUS, "F": ("fahrenheit",), "℉": ("fahrenheit",)}
_SYMBOLS = frozenset("°º℃℉")



def _capitalised(abbreviation: str) -> str:
    """Return an abbreviation as AP writes it: each dotted part capitalised ("w.va.": "W.Va.")."""
    return ".".join(part.capitalize() for part in abbreviation.split("."))


AP_STATES = {_capitalised(k): " ".join(v) for k, v in mapping("ap_states").items()}
"""The AP Stylebook's abbreviations of state names (the eight it never abbreviates, "Texas",
"Ohio", ..., are written whole, and so found as written)."""
_PARTIES = {"D": ("democrat", "democrats", "democratic"), "R": ("republican", "republicans")}
_STATE = "|".join(re.escape(a) for a in sorted(AP_STATES, key=len, reverse=True))
_PARTY_TAG = re.compile(rf"\(([DRI])-({_STATE}|[A-Z][a-z]+)\)")
"""A lawmaker's tag: party initial, hyphen, state ("(D-Ore.)", "(R-Texas)", "(I-Vt.)")."""


def names_abbreviated(text: str) -> set[str]:
    """Return the lower-cased words a text names only by symbol or tag ("(D-Ore.)": "oregon")."""
    found: set[str] = set()
    if _SYMBOLS.intersection(text):  # most texts have none: skip the search
        for match in _DEGREES.finditer(text):
            found.update(_SCALES[match.group(1) or match.group(2)])
    if "(" not in text:
        return found
    for match in _PARTY_TAG.finditer(text):
        party, state = match.groups()
        found.update(_PARTIES.get(party, ()))
        found.update(AP_STATES.get(state, state).lower().split())
    return found


def abbreviated_terms(text: str) -> frozenset[str]:
    """Return the stems of the words a text names only by symbol or tag ("oregon", "democrat")."""
    return frozenset(term for word in names_abbreviated(text) for _part, term in word_terms(word))


def text_terms(text: str) -> frozenset[str]:
    """Return what a text mentions: its BM25 terms and those of what it names by symbol or tag."""
    return term_set(text) | abbreviated_terms(text)


@lru_cache(maxsize=TERM_SET_CACHE)
def named_terms(text: str) -> frozenset[str]:
    """Return ``text_terms`` of a passage or quote, remembered like ``term_set``."""
    return text_terms(text)
