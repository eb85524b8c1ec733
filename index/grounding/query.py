"""A question prepared for search: its terms as the coverage spells them, and its names.

``prepare_query`` asks the coverage (``Coverage``) about every name the question reads
(``index.question.names``): a name it mentions, as written or through a slip or another form,
is ranked by the coverage's own stems; one it never mentions is kept as missing, for the refusal
or the note that the quotes do not mention it (``unmentioned``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from index.grounding.coverage import Coverage
from index.grounding.mentioned import (
    coverage_term,
    kin_terms,
    name_written_nearly,
    named_otherwise,
    named_someone_else,
    never_written,
    ordinary_term,
)
from index.grounding.verdicts import Evidence, missing_names
from index.question.answer_kind import AnswerKind, Asked, answer_kind, asked
from index.question.names import (
    SHORT_ACRONYM_LETTERS,
    Name,
    names,
    spells_acronym,
    title_spelling,
)
from index.question.weights import weigh


@dataclass(frozen=True)
class Query:
    """A question prepared for search: its vector, BM25 terms with their weights, and names."""

    text: str
    vector: npt.NDArray[np.float32]
    terms: tuple[str, ...]
    weights: tuple[float, ...]
    mentioned: tuple[Name, ...] = ()
    """The names and rare words the question is about that the coverage mentions."""
    missing: tuple[Name, ...] = ()
    """The names the question is about that the coverage never mentions."""
    kind: AnswerKind | None = None
    """The kind of answer the question asks for ("how long": a duration), if any."""
    memo: dict[tuple[str, int], Any] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )
    """What ranking derived for this question from one passage, kept for the question's one
    search: the re-ranker and the answering sentence ask about the same passages again."""

    @cached_property
    def asks(self) -> Asked:
        """Return what the question asks for, as the answer-sentence features read it."""
        return asked(self.text, self.kind)

    @cached_property
    def acronyms(self) -> tuple[Name, ...]:
        """Return the question's acronyms of three letters or more ("ICE", "POGO")."""
        return tuple(n for n in self.named if n.acronym and len(n.text) > SHORT_ACRONYM_LETTERS)

    @cached_property
    def named(self) -> tuple[Name, ...]:
        """Return the names passages are ranked by, and quotes checked for.

        Those the coverage mentions, and the acronyms of three letters or more the lexicon lacks,
        which a passage may spell out ("POGO": "Project On Government Oversight"; an acronym
        spelled out nowhere is refused before any passage is shown). Two letters ("US") are
        spelled out by chance too often to rank by.
        """
        spelled = (n for n in self.missing if n.acronym and len(n.text) > SHORT_ACRONYM_LETTERS)
        return (*self.mentioned, *spelled)

    @cached_property
    def other_terms(self) -> tuple[str, ...]:
        """Return the question's terms that are not part of its names."""
        named = {s for n in self.named for s in n.stems}
        return tuple(t for t in self.terms if t not in named)

    @cached_property
    def other_weights(self) -> tuple[float, ...]:
        """Return the weights of ``other_terms``."""
        named = {s for n in self.named for s in n.stems}
        return tuple(w for t, w in zip(self.terms, self.weights, strict=True) if t not in named)


def prepare_query(coverage: Coverage, text: str, vector: npt.NDArray[np.float32]) -> Query:
    """Return the query: terms weighted by smoothed IDF, names split into known and missing."""
    lexical = coverage.terms
    weighted = weigh(text, lexical.document_frequency, lexical.documents)
    found = names(text)
    looked_up: dict[tuple[str, str, bool], str | None] = {}

    def term_of(word: str, term: str, loose: bool) -> str | None:
        """Return the coverage's stem for a name's word, once per query (``coverage_term``)."""
        key = (word, term, loose)
        if key not in looked_up:
            looked_up[key] = coverage_term(coverage, word, term, loose)
        return looked_up[key]

    evidence = Evidence(
        known=lambda word, term, loose: term_of(word, term, loose) is not None,
        written_nearly=lambda name: name_written_nearly(coverage, name),
        someone_else=lambda name: named_someone_else(coverage, name),
        another_thing=lambda name: named_otherwise(coverage, name),
        unwritten=lambda name: never_written(coverage, name),
    )
    missing = missing_names(found, evidence)
    spelled = {
        s: term_of(w, s, n.loose) or (None if n.proper else ordinary_term(coverage, w)) or s
        for n in found
        if n not in missing
        for w, s in n.parts()
    }
    known = tuple(
        replace(
            n,
            stems=tuple(spelled[s] for s in n.stems),
            kin=_kin(coverage, n, spelled),
        )
        for n in found
        if n not in missing
    )
    query_terms = tuple(
        spelled.get(t) or title_spelling(t, lexical.knows) for t in weighted.terms
    )
    return Query(text, vector, query_terms, weighted.weights, known, missing, answer_kind(text))


def _kin(coverage: Coverage, name: Name, spelled: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    """Return the coverage's stems of a one-word name in its other forms ("France": "French").

    A name of several words is matched by its words as written, as it is mentioned only when
    written whole ("French Presidential Election" is not found in "France's"; matching its other
    forms ranked wrong passages first, docs/EVALUATION.md).
    """
    if len(name.stems) != 1:
        return ()
    (word, stem), = name.parts()
    return (kin_terms(coverage, word, spelled[stem], name.proper),)


def with_acronyms(query: Query, text: str, found: frozenset[str]) -> frozenset[str]:
    """Return a text's terms and the question's acronyms it spells out.

    "ICE" is in "U.S. Immigration and Customs Enforcement" as the coverage's mention of it
    (``unmentioned``) already counts it; the ranking and the evidence count it in the passage
    and the sentence that spell it out.
    """
    spelled = [
        name.stems
        for name in query.acronyms
        if not found.issuperset(name.stems) and spells_acronym(name.text, text)
    ]
    return found.union(*spelled) if spelled else found


def unmentioned(coverage: Coverage, query: Query, candidates: Sequence[int]) -> tuple[str, ...]:
    """Return the question's names the coverage never mentions.

    An acronym the coverage does not use still counts as mentioned when a candidate passage
    spells it out ("ACLU": "American Civil Liberties Union"), typed in any case where the case
    marks no names ("what does pogo think").
    """
    return tuple(
        name.text
        for name in query.missing
        if not (
            (name.acronym or name.unmarked)
            and any(spells_acronym(name.text.upper(), coverage.texts[i]) for i in candidates)
        )
    )
