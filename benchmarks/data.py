"""The real data the benchmarks use: questions to ask and RealTime QA articles to index."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from index.evaluation.dataset import Dataset
from index.evaluation.formats import read_dataset
from index.models import ArticleRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sources:
    """Where the evaluation data sets are."""

    realtimeqa: Path
    squad: Path


def default_sources(repo: Path) -> Sources:
    """Return the shared evaluation data beside the repository (``../shared/eval``)."""
    shared = repo.parent / "shared" / "eval"
    return Sources(shared / "realtimeqa-dev", shared / "xquad" / "xquad.en.json")


def evenly(items: list[str], count: int) -> list[str]:
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


def read_sources(sources: Sources) -> tuple[Dataset, Dataset]:
    """Read the RealTime QA and XQuAD data sets."""
    return read_dataset("realtimeqa", sources.realtimeqa), read_dataset("squad", sources.squad)


def sample_records(records: tuple[ArticleRecord, ...], count: int) -> tuple[ArticleRecord, ...]:
    """Return ``count`` articles spread evenly over the data set (a fixed, repeatable sample)."""
    if count >= len(records):
        return records
    step = len(records) / count
    return tuple(records[int(i * step)] for i in range(count))
