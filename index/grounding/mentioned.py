"""Whether the coverage mentions a name of the question: as written, or through a slip of it.

A name's word is mentioned when the coverage writes it, in any case, plural or possessive. A word
English does not know ("Buolamwimi") may also be one or two edits from the coverage's
(``LexicalIndex.spelling``), or share its stem with a name the coverage writes ("Zapolski":
"Zapolsky"). A word English knows must be written as asked: on a large coverage some other name
is always an edit or two away ("Ericsson", "Erickson"; "Federer", "federal"), so it may differ
only by a slip that does not make another name:

* two adjacent letters swapped ("Micheal": "Michael") or a letter moved ("Ghandi": "Gandhi"),
  the first letter kept and the variant written exactly;
* a space left out ("Superbowl": "Super Bowl", both halves capitalised there; "Whatare");
* accents typed or left out ("Nguyen": "Nguyễn", "Chloé": "Chloe");
* a people or adjective named after a place the coverage names, capitalised and alone
  ("Californian": "California", "French": "France"; not "Irish" for "Kathy Ireland";
  ``index/grounding/forms.py``). Not a place for its people: that "Canadian" is written
  somewhere says little of whether Canada is (it lets XQuAD's swapped places through, see
  docs/EVALUATION.md);
* a dotted acronym ("FBI": "F.B.I.");
* a name written only by symbol or newsroom tag ("Celsius": "565 °C"; "Oregon", "Democrat":
  "Sen. Ron Wyden (D-Ore.)"; ``index/grounding/symbols.py``);
* a word that stems as a title does, the title abbreviated in the coverage ("Senate": "Sen.");
* the question's first word, capitalised by the sentence and often an ordinary word, matches by
  its stem or a stem a letter longer or shorter ("Boycotting": "boycotts").

A rare lower-case word, which is never refused for, is read as the ordinary word it stands for
(``ordinary_term``): a condition's adjective ("septicemia": "septicemic") or the word it
misspells with a letter doubled or left single ("sherrif": "sheriff"). A name never is: "Moore"
is not "more", nor "Euphoria" "euphoric".

A name of several words is also mentioned when the coverage writes its words in that order, all
as written but one, and that one shares its stem or is one edit away ("Percy Shelly": "Percy
Shelley"; "Definite Edition": "Definitive Edition"): the words around it say which name is meant.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from index.grounding.coverage import Coverage, dotted_acronyms, fold_accents
from index.grounding.forms import condition, kindred, places
from index.grounding.symbols import named_terms
from index.lexicon import words
from index.question.names import (
    FIRST_NAMES,
    RARE_ZIPF,
    Name,
    given_name,
    leeway,
    ordinary,
    spells_acronym,
    title_spelling,
    written_among,
    written_pattern,
    written_words,
)
from index.question.weights import general_zipf
from index.text.terms import SPELLING_MIN_CHARS, Leeway, is_stop_word, word_terms

SCAN_PASSAGES = 200
"""A word's stem in at most this many passages: its written form is looked for in them. In more
(the stem of a common word: "Saiding", "Stateing"), among the words the coverage writes,
collected once per index: scanning every passage for each of a question's names would cost more
than answering. Searches for words side by side read at most this many of the passages holding
them all."""
SLIP_MIN_CHARS = 5
"""Shorter words are not matched through swapped letters ("Visa" and "Vias", "Tina" and "Tian"),
as with misspellings (``SPELLING_MIN_CHARS``)."""
SLIP_MAX_CHARS = 40
"""Longer words are no slip of a word (English's longest in use have about 30 letters): their
variants, as many as the square of their length, are not tried, nor are they split in two, so a
hostile question of one long word costs no more than any other."""
MISSPELLING_ZIPF_GAP = 1.0
"""A spelling ten times as frequent in English as the question's is the word it misspells."""
TYPO_TWO_EDITS_CHARS = 7
"""A word this long may be two edits from the coverage's for its note to be left out ("anounce":
"announced"; a note left out is the only cost of a wrong match)."""
FAMILY_MIN_CHARS = 6
"""A word and the coverage's are one family when they share this many letters of its stem and
more ("moratori" in "moratoria" and "moratorium"); shorter stems share a beginning by chance."""
CLIPPED_MIN_CHARS = 4
"""A word cut short is at least this long ("recog", "govt" are; "ai" is no clipping of "aid")."""
PART_MIN_CHARS = 3
"""Each part of a run-together word has at least this many letters ("superbowl": "super bowl")."""
FUNCTION_WORD_ZIPF = 6.0
"""English's hundred or so commonest words ("what" 6.5, "are" 6.6): two of them run together
("Whatare") are a typing slip, not a name, whether or not the coverage writes them side by side."""
_COMPASS = words("compass")
"""Words naming part of a place ("South Korea", "Northern California"): it is still the place."""


def _stem(word: str) -> str | None:
    pairs = word_terms(word)
    return pairs[0][1] if len(pairs) == 1 else None


def written(coverage: Coverage, word: str, term: str | None = None, exact: bool = False) -> bool:
    """Tell whether the coverage writes a word (any case, plural or possessive).

    An ``exact`` word must be written as it is, possessive or not: a slip's variant is only a
    variant as written ("Visa" swapped is "vias", which is not a plural of "via").
    """
    term = term if term is not None else _stem(word)
    if term is None:
        return False
    passages = coverage.terms.passages_with(term)
    if len(passages) == 0:
        return False
    if len(passages) > SCAN_PASSAGES:
        words = coverage.vocabulary.words
        return word in words if exact else written_among(word, words)
    form = rf"{re.escape(word)}(?:['’]s)?" if exact else written_pattern(word)
    pattern = re.compile(rf"\b{form}\b", re.IGNORECASE)
    return any(pattern.search(coverage.texts[int(i)]) for i in passages)


def _stem_of_a_name(coverage: Coverage, term: str) -> bool:
    """Tell whether the coverage writes a word English does not know with this stem.

    Two names the stemmer conflates ("Zapolski", "Zapolsky") are one name misspelt; a made-up
    word conflated with an English one ("Policeing": "police") is not.
    """
    passages = coverage.terms.passages_with(term)
    if len(passages) > SCAN_PASSAGES:
        return False
    return any(
        _stem(w) == term and leeway(w) != Leeway.EXACT
        for i in passages
        for w in written_words(coverage.texts[int(i)])
    )


def letter_moved(word: str) -> tuple[str, ...]:
    """Return the word with one letter moved elsewhere, the first letter kept.

    Two adjacent letters swapped ("Micheal": "Michael") is the commonest such slip; a letter
    typed a place or two off is the next ("Ghandi": "Gandhi"). The first letter stays, as
    people rarely mistype it.
    """
    if not SLIP_MIN_CHARS <= len(word) <= SLIP_MAX_CHARS:
        return ()
    found: dict[str, None] = {}
    for i in range(1, len(word)):
        rest = word[:i] + word[i + 1 :]
        for j in range(1, len(word)):
            moved = rest[:j] + word[i] + rest[j:]
            if moved != word:
                found[moved] = None
    return tuple(found)


TermRule = Callable[[Coverage, str, str, bool], str | None]
"""A way the coverage may write a name's word: (coverage, word, its stem, loosely) to the
coverage's stem, or None."""


def as_written(coverage: Coverage, word: str, term: str, loose: bool) -> str | None:
    """Find the word written as asked (any case, plural or possessive), or its stem when loose."""
    if coverage.terms.knows(term) and (loose or written(coverage, word, term)):
        return term
    return None


def a_name_of_the_same_stem(coverage: Coverage, word: str, term: str, _loose: bool) -> str | None:
    """Find a name the stemmer conflates with the word, which English does not know.

    "Zapolski" is the coverage's "Zapolsky"; a made-up word conflated with an English one is not
    ("Policeing": "police").
    """
    if not coverage.terms.knows(term) or leeway(word) == Leeway.EXACT:
        return None
    return term if _stem_of_a_name(coverage, term) else None


def misspelt(coverage: Coverage, word: str, term: str, _loose: bool) -> str | None:
    """Find a word English does not know one or two edits from the coverage's ("Buolamwimi")."""
    if coverage.terms.knows(term):
        return None
    return coverage.terms.spelling(term, leeway(word))


def the_stemmers_slip(coverage: Coverage, _word: str, term: str, loose: bool) -> str | None:
    """Find a loose word by a stem a letter longer or shorter ("Boycotting": "boycotts")."""
    if not loose:
        return None
    return next((t for t in _one_letter_longer_or_shorter(term) if coverage.terms.knows(t)), None)


def accents_typed(coverage: Coverage, word: str, _term: str, _loose: bool) -> str | None:
    """Find a word typed with accents the coverage leaves out ("Chloé": "Chloe")."""
    unaccented = fold_accents(word)
    if unaccented != word and written(coverage, unaccented):
        return _stem(unaccented)
    return None


def accents_left_out(coverage: Coverage, word: str, _term: str, _loose: bool) -> str | None:
    """Find a word typed without the accents the coverage writes ("Nguyen": "Nguyễn")."""
    accented = coverage.accented.get(word)
    return None if accented is None else _stem(accented)


def letters_moved(coverage: Coverage, word: str, _term: str, _loose: bool) -> str | None:
    """Find two letters swapped or one moved, the variant written exactly ("Ghandi": "Gandhi")."""
    words = coverage.vocabulary.words  # a variant must be written exactly: look it up first
    return _written_exactly(coverage, (v for v in letter_moved(word) if v.lower() in words))


def a_people_of_its_place(coverage: Coverage, word: str, _term: str, _loose: bool) -> str | None:
    """Find a people or adjective by the place the coverage names, capitalised and alone."""
    place = next((p for p in places(word) if _written_as_a_place(coverage, p)), None)
    return None if place is None else _stem(place)


def written_as_two(coverage: Coverage, word: str, term: str, _loose: bool) -> str | None:
    """Find a word the coverage writes as two side by side ("Superbowl": "Super Bowl")."""
    return term if run_together(coverage, word, english=leeway(word) == Leeway.EXACT) else None


def a_dotted_acronym(coverage: Coverage, word: str, term: str, _loose: bool) -> str | None:
    """Find an acronym the coverage writes with dots ("FBI": "F.B.I.")."""
    return term if dotted(coverage, word) else None


def a_symbol_or_tag(coverage: Coverage, word: str, term: str, _loose: bool) -> str | None:
    """Find a name written only by symbol or tag ("Celsius": "565 °C"; "Oregon": "(D-Ore.)")."""
    return term if word.lower() in coverage.vocabulary.abbreviated else None


def a_title_abbreviated(coverage: Coverage, _word: str, term: str, _loose: bool) -> str | None:
    """Find a word that stems as a title does, abbreviated in the coverage ("Senate": "Sen.")."""
    title = title_spelling(term, coverage.terms.knows)
    return title if title != term else None


TERM_RULES: tuple[TermRule, ...] = (
    as_written,
    a_name_of_the_same_stem,
    misspelt,
    the_stemmers_slip,
    accents_typed,
    accents_left_out,
    letters_moved,
    a_people_of_its_place,
    written_as_two,
    a_dotted_acronym,
    a_symbol_or_tag,
    a_title_abbreviated,
)
"""The ways a name's word may be written in the coverage, in order: the first that finds it
gives the coverage's stem (``coverage_term``)."""


def coverage_term(coverage: Coverage, word: str, term: str, loose: bool = False) -> str | None:
    """Return the coverage's stem that mentions a name's word (``term`` its stem), or None.

    That is ``term`` itself when the word is written as asked (or run together), or the stem of
    the coverage's spelling when it is mentioned through a slip ("Micheal": "michael"): the
    first of ``TERM_RULES`` that finds it.
    """
    for rule in TERM_RULES:
        found = rule(coverage, word, term, loose)
        if found is not None:
            return found
    return None


def doubled_or_single(word: str) -> tuple[str, ...]:
    """Return the word with one or two letters typed twice instead of once, or the other way.

    English's commonest misspellings double a letter or leave one single ("occured", "untill"),
    or both at once ("sherrif" for "sheriff", "tommorow" for "tomorrow").
    """
    if not SLIP_MIN_CHARS <= len(word) <= SLIP_MAX_CHARS:
        return ()
    runs = [(m.group(1), len(m.group())) for m in re.finditer(r"(.)\1*", word)]
    flippable = [i for i, (letter, n) in enumerate(runs) if letter.isalpha() and n <= 2]
    found: dict[str, None] = {}
    for size in (1, 2):
        for flipped in itertools.combinations(flippable, size):
            variant = "".join(
                letter * (3 - n if i in flipped else n) for i, (letter, n) in enumerate(runs)
            )
            found[variant] = None
    return tuple(found)


def ordinary_term(coverage: Coverage, word: str) -> str | None:
    """Return the coverage's stem of the ordinary word a rare lower-case word stands for, or None.

    Its condition or adjective ("septicemia": "septicemic", written in lower case), or the word it
    misspells (``misspelt_term``). Only for a word that is no name: "Euphoria" is not the
    coverage's "euphoric", nor "Moore" its "more".
    """
    return _written_exactly(coverage, _conditions(coverage, word)) or misspelt_term(coverage, word)


def _written_exactly(coverage: Coverage, variants: Iterable[str]) -> str | None:
    """Return the stem of the first variant the coverage writes exactly as it is, or None."""
    for variant in variants:
        stem = _stem(variant)
        if stem is not None and written(coverage, variant, stem, exact=True):
            return stem
    return None


def misspelt_term(coverage: Coverage, word: str) -> str | None:
    """Return the coverage's stem of the ordinary word a rare lower-case word misspells, or None.

    A letter doubled or left single ("sherrif": "sheriff", "sherrifs": "sheriffs"), the coverage's
    spelling written far more often in English than the question's: the question's word is its
    misspelling.
    """
    words = coverage.vocabulary.words  # look the variants up there first: most are written nowhere
    floor = general_zipf(word) + MISSPELLING_ZIPF_GAP
    for variant in doubled_or_single(word):
        if variant not in words and variant.removesuffix("s") not in words:
            continue
        if general_zipf(variant) < floor or not ordinary(variant):
            continue
        stem = _stem(variant)
        if stem is not None and coverage.terms.knows(stem) and written(coverage, variant, stem):
            return stem
    return None


def kin_terms(coverage: Coverage, word: str, term: str, proper: bool) -> tuple[str, ...]:
    """Return the stems of a name's word in other forms the coverage writes ("france": "french").

    ``term`` is the word's own stem in the coverage, not repeated. A condition's adjective is
    another form of an ordinary word only, not of a name ("Euphoria" and "euphoric").
    """
    found: dict[str, None] = {}
    ordinary_forms = () if proper else _conditions(coverage, word)
    for form in (*kindred(word), *ordinary_forms):
        stem = _stem(form)
        if stem is None or stem == term or not coverage.terms.knows(stem):
            continue
        if written(coverage, form, stem, exact=True):
            found[stem] = None
    return tuple(found)


def _written_as_a_place(coverage: Coverage, place: str) -> bool:
    """Tell whether the coverage writes a (lower-cased) place capitalised, as a name of its own.

    "Canada announced...", "Canada's minister", "in Ireland", "Lyon, France", "Mexico City", a
    dateline's "SEATTLE —";
    not only in lower case ("mess" for "Messi") nor only inside another name: "Kathy Ireland",
    "New England", "Jimmy Wales" and "Turkey Trot" name no country.
    """
    stem = _stem(place)
    if stem is None or not place.isalpha():
        return False
    name = f"(?:{re.escape(place.capitalize())}|{re.escape(place.upper())})"  # "SEATTLE —"
    pattern = re.compile(rf"(?:(\S+)\s+)?\b{name}(?:['’]s)?\b(?!\s+(?!City\b)[A-Z])")
    for i in coverage.terms.passages_with(stem)[:SCAN_PASSAGES]:
        for match in pattern.finditer(coverage.texts[int(i)]):
            before = match.group(1)
            if before is None or not _names_with(before):
                return True
    return False


def _names_with(before: str) -> bool:
    """Tell whether the word before a place makes another name of it ("Kathy Ireland").

    A capitalised word does ("Jimmy Wales", "New England"), but not when punctuation parts them
    ("in Washington. Canada said", "Ottawa, Canada"), nor a stop word ("In Ireland") or a
    compass word ("Northern California").
    """
    if not (before.isalpha() and before[0].isupper()):
        return False
    return not (is_stop_word(before.lower()) or before.lower() in _COMPASS)


def _conditions(coverage: Coverage, word: str) -> tuple[str, ...]:
    """Return a condition's adjective or an adjective's condition, as ordinary words.

    Both are written in lower case: a capitalised form is a name ("Olympia" for "Olympic").
    """
    return tuple(c for c in condition(word) if c not in coverage.vocabulary.capitalised)


def _one_letter_longer_or_shorter(term: str) -> tuple[str, ...]:
    """Return the stems a letter longer or shorter at the end: the stemmer's own slips.

    "boycotting" stems to "boycot" and "boycotts" to "boycott".
    """
    return (term[:-1], *(term + letter for letter in "abcdefghijklmnopqrstuvwxyz"))


def dotted(coverage: Coverage, word: str) -> bool:
    """Tell whether the coverage writes a word as a dotted acronym ("fbi": "F.B.I.").

    A dotted acronym leaves no term in the lexical index (its letters are single), so the
    coverage's dotted acronyms are collected with its words (``coverage_words``).
    """
    return word.isalpha() and word.lower() in coverage.vocabulary.acronyms


def run_together(coverage: Coverage, word: str, english: bool) -> bool:
    """Tell whether the coverage writes a word as two, side by side ("Super Bowl", "what are").

    A word ``english`` knows ("Superbowl", "Goodall", "Clearview") is a name spaced two ways only
    when the coverage writes both halves capitalised ("Super Bowl", not "good all", "clear view").
    """
    words = coverage.vocabulary.words
    for left, right in _halves(word):
        if not english and _function_word(left) and _function_word(right):
            return True  # "whatare": two of English's commonest words, not a name
        if left not in words or right not in words:
            continue
        if _side_by_side(coverage, [left, right], None, capitalised=english):
            return True
    return False


def _halves(word: str) -> list[tuple[str, str]]:
    """Return the ways to cut a word in two parts of ``PART_MIN_CHARS`` letters or more.

    None for a word over ``SLIP_MAX_CHARS`` letters: no two words run together are that long.
    """
    if len(word) > SLIP_MAX_CHARS:
        return []
    cuts = range(PART_MIN_CHARS, len(word) - PART_MIN_CHARS + 1)
    return [(word[:cut], word[cut:]) for cut in cuts]


def _function_word(word: str) -> bool:
    return is_stop_word(word) or general_zipf(word) >= FUNCTION_WORD_ZIPF


def name_written_nearly(coverage: Coverage, name: Name) -> bool:
    """Tell whether the coverage writes a name of several words with one word slightly off."""
    words = [w.lower() for w in name.text.split()]
    if len(words) < 2 or any(not w.isalnum() for w in words):
        return False
    off = [i for i, w in enumerate(words) if not written(coverage, w)]
    return len(off) == 1 and _side_by_side(coverage, words, off[0])


def named_otherwise(coverage: Coverage, name: Name) -> bool:
    """Tell whether a name of several words adds an ordinary word the coverage never names with.

    "Microsoft Research", "Amazon Go", "Seattle Police Department": each word is in the
    coverage ("Microsoft", "research"), but the name is another thing than "Microsoft" unless
    the coverage writes it whole, or at least capitalises that word inside a sentence as it
    does a name's ("Carolina Panthers", "Seven Years' War").
    """
    words = name.text.split()
    if len(words) < 2 or not all(w.isalnum() for w in words):
        return False
    common = [w for w in words if ordinary(w.lower()) and not is_stop_word(w.lower())]
    if all(coverage.capitalised(w) for w in common):
        return False
    return not _side_by_side(coverage, [w.lower() for w in words], None)


def named_someone_else(coverage: Coverage, name: Name) -> bool:
    """Tell whether the coverage gives a name's surname only other given names ("Ron Bezos").

    A question's "Ron Bezos" is mentioned by a coverage that writes "Bezos" alone, or "Ron
    Bezos"; one that writes "Jeff Bezos" and never "Ron Bezos" names another person.
    """
    given = given_name(name)
    if given is None:
        return False
    rest = [w.lower() for w in name.text.split()[1:]]
    if not all(w.isalnum() for w in rest):
        return False
    if _side_by_side(coverage, [given, *rest], None, joiner=r"\s+"):
        return False
    stems = [s for s in (_stem(w) for w in rest) if s is not None]
    if not stems:
        return False
    surname = r"\s+".join(written_pattern(w) for w in rest)
    pattern = re.compile(rf"\b([A-Z][a-z]+)\s+(?i:{surname})\b")
    for i in coverage.terms.passages_with(stems[-1])[:SCAN_PASSAGES]:
        for match in pattern.finditer(coverage.texts[int(i)]):
            if match.group(1).lower() in FIRST_NAMES:
                return True
    return False


def _side_by_side(
    coverage: Coverage,
    words: list[str],
    nearly: int | None,
    capitalised: bool = False,
    joiner: str | None = None,
) -> bool:
    """Tell whether a passage writes the words in order.

    Without ``nearly``, side by side ("super bowl", "super-bowl"); with it (the position of the
    word slightly off), apart by spaces or hyphens, that word a stem or an edit from the one asked.
    """
    anchors = [_stem(w) for i, w in enumerate(words) if i != nearly and not is_stop_word(w)]
    stems = [s for s in anchors if s is not None]
    if not stems:
        return False
    passages = coverage.terms.passages_with(stems[0])
    for stem in stems[1:]:
        passages = np.intersect1d(passages, coverage.terms.passages_with(stem), assume_unique=True)
    parts = [r"([\w'’]+)" if i == nearly else written_pattern(w) for i, w in enumerate(words)]
    if capitalised:  # each part a letter: its first upper case, the rest in any case
        parts = [f"{w[0].upper()}(?i:{p[1:]})" for w, p in zip(words, parts, strict=True)]
    if joiner is None:
        joiner = r"[\s-]?" if nearly is None else r"[\s-]+"
    pattern = re.compile(r"\b" + joiner.join(parts) + r"\b", 0 if capitalised else re.IGNORECASE)
    for i in passages[:SCAN_PASSAGES]:
        for match in pattern.finditer(coverage.texts[int(i)]):
            if nearly is None:
                return True
            seen, wanted = match.group(1).lower(), words[nearly]
            if _stem(seen) == _stem(wanted) or OSA.distance(seen, wanted) <= 1:
                return True
    return False


def unwritten_words(coverage: Coverage, names: Sequence[Name]) -> tuple[Name, ...]:
    """Return the question's rare lower-case words the coverage never writes ("tiktok").

    They are not refused for (as often typos or terms as names), but no quote mentions them, and
    the answer says so. Left out: words English uses commonly ("react", "license"), and words the
    coverage writes in some way (``never_written``).
    """
    return tuple(
        n
        for n in names
        if not n.proper
        and all(general_zipf(w) < RARE_ZIPF for w in n.text.lower().split())
        and never_written(coverage, n)
    )


def never_written(coverage: Coverage, name: Name) -> bool:
    """Tell whether the coverage writes some word of a rare word's name in no way at all.

    Not as asked, nor an edit or two away ("tecnology": "technology"), in another form
    ("moratoria": "moratorium", ``_same_family``), as two ("mugshot": "mug shots"), or as the
    ordinary word it misspells ("sherrif": "sheriff", ``ordinary_term``). A word English writes
    as often as ``RARE_ZIPF`` says is no typo: it must be written as a name's word is
    (``coverage_term``; "federer" is not the coverage's "federal", nor "interpol" its
    "interpolate").
    """
    return not all(_written_somehow(coverage, w, s, name.loose) for w, s in name.parts())


def _written_somehow(coverage: Coverage, word: str, term: str, loose: bool) -> bool:
    if coverage_term(coverage, word, term, loose) is not None:
        return True  # as asked, or a slip of it ("ghandi": "Gandhi", "whatare": "what are")
    if general_zipf(word) >= RARE_ZIPF:
        return _same_family(coverage, term)  # "philosophies": "philosophy"
    return (
        coverage.terms.knows(term)
        or _same_family(coverage, term)
        or _written_apart(coverage, word)
        or _spelt_nearly(coverage, word)  # "tecnology", "anounce": typos of the coverage's words
        or _clipped(coverage, word)
        or ordinary_term(coverage, word) is not None
    )


def _clipped(coverage: Coverage, word: str) -> bool:
    """Tell whether a word is the beginning of the coverage's ("recog": "recognition")."""
    return len(word) >= CLIPPED_MIN_CHARS and bool(_beginning_with(coverage, word.lower()))


def _spelt_nearly(coverage: Coverage, word: str) -> bool:
    """Tell whether the coverage writes a word beginning alike, one edit away (two from 7 letters).

    Typos rarely touch the first letter, so only the coverage's words that share it are read
    ("tecnology": "technology", "anounce": "announced").
    """
    if not SPELLING_MIN_CHARS <= len(word) <= SLIP_MAX_CHARS or not word[0].isalpha():
        return False
    edits = 2 if len(word) >= TYPO_TWO_EDITS_CHARS else 1
    first = _beginning_with(coverage, word[0])
    return process.extractOne(word, first, scorer=OSA.distance, score_cutoff=edits) is not None


def _same_family(coverage: Coverage, term: str) -> bool:
    """Tell whether the coverage writes a word that begins as a term does, but for its last letter.

    Two forms of one word stem alike that far ("moratoria" and "moratorium", "misidentification"
    and "misidentify"); the stem has at least ``FAMILY_MIN_CHARS`` letters left.
    """
    prefix = term[:-1]
    return len(prefix) >= FAMILY_MIN_CHARS and bool(_beginning_with(coverage, prefix))


def _beginning_with(coverage: Coverage, prefix: str) -> tuple[str, ...]:
    """Return the coverage's words that begin with a (non-empty) prefix, from its ordered words."""
    words = coverage.vocabulary.ordered
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)  # the first string past every such word
    return words[bisect.bisect_left(words, prefix) : bisect.bisect_left(words, after)]


def _written_apart(coverage: Coverage, word: str) -> bool:
    """Tell whether the coverage writes a word as two side by side, either plural ("mug shots")."""
    for left, right in _halves(word):
        known = all(s is not None and coverage.terms.knows(s) for s in (_stem(left), _stem(right)))
        if known and _side_by_side(coverage, [left, right], None):
            return True
    return False


def not_quoted(names: Sequence[Name], quotes: Sequence[str]) -> tuple[str, ...]:
    """Return the proper names no quote mentions: not by stem, acronym, symbol or tag.

    "ACLU" is quoted by "the American Civil Liberties Union", "US" by "the U.S. government",
    "Oregon" by "Sen. Ron Wyden (D-Ore.)".
    """
    quoted = set().union(*(named_terms(q) for q in quotes))
    return tuple(
        n.text
        for n in names
        if n.proper
        and not n.calendar
        and not _surname_mentioned_in(n, quoted)
        and not (n.acronym and any(_acronym_in(n.text, q) for q in quotes))
    )


def _surname_mentioned_in(name: Name, terms: set[str]) -> bool:
    """Tell whether a text's terms mention a name, past its given name if it is ``loose``.

    In a question whose case marks no names, the given name opens a name that may be an ordinary
    word ("what did mark announce"): the quotes need only say "announced".
    """
    if name.unmarked and name.loose and len(name.stems) > 1 and given_name(name) is not None:
        return terms.issuperset(name.stems[1:])
    return name.mentioned_in(terms)


def _acronym_in(acronym: str, text: str) -> bool:
    return spells_acronym(acronym, text) or acronym.lower() in dotted_acronyms(text)
