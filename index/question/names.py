"""What a question is about: the names it asks after (pure).

* **Names.** The salient terms of a question: capitalised words that are not its first word (a
  name of a person, organisation, place or product), acronyms, and words rare in general English,
  grouped into multi-word names ("Ron Wyden", "King County"). Possessives ("Wyden's", curly
  apostrophes), hyphens, case and plurals are matched through the same stems BM25 uses.
* **Names in any case.** A question typed all in lower case, Title Case or capitals marks no
  names by its capitals, so English's usage and the question's shape do: a word English writes
  capitalised (``usually_capitalised``), a dotted acronym ("f.b.i."), a known given name and the
  word after it ("tim cook"), a rare word after a title ("senator markey"), a name and the word
  that ends an institution's ("seattle police department") are names; a word English does not
  write in lower case (rare, or never merged whole by cl100k) but other languages write as often
  ("heineken", "hsbc"), or a possessive so written ("cook's"), may be one (``Name.unmarked``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from index.lexicon import mapping, words
from index.question.weights import general_zipf
from index.question.words import CHAT, LETTERS, QUESTION_WORDS, dotted_in, split_words
from index.text.dates import CALENDAR_WORDS
from index.text.frequency import zipf
from index.text.terms import Leeway, is_stop_word, word_terms
from index.text.tokens import word_rank

FIRST_NAMES = words("given_names")
"""Common given names (``index/lexicon/given_names.txt``)."""
"""Common given names (``index/lexicon/given_names.txt``)."""

COMMON_FIRST_WORD_ZIPF = 4.0
"""A capitalised first word is a name only when rarer than this (else it is just capitalised);
even then it may be an ordinary word ("Boycotting, ..."), so its stem suffices (``Name.loose``)."""
SHOUTED_ZIPF = 5.5
"""An all-capital word of three letters or more this common in English ("LONG", "STILL",
"REALLY": 5.8-6) is emphasis; acronyms are rarer ("NFL" 4.5, "FBI" 4.4); "US" is a pronoun too."""
TITLE_CASE_SHARE = 0.75
"""A question with 75% of its ordinary words past the first capitalised is Title Case ("What
About Ibm?": one of one)."""
MAX_NAMES = 12
"""Names considered per question: a question is about a few things, and each costs a lookup."""
RARE_ZIPF = 3.0
"""A word rarer than this in general English is salient in any case ("moratorium" is 3.1)."""
NAME_END_RATIO = 1.5
"""A word capitalised half as often again as not ends an institution's name ("Department" 1.6,
"Council" 1.6, "Association" 1.5); "Committee", "Castle", "Champions" (1.2) end as many other
phrases ("the norman castle", "the afc champions")."""
CAPITALISED_RATIO = 2.0
"""A word whose capitalised form is at least this much more frequent than its lower-case form is
a name (``usually_capitalised``): Google 2.3, Apple 2.9, Facebook 4.2; "long" .2, "police" .4."""

COMPANY_SUFFIXES = words("company_suffixes")
"""Words that end a company's name ("Microsoft Corp."): beside a name, but no word of it."""
TITLES = frozenset(title.rstrip(".") for title in words("titles"))
"""Words written before a person's name ("Congressman Wyden"), not what the coverage must
mention (``index/lexicon/titles.txt``)."""
_TITLES = TITLES | COMPANY_SUFFIXES
"""Words beside a name that are no word of it: titles and company suffixes."""
TITLE_ABBREVIATIONS = {
    title: forms[0].rstrip(".") for title, forms in mapping("title_abbreviations").items()
}
"""Titles and how news writes them before a name ("Sen. Ron Wyden"): one term either way."""

_ACRONYM_GAP = r"\s+(?:(?:of|the|and|for|on|de|du|la|des|der)\s+)*"
_OWNER = re.compile(rf"([{LETTERS}]+)['’]s\b", re.IGNORECASE)


@dataclass(frozen=True)
class Name:
    """A salient name or rare word of a question: as written, and the stems that match it."""

    text: str
    stems: tuple[str, ...]
    proper: bool = True
    """A capitalised name or acronym; a rare lower-case word (often a typo) is not proper."""
    words: tuple[str, ...] = ()
    """The lower-cased written word of each stem ("federer" for "feder")."""
    loose: bool = False
    """Opens the question: capitalised by the sentence, maybe an ordinary word, so its stems
    suffice and the written form need not be found. So is the word after a given name in a
    question whose case marks no names ("what did mark announce": "announced")."""
    kin: tuple[tuple[str, ...], ...] = ()
    """For each stem, the coverage's stems of its word in other forms ("france" for "french",
    ``index/grounding/forms.py``); empty for a name of several words, or before the coverage is
    read."""
    unmarked: bool = False
    """Found in a question whose case marks no names (lower case, Title Case, capitals): a proper
    name found by English's usage, or a rare word that may be a name, refused for when the
    coverage writes neither it nor a slip of it (``index.grounding.verdicts``)."""

    def mentioned_in(self, terms: AbstractSet[str]) -> bool:
        """Tell whether a text's terms mention the name: each word as asked or in another form."""
        if not any(self.kin):
            return all(s in terms for s in self.stems)
        return all(
            s in terms or not terms.isdisjoint(k) for s, k in zip(self.stems, self.kin, strict=True)
        )

    def parts(self) -> tuple[tuple[str, str], ...]:
        """Return (written word, stem) pairs."""
        return tuple(zip(self.words or self.stems, self.stems, strict=True))

    @property
    def calendar(self) -> bool:
        """Tell whether the name is a lone month or weekday ("June", "Jan.", "Tuesday")."""
        return " " not in self.text and self.text.lower() in CALENDAR_WORDS

    @property
    def acronym(self) -> bool:
        """Tell whether the name is one all-capitals word ("ACLU")."""
        return self.text.isupper() and " " not in self.text and self.text.isalpha()


WordRole = Literal["proper", "maybe", "rare"]
"""A word's part in a question: a proper name's word, a rare word that may be a name (where the
question's case marks none), or a rare word."""


def _name_word(word: str, first: bool, cased: bool, capitals_seen: bool = False) -> WordRole | None:
    """Classify a word: part of a proper name, a rare word (maybe a name), or neither.

    ``capitals_seen``: the question capitalises some word past its first, so its writer marks
    names with capitals, and a word English usually capitalises but written in lower case is
    salient, not a name to refuse for ("Does Amazon license Rekognition?"); otherwise English's
    usage decides (``usually_capitalised``).
    """
    lower = word.lower()
    if len(lower) < 2 or not word[0].isalpha() or is_stop_word(lower):
        return None
    if lower in QUESTION_WORDS or lower in _TITLES or lower in CHAT:
        return None
    common = general_zipf(lower)
    if word.isupper() and len(word) > 2 and common >= SHOUTED_ZIPF:
        return None  # "How LONG is it?": emphasis, not an acronym (but "US" is one)
    capitalised = cased and (word.isupper() or word[0].isupper())
    if capitalised and (word.isupper() or not first or common < COMMON_FIRST_WORD_ZIPF):
        return "proper"
    if usually_capitalised(lower):
        return "rare" if capitals_seen and not capitalised else "proper"
    if not cased and _may_be_a_name(lower):
        return "maybe"
    return "rare" if common < RARE_ZIPF else None


def _may_be_a_name(word: str) -> bool:
    """Tell whether a (lower-cased) word may be a name, its question's case marking none.

    English does not write it in lower case as an everyday word (rare, or never merged whole in
    lower case by cl100k), and other languages write it about as often (``international``); or
    English capitalises it as often as not ("swift", "amnesty", "walmart": ``heads_a_name``).
    """
    unfamiliar = general_zipf(word) < RARE_ZIPF or not written_in_lower_case(word)
    return (unfamiliar and international(word)) or heads_a_name(word)


INTERNATIONAL_GAP = 1.0
"""How much rarer (Zipf) a name may be in every other language than in English."""
OTHER_LANGUAGES = ("de", "fr", "es", "it", "nl", "pt")


@lru_cache(maxsize=65536)
def international(word: str) -> bool:
    """Tell whether some other language writes a word nearly as often as English does.

    A name is written alike in every language: "heineken" (Zipf 3.0 in English, 3.7 in German),
    "bucharest" (3.2, 2.2), "markey" (2.6, 1.7). English's own words, rare or not merged whole by
    cl100k, are written elsewhere ten times less often or never: "loaned" (3.3, 0), "derogatory"
    (3.2, 0), "climatic" (3.2, 1.7), "rhineland" (2.5, 1.4: "Rheinland"). A word no language
    knows (a typo, or a name too rare to count) is judged by the coverage alone.
    """
    other = max(zipf(word, language) for language in OTHER_LANGUAGES)
    return other >= zipf(word, "en") - INTERNATIONAL_GAP


def written_in_lower_case(word: str) -> bool:
    """Tell whether English writes a (lower-cased) word in lower case as an everyday word.

    A word as common as ``COMMON_FIRST_WORD_ZIPF`` is; a rarer one when cl100k merged it whole in
    lower case (``word_rank``), as it did "moratorium"'s neighbours "surveillance" and "policing"
    but not "heineken", "hsbc" or "bucharest": those English writes capitalised, too rarely for a
    token of their own.
    """
    return general_zipf(word) >= COMMON_FIRST_WORD_ZIPF or word_rank(word) is not None


@lru_cache(maxsize=65536)
def usually_capitalised(word: str) -> bool:
    """Tell whether English writes a (lower-cased) word capitalised: a name, however asked.

    A member writes "did apple stop selling it?" or "What Did Facebook Announce?": the capitals
    say nothing there. English text does: cl100k's vocabulary, learned from a large body of cased
    text, has "Microsoft", "Tesla" and "Apple" as tokens far more frequent (``word_rank``) than
    "microsoft" (if any), "tesla" and "apple", and "long", "end" and "selling" the other way.
    Capitalised at least ``CAPITALISED_RATIO`` times as often counts.
    """
    if len(word) < 3:
        return False
    lower = word_rank(word)
    capitals = [r for r in (word_rank(word.capitalize()), word_rank(word.upper())) if r is not None]
    if not capitals:
        return False
    return lower is None or lower >= CAPITALISED_RATIO * min(capitals)


def _is_acronym(word: str, group: Sequence[str]) -> bool:
    """Tell whether a word or the group before it is an acronym: an acronym stands alone."""
    return (word.isupper() and len(word) > 1) or (group[-1].isupper() and len(group[-1]) > 1)


def _marks_names(question: str) -> bool:
    """Tell whether the question's capitals mark names (not all one case, not Title Case).

    Title Case capitalises ordinary words: of the words past the first that English writes in
    lower case ("did", "call", "moratorium"), most are capitalised, however short the question
    ("What About Ibm?", "Is Rekognition Expensive"). Names and rare words do not say which ("Did
    Satya Nadella call Bezos?" capitalises its names, not its words).
    """
    if question in (question.lower(), question.upper()):
        return False
    later = [w for w in split_words(question)[1:] if w[0].isalpha() and len(w) > 1]
    ordinary_words = [w for w in later if ordinary(w.lower())]
    capitals = sum(w[0].isupper() for w in ordinary_words)
    return not ordinary_words or capitals < TITLE_CASE_SHARE * len(ordinary_words)


def ordinary(word: str) -> bool:
    """Tell whether English writes a (lower-cased) word in lower case: common, not a name."""
    return general_zipf(word) >= RARE_ZIPF and not usually_capitalised(word)


def names(question: str) -> tuple[Name, ...]:
    """Return the names and rare words the question is about, consecutive name words joined.

    Capitalisation counts only when the question uses it to mark names: an all-lower-case,
    shouting or Title Case question ("How Long Is The Moratorium?") names things by English's
    usage and its own shape instead (``_unmarked_kind``), and its other rare words may be names
    (``Name.unmarked``).
    """
    cased = _marks_names(question)
    words = split_words(question, countries=True)
    dotted = dotted_in(question)
    owners = {m.group(1).lower() for m in _OWNER.finditer(question)}
    later = [w for w in words[1:] if w[0].isalpha() and w.lower() not in CHAT]
    capitals_seen = cased and any(w[0].isupper() for w in later)
    groups: list[tuple[list[str], bool, bool, bool]] = []
    first = True
    previous: str | None = None
    last_word = ""
    titled = given = False
    headed = -1
    for i, word in enumerate(words):
        if not word[0].isalnum():
            ends = word in "?!;:" or (word == "." and _ends_sentence(last_word))
            first = first or ends
            previous = None
            titled = titled and word == "."  # "sen. markey"
            given = False
            continue
        following = words[i + 1] if i + 1 < len(words) else ""
        kind = _name_word(word, first, cased, capitals_seen)
        if word in dotted or i <= headed:
            kind = "proper"
        elif not cased:
            kind = _unmarked_kind(word, kind, titled, given, following)
            if kind is None and (_owner(word, owners) or _bare_subject(words, i)):
                kind = "maybe"  # "cook's bible", "has visa announced": maybe a name
        if not cased and kind == "proper":
            headed = max(headed, _headed_until(words, i))
        titled = word.lower() in TITLES
        given = not cased and kind == "proper" and _opens_a_name(word, following)
        acronym = cased and bool(groups) and _is_acronym(word, groups[-1][0])
        if kind == "proper" and previous == "proper" and not acronym:
            groups[-1][0].append(word)
        elif kind is not None:
            groups.append(([word], kind == "proper", first, kind != "rare" and not cased))
        last_word = word
        previous = kind
        first = False
    return tuple(_name(*group) for group in groups[:MAX_NAMES])


def _unmarked_kind(
    word: str, kind: WordRole | None, titled: bool, given: bool, following: str
) -> WordRole | None:
    """Classify a word of a question whose case marks no names, by English and the question.

    A known given name followed by a word opens a name, and that word, however ordinary ("tim
    cook"), continues it; so does a rare word after a title ("senator markey").
    """
    if not _content_word(word):
        return kind
    if given or (titled and kind is not None) or _opens_a_name(word, following):
        return "proper"
    return kind


def _headed_until(words: Sequence[str], at: int) -> int:
    """Return the last word of an institution's name opened at ``at``, or -1 if none is.

    A name word followed, directly or after one more word, by a word English writes capitalised
    at least as often as not ("seattle police department", "minneapolis city council").
    """
    for end in range(at + 1, min(at + 3, len(words))):
        word = words[end]
        if not _content_word(word) or _name_word(word, False, False) == "proper":
            return -1  # "amazon want congress": a name of its own is no institution's last word
        if heads_a_name(word.lower(), NAME_END_RATIO):
            return end
    return -1


@lru_cache(maxsize=65536)
def heads_a_name(word: str, ratio: float = 1.0) -> bool:
    """Tell whether English writes a word capitalised at least as often as not (cl100k ranks).

    "Department" 1.6, "Council" 1.6, "Committee" 1.2 times as often: words that end names of
    institutions; "police" .4, "city" .8, "statement" .2, "president" 1.0 (not quite). Twice as
    often (``usually_capitalised``: "Congress", "County") is a name of its own.
    """
    lower = word_rank(word)
    capitals = word_rank(word.capitalize())
    return capitals is not None and (lower is None or lower >= ratio * capitals)


_DO = frozenset("did does do".split())
_HAVE = frozenset("has have had".split())
_PARTICIPLE = re.compile(r"(?:ed|en|wn)$")


def _bare_subject(words: Sequence[str], at: int) -> bool:
    """Tell whether a word is the bare subject of a question's verb ("did zoom say").

    English puts a determiner before a singular common noun, so one between "did" and its verb
    ("what year did meta die"), or "has" and a participle ("has visa announced"), is a name or a
    mass noun. Plurals, "-ing" and "-ed" words are left alone ("did cops say", "did measuring").
    """
    if at == 0 or at + 1 >= len(words):
        return False
    word, before, after = words[at].lower(), words[at - 1].lower(), words[at + 1].lower()
    if not (_content_word(word) and _content_word(after)) or re.search(r"(?:s|ing|ed)$", word):
        return False
    return before in _DO or (before in _HAVE and _PARTICIPLE.search(after) is not None)


def _owner(word: str, owners: AbstractSet[str]) -> bool:
    """Tell whether a word is a possessive that may be a name ("cook's", not "company's")."""
    lower = word.lower()
    return lower in owners and _content_word(word) and international(lower)


def _content_word(word: str) -> bool:
    lower = word.lower()
    return (
        len(lower) > 1
        and lower.isalpha()
        and not is_stop_word(lower)
        and lower not in QUESTION_WORDS
        and lower not in _TITLES
        and lower not in CHAT
        and lower not in CALENDAR_WORDS
    )


def _opens_a_name(word: str, following: str) -> bool:
    """Tell whether a known given name opens a name: an ordinary word follows ("tim cook").

    A rarer word is a name of its own ("joy buolamwini": "Buolamwini" alone in the coverage).
    """
    return (
        word.lower() in FIRST_NAMES
        and _content_word(following)
        and _name_word(following, False, False) is None
    )


def _ends_sentence(before: str) -> bool:
    """Tell whether a full stop after ``before`` ends a sentence ("Sen." and "J." do not)."""
    return len(before) > 1 and before.lower() not in _TITLES


def leeway(word: str) -> Leeway:
    """Return how loosely a (lower-cased) word may match the coverage: see ``Leeway``.

    A word general English does not know at all ("Buolamwimi", "Superbowl") is likely misspelt
    or run together, so it may match one or two edits away or as two words; a word English knows,
    even a rare name ("Rometty", "Ericsson"), is itself and must match as written: on a large
    coverage, some other name is always an edit or two away.
    """
    return Leeway.COMPOUND if zipf(word, "en") == 0 else Leeway.EXACT


def _name(words: Sequence[str], proper: bool, opens: bool, unmarked: bool = False) -> Name:
    """Return a name: a proper one, or a rare word, ``unmarked`` if it may be a name."""
    parts = [pair for w in words for pair in word_terms(w)]
    return Name(
        " ".join(words),
        tuple(term for _part, term in parts),
        proper,
        tuple(part for part, _term in parts),
        loose=(opens and not words[0].isupper()) or (unmarked and _given_first(words)),
        unmarked=unmarked,
    )


def _given_first(words: Sequence[str]) -> bool:
    """Tell whether a known given name opens a name of several words ("tim cook")."""
    return len(words) > 1 and words[0].lower() in FIRST_NAMES


def given_name(name: Name) -> str | None:
    """Return the name's leading given name, lower-cased, when the rest may stand alone."""
    words = name.text.split()
    if len(words) > 1 and words[0].lower() in FIRST_NAMES and len(name.parts()) == len(words):
        return words[0].lower()
    return None


def _written_base(word: str) -> str:
    return re.sub(r"(?:es|s)$", "", word) if len(word) > 3 else word


def written_pattern(word: str) -> str:
    """Return the regular expression of a written word, plural or possessive (no boundaries)."""
    return rf"{re.escape(_written_base(word))}(?:s|es)?(?:['’]s)?"


def written_form(word: str) -> re.Pattern[str]:
    """Return a pattern of a written word in text, in any case, plural or possessive."""
    return re.compile(rf"\b{written_pattern(word)}\b", re.IGNORECASE)


_WRITTEN_WORD = re.compile(r"\w+")


def written_words(text: str) -> set[str]:
    """Return the lower-cased words a text writes (as ``written_form`` sees word boundaries)."""
    return set(_WRITTEN_WORD.findall(text.lower()))


def written_among(word: str, words: AbstractSet[str]) -> bool:
    """Tell whether ``written_form(word)`` occurs in a text whose ``written_words`` are given."""
    base = _written_base(word.lower())
    return any(form in words for form in (base, base + "s", base + "es"))


ACRONYM_LETTERS = 12
"""Longer all-capital words are shouted, not acronyms, and are never spelled out (the pattern
that spells one out grows with its letters, and is compiled for each of a question's names)."""
SHORT_ACRONYM_LETTERS = 2
"""Any two capitalised words in a row have the initials of some two-letter acronym ("Amazon
Rekognition": "AR"); an institution's name is made of ordinary words ("United Nations", "Scottish
Parliament"), so a two-letter acronym is spelled out only by two such words side by side
(``RARE_ZIPF`` or commoner; not "Union of Northern" for "UN")."""


@lru_cache(maxsize=256)
def _spelled_out(acronym: str) -> re.Pattern[str] | None:
    if len(acronym) > ACRONYM_LETTERS:
        return None
    gap = _ACRONYM_GAP if len(acronym) > SHORT_ACRONYM_LETTERS else r"\s+"
    words = gap.join(rf"{re.escape(letter)}[\w’'.-]*" for letter in acronym)
    return re.compile(rf"\b{words}")


def spells_acronym(acronym: str, text: str) -> bool:
    """Tell whether the text spells the acronym out ("ACLU": "American Civil Liberties Union")."""
    pattern = _spelled_out(acronym)
    if pattern is None:
        return False
    if len(acronym) > SHORT_ACRONYM_LETTERS:
        return pattern.search(text) is not None
    return any(
        all(general_zipf(w.lower()) >= RARE_ZIPF for w in match.group().split() if w[0].isupper())
        for match in pattern.finditer(text)
    )


def name_share(found: Sequence[Name], passage_terms: AbstractSet[str]) -> float:
    """Return the share of the question's names that a passage mentions (1.0 with no names)."""
    if not found:
        return 1.0
    return sum(n.mentioned_in(passage_terms) for n in found) / len(found)


def title_spelling(term: str, knows: Callable[[str], bool]) -> str:
    """Return the coverage's term for a title's stem: "senator" is "sen" in "Sen. Ron Wyden".

    The term itself when the coverage uses it or it is no title; else its abbreviation or full
    form, when the coverage uses that.
    """
    if knows(term):
        return term
    other = _title_forms().get(term)
    return other if other is not None and knows(other) else term


@lru_cache(maxsize=1)
def _title_forms() -> dict[str, str]:
    """Return each title's stem and abbreviation, mapped to the other ("senat": "sen")."""
    stems = {word_terms(full)[0][1]: short for full, short in TITLE_ABBREVIATIONS.items()}
    return stems | {short: stem for stem, short in stems.items()}
