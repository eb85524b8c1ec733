"""``ask`` latency: every question through ``Engine.ask``, the call the bot makes."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import torch

from benchmarks.stats import percentiles
from index.engine import Engine

WARMUP = 3


def ask_latency(engine: Engine, questions: Sequence[str], k: int = 3) -> dict[str, Any]:
    """Time ``engine.ask`` on each question (after a few warm-up calls) and summarize."""
    for question in questions[:WARMUP]:
        engine.ask(question, k=k)
    timings: list[float] = []
    abstained = 0
    for question in questions:
        start = time.perf_counter()
        answer = engine.ask(question, k=k)
        timings.append((time.perf_counter() - start) * 1000)
        abstained += answer.abstained
    info = engine.info()
    return {
        "questions": len(questions),
        "passages": info.passages if info is not None else None,
        **percentiles(timings),
        "abstained": abstained / len(questions),
    }


def encode_latency(engine: Engine, questions: Sequence[str]) -> dict[str, Any]:
    """Time the query embedding alone (one question a call), the model's share of ``ask``."""
    embedder = engine.embedder
    for question in questions[:WARMUP]:
        embedder.encode_queries([question])
    timings: list[float] = []
    for question in questions:
        start = time.perf_counter()
        embedder.encode_queries([question])
        timings.append((time.perf_counter() - start) * 1000)
    return percentiles(timings)


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Run the block with ``count`` torch threads, restoring the previous number after."""
    previous = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
