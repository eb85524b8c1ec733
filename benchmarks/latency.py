"""``ask`` latency: every question through ``Engine.ask``, the call the bot makes."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import torch

from benchmarks.heap import as_the_bot_serves
from benchmarks.stats import percentiles
from index.config import QueryEncoderKind
from index.embedding.encoder import Embedder
from index.engine import Engine

WARMUP = 3


def ask_latency(
    engine: Engine,
    questions: Sequence[str],
    k: int = 3,
    asked_at: Sequence[dt.datetime | None] | None = None,
) -> dict[str, Any]:
    """Time ``engine.ask`` on each question (after a few warm-up calls) and summarize.

    ``asked_at`` (one per question) asks each as of that moment, as a member asking about that
    week's news would: the period's own search and the recency prior then run. After the
    warm-up the questions are timed on the heap as the bot keeps it (``as_the_bot_serves``).
    """
    when = list(asked_at) if asked_at is not None else [None] * len(questions)
    for question, moment in list(zip(questions, when, strict=True))[:WARMUP]:
        engine.ask(question, k=k, asked_at=moment)
    timings: list[float] = []
    abstained = 0
    with as_the_bot_serves():
        for question, moment in zip(questions, when, strict=True):
            start = time.perf_counter()
            answer = engine.ask(question, k=k, asked_at=moment)
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


def compare_encoders(
    model: str, questions: Sequence[str], kinds: Sequence[QueryEncoderKind]
) -> dict[str, Any]:
    """Time each query encoder on the same questions, taken in turns, and compare its vectors.

    The encoders are loaded side by side and each question is encoded by each of them in turn,
    so that a busy moment of a shared machine slows them all alike: the speed ratios hold even
    when the absolute times do not. Cosines are to the first kind's vectors (the reference).
    """
    embedders = {kind: Embedder(model, query_encoder=kind) for kind in kinds}
    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    vectors: dict[str, list[np.ndarray]] = {kind: [] for kind in kinds}
    for question in questions[:WARMUP]:
        for embedder in embedders.values():
            embedder.encode_queries([question])
    for question in questions:
        for kind, embedder in embedders.items():
            start = time.perf_counter()
            vector = embedder.encode_queries([question])[0]
            timings[kind].append((time.perf_counter() - start) * 1000)
            vectors[kind].append(vector)
    reference = np.vstack(vectors[kinds[0]])
    base = float(np.median(timings[kinds[0]]))
    results: dict[str, Any] = {}
    for kind, embedder in embedders.items():
        cosines = (np.vstack(vectors[kind]) * reference).sum(axis=1)
        results[kind] = {
            "active": embedder.query_encoder,
            **percentiles(timings[kind]),
            "speedup_p50": base / float(np.median(timings[kind])),
            "cosine_min": float(cosines.min()),
            "cosine_mean": float(cosines.mean()),
        }
    return results


@contextmanager
def torch_threads(count: int) -> Iterator[None]:
    """Run the block with ``count`` torch threads, restoring the previous number after."""
    previous = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
