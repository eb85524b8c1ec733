"""The project's simple form: lines of ``{"q", "gold": [substrings], "abstain": bool, "asked"}``.

The questions are asked against an existing corpus folder. A hit is correct when its quote
contains one of the gold substrings; a question marked ``abstain`` should be refused. ``asked``
(optional, an ISO date or date-time) is when the question is asked; without it, as of now.
"""

from __future__ import annotations

import json
from pathlib import Path

from index.evaluation.dataset import Dataset, Question
from index.text.dates import parse_when

NAME = "qa-jsonl"


def read(path: Path, corpus_dir: Path | None = None) -> Dataset:
    """Read a ``qa-jsonl`` file into questions against ``corpus_dir``."""
    if corpus_dir is None:
        raise ValueError("qa-jsonl questions need a corpus folder to be asked against")
    questions: list[Question] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            gold = tuple(str(g) for g in row.get("gold") or [] if str(g).strip())
            abstain = bool(row.get("abstain", False))
            asked = row.get("asked")
            try:
                when = parse_when(str(asked)) if asked else None
            except ValueError as exc:
                raise ValueError(f"{path}:{number}: {exc}") from None
            questions.append(
                Question(
                    text=str(row["q"]),
                    qid=str(row.get("id", number)),
                    gold_quotes=gold,
                    answers=(gold,) if gold else (),
                    answerable=not abstain,
                    asked=when,
                )
            )
    return Dataset(name=NAME, questions=tuple(questions), corpus_dir=corpus_dir)
