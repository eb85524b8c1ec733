"""Golden files: what the engine says to each question of a set, pinned as stable JSON lines.

A golden line records what a member would notice of one answer, asked as the bot asks (the
``SHOWN`` best quotes and the rest for "More"): whether it was refused and why (the reason's text,
which names what the coverage does not mention), the rank of the first gold quote and of the
first quotes that hold the answer among every hit the bot has, the first quote's bold sentence,
each shown quote's place (file and paragraph), the names the quotes do not mention, for a
question about a period the articles listed, and for a follow-up how it was read in context.
No timing and no score: the lines change only when an answer does. Keys are sorted and lines
follow the set's order, so a file is byte-stable.
Pure functions: the asking is in ``index.evaluation.golden_sets``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from index.evaluation.dataset import Question
from index.evaluation.metrics import Outcome
from index.records import Answer, Hit

SHOWN = 3
"""Quotes the bot shows at once (``answers_shown``'s default); the engine adds the "More" ones."""


def place_of(hit: Hit) -> str:
    """Return where a quote comes from: its corpus file and 1-based paragraph, ``file#n``."""
    return f"{hit.source}#{hit.paragraph}"


def golden_row(question: Question, answer: Answer, outcome: Outcome) -> dict[str, Any]:
    """Return the golden record of one question's answer."""
    return {
        "id": question.qid,
        "question": question.text,
        "answerable": question.answerable,
        "refused": answer.abstained,
        "reason": answer.reason,
        "gold_rank": outcome.gold_rank,
        "answer_rank": outcome.answer_rank,
        "bold": answer.hits[0].highlighted_text if answer.hits else None,
        "shown": [place_of(hit) for hit in answer.hits],
        "unmentioned": list(answer.unmentioned),
        "news": [item.source for item in answer.news.items] if answer.news else None,
        "read_as": answer.read_as,
    }


def golden_line(row: dict[str, Any]) -> str:
    """Return a record as its golden line: JSON with sorted keys, Unicode as written, no newline."""
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def golden_text(rows: Sequence[dict[str, Any]]) -> str:
    """Return a golden file's content: one line per record, in order, ending with a newline."""
    return "".join(golden_line(row) + "\n" for row in rows)


def _label(number: int, row: dict[str, Any]) -> str:
    return f"  [{number}] {row.get('id', '')}: {row.get('question', '')}"


def _value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def differences(expected: str, actual: str) -> list[str]:
    """Return, one entry per question, how ``actual`` answers differ from ``expected``.

    Questions are compared line by line in order (a set's order is fixed). An entry names the
    question and shows every field that changed as ``field: old -> new`` on a line of its own.
    Empty when the two are the same.
    """
    old = [json.loads(line) for line in expected.splitlines() if line.strip()]
    new = [json.loads(line) for line in actual.splitlines() if line.strip()]
    changes: list[str] = []
    for number, (before, after) in enumerate(zip(old, new, strict=False), start=1):
        if before != after:
            fields = [
                f"      {key}: {_value(before.get(key))} -> {_value(after.get(key))}"
                for key in sorted(set(before) | set(after))
                if before.get(key) != after.get(key)
            ]
            changes.append("\n".join([_label(number, after), *fields]))
    for number, row in enumerate(old[len(new) :], start=len(new) + 1):
        changes.append(_label(number, row) + "  (no longer asked)")
    for number, row in enumerate(new[len(old) :], start=len(old) + 1):
        changes.append(_label(number, row) + "  (new)")
    return changes
