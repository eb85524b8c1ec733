"""RGB (``en_fact.json``, JSON lines): news questions with positive and negative passages.

The corpus is every positive and negative passage, one article each (``positive_wrong``, the
counterfactual passages, is left out); the gold is the question's positive passages. ``answer`` is
a string, or a list of groups of alternatives (every group must be found, any one of its strings).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from index.evaluation.dataset import Dataset, Question, content_key, make_dataset
from index.records import ArticleRecord

NAME = "rgb"


def passage_url(text: str) -> str:
    """Return the identifier of a passage: the same text gets the same one, wherever it appears."""
    digest = hashlib.sha256(content_key(text).encode("utf-8")).hexdigest()[:16]
    return f"urn:coverbot-eval:rgb:passage:{digest}"


def answer_groups(answer: Any) -> tuple[tuple[str, ...], ...]:
    """Return ``answer`` as groups of alternatives: ``"a"``, ``["a", "b"]`` or ``[["a", "b"]]``."""
    if answer is None or answer == "":
        return ()
    if isinstance(answer, str):
        return ((answer,),)
    groups: list[tuple[str, ...]] = []
    for item in answer:
        strings = tuple(str(s) for s in item) if isinstance(item, list) else (str(item),)
        if strings:
            groups.append(strings)
    return tuple(groups)


def _title(text: str) -> str:
    words = text.split()
    return " ".join(words[:10]) + ("…" if len(words) > 10 else "")


def read(path: Path, corpus_dir: Path | None = None) -> Dataset:
    """Read an RGB JSON-lines file into a data set."""
    del corpus_dir  # the corpus is the file's own passages
    records: list[ArticleRecord] = []
    questions: list[Question] = []
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    for row in rows:
        positive = [str(p) for p in row.get("positive") or []]
        for text in positive + [str(p) for p in row.get("negative") or []]:
            records.append(ArticleRecord(url=passage_url(text), title=_title(text), text=text))
        questions.append(
            Question(
                text=str(row["query"]),
                qid=str(row.get("id", len(questions))),
                gold_urls=frozenset(passage_url(p) for p in positive),
                answers=answer_groups(row.get("answer")),
            )
        )
    return make_dataset(NAME, records, questions)
