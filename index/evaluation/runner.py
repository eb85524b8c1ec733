"""Run an evaluation: place the corpus and index, build or load, ask every question, score.

Questions go through ``Engine.ask``, the call the bot makes, so the figures are the bot's.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from index.config import EngineConfig
from index.embedding.encoder import Embedder
from index.engine import Engine, ProgressFn
from index.errors import RebuildInProgressError
from index.evaluation.dataset import Dataset, Question
from index.evaluation.judge import judge
from index.evaluation.metrics import MRR_CUTOFF, Outcome, Report, summarize
from index.evaluation.placement import place
from index.records import Answer

log = logging.getLogger(__name__)

LOCK_WAIT_SECONDS = 3600.0
LOCK_POLL_SECONDS = 5.0

QuestionFn = Callable[[int, int], None]
"""Called as ``(done, total)`` after each question."""
AnswerFn = Callable[[Question, Answer, Outcome], None]
"""Called with each question, the engine's answer and its outcome (for per-question details)."""


def open_engine(
    config: EngineConfig,
    embedder: Embedder | None = None,
    progress: ProgressFn | None = None,
    wait_seconds: float = LOCK_WAIT_SECONDS,
) -> Engine:
    """Return an engine serving the index of ``config``, built or brought up to date.

    ``rebuild`` is always called: it reads the corpus and, when the corpus and the build settings
    match the published index, just loads it; otherwise it embeds only what the cache lacks.
    Evaluation folders are shared, so when another process is building the same index this waits
    for it (the engine itself never waits) and then finds the index ready.
    """
    engine = Engine(config, embedder)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            report = engine.rebuild(progress=progress)
            break
        except RebuildInProgressError:
            if time.monotonic() >= deadline:
                raise
            log.info("another process is building %s; waiting", config.index_dir)
            time.sleep(LOCK_POLL_SECONDS)
    log.info(
        "index %s: %d articles, %d passages (%d embedded) in %.1f s",
        report.version,
        report.articles,
        report.passages,
        report.embedded,
        report.total_seconds,
    )
    return engine


def ask_all(
    engine: Engine,
    questions: Sequence[Question],
    depth: int,
    on_question: QuestionFn | None = None,
    on_answer: AnswerFn | None = None,
) -> list[Outcome]:
    """Ask every question through ``engine.ask`` and return their outcomes in order."""
    outcomes = []
    started = time.perf_counter()
    for done, question in enumerate(questions, start=1):
        answer = engine.ask(question.text, k=depth, asked_at=question.asked)
        outcomes.append(judge(question, answer, depth))
        if on_answer is not None:
            on_answer(question, answer, outcomes[-1])
        if on_question is not None:
            on_question(done, len(questions))
    seconds = time.perf_counter() - started
    log.info("asked %d questions in %.1f s", len(questions), seconds)
    return outcomes


def evaluate(
    dataset: Dataset,
    config: EngineConfig,
    ks: Sequence[int],
    *,
    workdir: Path,
    embedder: Embedder | None = None,
    limit: int | None = None,
    progress: ProgressFn | None = None,
    on_question: QuestionFn | None = None,
    on_answer: AnswerFn | None = None,
) -> Report:
    """Build (or reuse) the data set's index with ``config``, ask its questions, return figures."""
    placed = place(dataset, config, workdir)
    engine = open_engine(placed, embedder, progress)
    questions = dataset.questions[:limit] if limit is not None else dataset.questions
    depth = max([MRR_CUTOFF, *ks])
    return summarize(ask_all(engine, questions, depth, on_question, on_answer), ks)
