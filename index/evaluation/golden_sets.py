"""The question sets pinned by golden files, and asking one of them as the bot asks.

A manifest (``tests/golden/sets.json``) lists the sets: a name (its golden file is
``<name>.jsonl`` beside the manifest), a data-set format (or ``conversations``: every turn asked
after the earlier ones, as the bot asks a reply) and file, the corpus folder asked, and
optionally ``swap`` (entity-swapped questions, seed ``DEFAULT_SEED``), ``case`` (every question
retyped) and ``slow`` (left to the slow test tier). Paths are relative to a root, the repository.
Every set is asked with the shipped defaults (``EngineConfig()``, never a user's settings), and an
undated question at ``UNDATED_ASKED``, so a line never changes with the day it is asked on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.config import EngineConfig
from index.embedding.encoder import Embedder
from index.evaluation.conversations import read_conversations
from index.evaluation.dataset import CASES, Dataset, Question, recased
from index.evaluation.formats import read_dataset
from index.evaluation.golden import SHOWN, golden_row, golden_text
from index.evaluation.judge import judge
from index.evaluation.metrics import MRR_CUTOFF
from index.evaluation.placement import place
from index.evaluation.runner import open_engine
from index.evaluation.swap import DEFAULT_SEED, entity_swaps

CONVERSATIONS = "conversations"

UNDATED_ASKED = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
"""When a question without a date is asked (the bot would ask it now): a fixed day, so that a
question about "this week" reads the same week whenever the files are checked."""


@dataclass(frozen=True)
class GoldenSet:
    """One question set pinned by a golden file."""

    name: str
    format: str
    questions: str
    """The data set's file, relative to the root."""
    corpus: str | None = None
    """The corpus folder asked (``qa-jsonl``, conversations), relative to the root."""
    swap: bool = False
    case: str | None = None
    slow: bool = False

    def available(self, root: Path) -> bool:
        """Return whether the set's questions are here (``../shared`` may be absent)."""
        return (root / self.questions).exists()

    def dataset(self, root: Path) -> Dataset:
        """Return the set's questions as asked (swapped, retyped, undated ones dated) and corpus.

        A conversations set gives its corpus only: its turns come from ``asked``.
        """
        corpus = root / self.corpus if self.corpus is not None else None
        if self.format == CONVERSATIONS:
            dataset = Dataset(name=CONVERSATIONS, questions=(), corpus_dir=corpus)
        else:
            dataset = read_dataset(self.format, root / self.questions, corpus)
        if self.swap:
            dataset = entity_swaps(dataset, DEFAULT_SEED)
        if self.case is not None:
            dataset = recased(dataset, self.case)
        return dataclasses.replace(dataset, questions=tuple(map(_dated, dataset.questions)))

    def asked(self, root: Path) -> list[tuple[Question, tuple[str, ...]]]:
        """Return each question with the earlier turns it follows (none outside conversations)."""
        if self.format != CONVERSATIONS:
            return [(question, ()) for question in self.dataset(root).questions]
        asked = []
        for conversation in read_conversations(root / self.questions):
            turns = conversation.turns
            for number, turn in enumerate(turns, start=1):
                question = Question(
                    text=turn.q,
                    qid=f"{conversation.cid}/{number}",
                    gold_quotes=turn.gold,
                    answers=(turn.gold,) if turn.gold else (),
                    answerable=not turn.abstain,
                    asked=turn.asked,
                )
                asked.append((_dated(question), tuple(t.q for t in turns[: number - 1])))
        return asked


def _dated(question: Question) -> Question:
    if question.asked is not None:
        return question
    return dataclasses.replace(question, asked=UNDATED_ASKED)


def _golden_set(row: dict[str, Any]) -> GoldenSet:
    known = {f.name for f in dataclasses.fields(GoldenSet)}
    unknown = sorted(set(row) - known)
    if unknown:
        raise ValueError(f"unknown keys {unknown} in a golden set; use {sorted(known)}")
    spec = GoldenSet(**row)
    if spec.case is not None and spec.case not in CASES:
        raise ValueError(f"{spec.name}: case {spec.case!r} is not one of {sorted(CASES)}")
    if spec.format == CONVERSATIONS and (spec.swap or spec.case or spec.corpus is None):
        raise ValueError(f"{spec.name}: conversations need a corpus, and no swap or case")
    return spec


def read_sets(manifest: Path) -> tuple[GoldenSet, ...]:
    """Return the sets a manifest lists (a JSON list of objects with ``GoldenSet``'s fields)."""
    sets = tuple(_golden_set(row) for row in json.loads(manifest.read_text(encoding="utf-8")))
    names = [spec.name for spec in sets]
    if len(set(names)) != len(names):
        raise ValueError(f"{manifest}: two sets share a name")
    return sets


def golden_config() -> EngineConfig:
    """Return the configuration every golden file is asked with: the shipped defaults."""
    return EngineConfig()


def golden_embedder(config: EngineConfig) -> Embedder:
    """Return the model as the configuration encodes with it (questions by its own encoder)."""
    return Embedder(config.model, config.device, query_encoder=config.query_encoder)


def ask_set(spec: GoldenSet, root: Path, workdir: Path, embedder: Embedder) -> str:
    """Build (or reuse, under ``workdir``) the set's index, ask every question, return its file.

    Each question is asked as the bot asks it (``SHOWN`` quotes, the rest for "More"; a turn of a
    conversation after the earlier turns); ranks are counted over all of them.
    """
    engine = open_engine(place(spec.dataset(root), golden_config(), workdir), embedder)
    rows = []
    for question, earlier in spec.asked(root):
        answer = engine.ask(question.text, k=SHOWN, asked_at=question.asked, after=earlier)
        rows.append(golden_row(question, answer, judge(question, answer, MRR_CUTOFF)))
    return golden_text(rows)
