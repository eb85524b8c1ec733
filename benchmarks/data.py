"""The real data the benchmarks use: questions to ask and RealTime QA articles to index."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from index.evaluation.dataset import Dataset
from index.evaluation.formats import read_dataset
from index.models import ArticleRecord

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Sources:
    """Where the evaluation data sets are."""

    realtimeqa: Path
    squad: Path


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
