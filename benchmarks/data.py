"""The real data the benchmarks use: questions to ask and RealTime QA articles to index.

Without the evaluation data (``../shared/eval``, or ``--data DIR``) the benchmarks run on what the
project ships: the bundled coverage (``corpus/``) and the seed questions written for it.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from index.build.builder import read_corpus
from index.config import EngineConfig
from index.evaluation.dataset import Dataset
from index.evaluation.formats import read_dataset
from index.records import ArticleRecord

log = logging.getLogger(__name__)
T = TypeVar("T")

SEED_QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "data" / "seed_questions.jsonl"
"""Questions on the bundled coverage, with the gold quotes the tests check (one JSON a line)."""
BUNDLED = "bundled"
"""The name of the data set of the bundled coverage."""


@dataclass(frozen=True)
class Sources:
    """Where the evaluation data sets are."""

    realtimeqa: Path
    squad: Path

    def available(self) -> bool:
        """Tell whether both data sets are there."""
        return self.realtimeqa.exists() and self.squad.exists()


def default_sources(repo: Path) -> Sources:
    """Return the shared evaluation data beside the repository (``../shared/eval``)."""
    shared = repo.parent / "shared" / "eval"
    return Sources(shared / "realtimeqa-dev", shared / "xquad" / "xquad.en.json")


def evenly(items: Sequence[T], count: int) -> list[T]:
    """Return ``count`` items spread evenly over the list (all of them when it is shorter)."""
    if count >= len(items):
        return list(items)
    if count <= 0:
        return []
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def questions(realtimeqa: Dataset, squad: Dataset, count: int) -> list[str]:
    """Return ``count`` real questions: half RealTime QA, the rest XQuAD, in a fixed order."""
    news = evenly([q.text for q in realtimeqa.questions], count // 2)
    rest = evenly([q.text for q in squad.questions], count - len(news))
    return news + rest


def dated_questions(realtimeqa: Dataset, count: int) -> list[tuple[str, dt.datetime | None]]:
    """Return ``count`` RealTime QA questions, each with the date it was asked, spread evenly."""
    return evenly([(q.text, q.asked) for q in realtimeqa.questions], count)


def read_sources(sources: Sources) -> tuple[Dataset, Dataset]:
    """Read the RealTime QA and XQuAD data sets."""
    return read_dataset("realtimeqa", sources.realtimeqa), read_dataset("squad", sources.squad)


def sample_records(records: tuple[ArticleRecord, ...], count: int) -> tuple[ArticleRecord, ...]:
    """Return ``count`` articles spread evenly over the data set (a fixed, repeatable sample)."""
    if count >= len(records):
        return records
    step = len(records) / count
    return tuple(records[int(i * step)] for i in range(count))


def bundled_dataset(config: EngineConfig) -> Dataset:
    """Return the bundled coverage (``config.corpus_dir``) as a data set of records."""
    articles = read_corpus(config.corpus_dir, config).articles
    records = tuple(
        ArticleRecord(a.text, a.title, a.outlet, a.author, a.published, a.url) for a in articles
    )
    return Dataset(name=BUNDLED, questions=(), records=records)


def bundled_questions(count: int) -> list[str]:
    """Return up to ``count`` of the seed questions on the bundled coverage, spread evenly."""
    lines = SEED_QUESTIONS.read_text(encoding="utf-8").splitlines()
    return evenly([json.loads(line)["q"] for line in lines if line.strip()], count)
