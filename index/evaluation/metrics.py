"""Scoring: pure functions from ranked hits to per-question outcomes and from outcomes to figures.

A question the engine refuses has no ranks: it counts as a miss in ``recall@k`` and ``answer@k``.
Answer strings are matched case-insensitively with runs of whitespace collapsed, after folding
what is only typography: compatibility forms (NFKC), curly quotes and apostrophes to straight ones,
an ampersand between words to "and", and quotation marks around a whole answer ("“Grease”" is
the film Grease, whether the article prints it in curly quotes, straight quotes or none). Nothing
else: "six" does not match "6", and "ads" does not match "Advertisements".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MRR_CUTOFF = 10
BOLD_CUTOFFS = (1, 3)
"""bold@1 is the answer a member reads first; bold@3, in any of the three quotes shown."""


@dataclass(frozen=True)
class Outcome:
    """How the engine did on one question."""

    answerable: bool
    abstained: bool
    gold_rank: int | None = None
    """1-based rank of the first gold hit; None when refused or not among the hits."""
    answer_rank: int | None = None
    """Fewest top hits whose quotes contain the answer; None when refused or never."""
    has_gold: bool = True
    has_answer: bool = True
    bold_rank: int | None = None
    """1-based rank of the first hit whose bold sentence holds the answer (every group)."""


@dataclass(frozen=True)
class Report:
    """The figures of one evaluation run; ``None`` where no question could be scored."""

    questions: int
    recall: tuple[tuple[int, float | None], ...]
    mrr: float | None
    answer: tuple[tuple[int, float | None], ...]
    abstained: float | None
    abstain_correct: float | None
    answered_unanswerable: float | None = None
    """Share of unanswerable questions answered anyway (``answered_share``)."""
    bold: tuple[tuple[int, float | None], ...] = ()
    """Share of answerable questions whose answer is in a bold sentence of the first k hits."""

    def as_dict(self) -> dict[str, int | float | None]:
        """Return the figures under the keys of ``--json`` (``recall@5``, ``mrr@10``, ...)."""
        figures: dict[str, int | float | None] = {"questions": self.questions}
        figures.update({f"recall@{k}": value for k, value in self.recall})
        figures[f"mrr@{MRR_CUTOFF}"] = self.mrr
        figures.update({f"answer@{k}": value for k, value in self.answer})
        figures["quote@1"] = dict(self.answer).get(1)
        figures.update({f"bold@{k}": value for k, value in self.bold})
        figures["abstained"] = self.abstained
        figures["abstain_correct"] = self.abstain_correct
        figures["answered_share"] = self.answered_unanswerable
        return figures


_TYPOGRAPHY = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u02bc"} | {
    c: '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
})
_AMPERSAND = re.compile(r"\s&\s")
_QUOTED = re.compile(r"^(['\"])(.+)\1$")


def normalize(text: str) -> str:
    """Return text as compared: typography folded, lower case, whitespace runs collapsed."""
    folded = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return _AMPERSAND.sub(" and ", " ".join(folded.split())).casefold()


def _needle(answer: str) -> str:
    """Return an answer string as searched for: normalized, without quotes around all of it."""
    text = normalize(answer)
    quoted = _QUOTED.match(text)
    return quoted.group(2).strip() if quoted else text


def contains_any(text: str, needles: Iterable[str]) -> bool:
    """Return whether ``text`` contains one of ``needles`` (compared normalized)."""
    haystack = normalize(text)
    return any((n := _needle(needle)) and n in haystack for needle in needles)


def first_rank(relevant: Sequence[bool]) -> int | None:
    """Return the 1-based position of the first true flag, or None."""
    return next((i for i, flag in enumerate(relevant, start=1) if flag), None)


def answer_rank(quotes: Sequence[str], groups: Sequence[Sequence[str]]) -> int | None:
    """Return how many top quotes it takes to hold one string of every group, or None."""
    if not groups:
        return None
    ranks = [first_rank([contains_any(q, group) for q in quotes]) for group in groups]
    return None if any(r is None for r in ranks) else max(r for r in ranks if r is not None)


def bold_rank(bolds: Sequence[str], groups: Sequence[Sequence[str]]) -> int | None:
    """Return the 1-based rank of the first bold sentence holding one string of every group."""
    if not groups:
        return None
    return first_rank([all(contains_any(b, group) for group in groups) for b in bolds])


def recall_at(ranks: Sequence[int | None], k: int) -> float | None:
    """Return the share of questions whose first relevant rank is at most ``k``."""
    if not ranks:
        return None
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mrr_at(ranks: Sequence[int | None], cutoff: int = MRR_CUTOFF) -> float | None:
    """Return the mean reciprocal rank, counting ranks past ``cutoff`` (or none) as zero."""
    if not ranks:
        return None
    return sum(1 / r for r in ranks if r is not None and r <= cutoff) / len(ranks)


def share(flags: Sequence[bool]) -> float | None:
    """Return the share of true flags, or None when there are none to count."""
    return sum(flags) / len(flags) if flags else None


def summarize(outcomes: Sequence[Outcome], ks: Sequence[int]) -> Report:
    """Return the figures of a run from its per-question outcomes."""
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    gold_ranks = [o.gold_rank if not o.abstained else None for o in answerable if o.has_gold]
    answer_ranks = [o.answer_rank if not o.abstained else None for o in answerable if o.has_answer]
    bold_ranks = [o.bold_rank if not o.abstained else None for o in answerable if o.has_answer]
    return Report(
        questions=len(outcomes),
        recall=tuple((k, recall_at(gold_ranks, k)) for k in ks),
        mrr=mrr_at(gold_ranks),
        answer=tuple((k, recall_at(answer_ranks, k)) for k in ks),
        abstained=share([o.abstained for o in answerable]),
        abstain_correct=share([o.abstained for o in unanswerable]),
        answered_unanswerable=share([not o.abstained for o in unanswerable]),
        bold=tuple((k, recall_at(bold_ranks, k)) for k in BOLD_CUTOFFS),
    )
