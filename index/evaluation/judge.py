"""Judging one answer of the engine against a question's gold: pure, no model needed."""

from __future__ import annotations

from index.evaluation.dataset import Question, strip_fragment
from index.evaluation.metrics import (
    MRR_CUTOFF,
    Outcome,
    answer_rank,
    bold_rank,
    contains_any,
    first_rank,
)
from index.records import Answer, Hit


def is_gold(hit: Hit, question: Question) -> bool:
    """Return whether a hit quotes a gold article (by URL) or holds a gold substring."""
    if hit.url is not None and strip_fragment(hit.url) in question.gold_urls:
        return True
    return bool(question.gold_quotes) and contains_any(hit.quote, question.gold_quotes)


def judge(question: Question, answer: Answer, depth: int = MRR_CUTOFF) -> Outcome:
    """Return the outcome of one answer, looking at its first ``depth`` hits."""
    has_gold = bool(question.gold_urls or question.gold_quotes)
    has_answer = bool(question.answers)
    if answer.abstained:
        return Outcome(question.answerable, True, None, None, has_gold, has_answer)
    hits = (answer.hits + answer.more)[:depth]
    return Outcome(
        answerable=question.answerable,
        abstained=False,
        gold_rank=first_rank([is_gold(h, question) for h in hits]) if has_gold else None,
        answer_rank=answer_rank([h.quote for h in hits], question.answers),
        has_gold=has_gold,
        has_answer=has_answer,
        bold_rank=bold_rank([h.highlighted_text for h in hits], question.answers),
    )
