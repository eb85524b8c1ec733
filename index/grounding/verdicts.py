"""Whether the coverage mentions each name of a question: ordered, named verdicts.

A name is judged by the first verdict that decides it (``VERDICTS``, in order); one that none
decides is missing. Each verdict asks the coverage through ``Evidence`` (the rules of
``index.grounding.mentioned``, bound to one coverage), so each is tested alone with evidence
written by hand. The order and what each may match: ``RULES.md`` beside this file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from index.question.names import FIRST_NAMES, Name, given_name


class Verdict(Enum):
    """What the coverage does with a question's name."""

    MENTIONED = "mentioned"
    MISSING = "missing"


def _never(_name: Name) -> bool:
    return False


@dataclass(frozen=True)
class Evidence:
    """What the verdicts may ask about a name; each question is asked only when needed."""

    known: Callable[[str, str, bool], bool]
    """Whether the coverage mentions a name's word (word, its stem, loosely): ``coverage_term``."""
    written_nearly: Callable[[Name], bool] = _never
    """Whether it writes a name of several words with one word slightly off."""
    someone_else: Callable[[Name], bool] = _never
    """Whether it gives the name's surname only other given names ("Ron Bezos")."""
    another_thing: Callable[[Name], bool] = _never
    """Whether the name adds an ordinary word it never names with ("Microsoft Research")."""
    unwritten: Callable[[Name], bool] = _never
    """Whether it writes some word of a rare word's name in no way at all."""


VerdictRule = Callable[[Name, Evidence], Verdict | None]


def _distinctive(name: Name) -> tuple[tuple[str, str], ...]:
    """Return the name's (word, stem) pairs, past a leading given name that may be left out."""
    pairs = name.parts()
    return pairs[1:] if given_name(name) is not None else pairs


def _every_word_known(name: Name, evidence: Evidence) -> bool:
    return all(evidence.known(w, s, name.loose) for w, s in _distinctive(name))


def a_date(name: Name, _evidence: Evidence) -> Verdict | None:
    """Mention a lone month or weekday: it says when the question is about, not who or what."""
    return Verdict.MENTIONED if name.calendar else None


def a_rare_word(name: Name, evidence: Evidence) -> Verdict | None:
    """Decide a rare word that is no proper name: as often a typo or a term, never refused for.

    Where the question's case marks no names, one the coverage writes in no way at all
    (``unwritten``) may be a name it lacks ("what did heineken say"): missing.
    """
    if name.proper:
        return None
    return Verdict.MISSING if name.unmarked and evidence.unwritten(name) else Verdict.MENTIONED


def someone_elses(name: Name, evidence: Evidence) -> Verdict | None:
    """Miss a name whose surname the coverage gives only other given names.

    Every word is mentioned, but "Ron Bezos" is not the coverage's "Jeff Bezos".
    """
    if _every_word_known(name, evidence) and evidence.someone_else(name):
        return Verdict.MISSING
    return None


def another_thing(name: Name, evidence: Evidence) -> Verdict | None:
    """Miss a name that is another thing than its words, though every word is mentioned.

    "Microsoft Research" where the coverage writes "Microsoft" and "research", never that name.
    Not where the case marks no names and a given name opens it ("what did mark announce").
    """
    words = name.text.split()
    after_given = name.unmarked and len(words) > 1 and words[0].lower() in FIRST_NAMES
    if not after_given and _every_word_known(name, evidence) and evidence.another_thing(name):
        return Verdict.MISSING
    return None


def every_word(name: Name, evidence: Evidence) -> Verdict | None:
    """Mention a name whose every word is mentioned.

    A leading given name may be left out: "Graham Twigg" is mentioned by "Twigg".
    """
    return Verdict.MENTIONED if _every_word_known(name, evidence) else None


def written_nearly(name: Name, evidence: Evidence) -> Verdict | None:
    """Mention a name written whole with one word slightly off ("Percy Shelly": "Percy Shelley").

    Some word is mentioned nowhere alone, but the words around it say which name is meant.
    """
    return Verdict.MENTIONED if evidence.written_nearly(name) else None


VERDICTS: tuple[VerdictRule, ...] = (
    a_date,
    a_rare_word,
    someone_elses,
    another_thing,
    every_word,
    written_nearly,
)
"""The verdicts, in order: the first that decides a name judges it; none deciding, it is missing."""


def verdict(name: Name, evidence: Evidence) -> Verdict:
    """Return the first verdict that decides ``name``, or ``MISSING``."""
    for rule in VERDICTS:
        decided = rule(name, evidence)
        if decided is not None:
            return decided
    return Verdict.MISSING


def missing_names(found: Sequence[Name], evidence: Evidence) -> tuple[Name, ...]:
    """Return the names of a question that the coverage never mentions, in question order."""
    return tuple(n for n in found if verdict(n, evidence) is Verdict.MISSING)
