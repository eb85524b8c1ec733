"""One benchmark run: every measurement in a fixed order, collected into one plain dict."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import coldstart
from benchmarks.build import build_throughput
from benchmarks.data import Sources, questions, read_sources
from benchmarks.incremental import incremental_rebuild, missing_embeddings
from benchmarks.index_scale import run_index_scale
from benchmarks.latency import ask_latency, encode_latency, torch_threads
from benchmarks.machine import machine
from index.config import EngineConfig
from index.embedding import Embedder, load_embedder
from index.engine import Engine
from index.evaluation.dataset import Dataset
from index.evaluation.placement import place
from index.evaluation.runner import open_engine

log = logging.getLogger(__name__)

PASSIVE = {"OMP_WAIT_POLICY": "PASSIVE"}
SECTIONS = ("ask", "build", "incremental", "coldstart", "index")
Say = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    """What one run measures, and on how much data."""

    config: EngineConfig
    workdir: Path
    sources: Sources
    questions: int = 300
    build_passages: int = 1000
    articles: int | None = None
    """Index only the first N RealTime QA articles (None: all, the evaluation's cached index)."""
    synthetic_passages: int = 1_000_000
    synthetic_queries: int = 200
    max_missing: int = 2000
    """Refuse to embed more passages than this to get the RealTime QA index."""
    sections: tuple[str, ...] = SECTIONS
    fresh_processes: bool = True
    """Also time query embedding in fresh processes (default OpenMP waiting, and passive)."""


def _news_engine(
    options: Options, dataset: Dataset, embedder: Embedder, say: Say
) -> tuple[EngineConfig, Engine | None, str | None]:
    records = dataset.records if options.articles is None else dataset.records[: options.articles]
    partial = Dataset(name=dataset.name, questions=(), records=records)
    placed = place(partial, options.config, options.workdir)
    if not (placed.index_dir / "CURRENT").exists():
        say("checking the embedding cache of the RealTime QA corpus")
        missing, total = missing_embeddings(placed, embedder)
        if missing > options.max_missing:
            reason = f"{missing} of {total} passages not embedded yet (run `coverbot eval` first)"
            return placed, None, reason
    say(f"opening the RealTime QA index ({len(records)} articles)")
    return placed, open_engine(placed, embedder), None


def _ask(
    options: Options, embedder: Embedder, asked: list[str], news: Engine | None, skipped: str | None
) -> dict[str, Any]:
    seed = Dataset(name="seed", questions=(), corpus_dir=options.config.corpus_dir)
    seed_engine = open_engine(place(seed, options.config, options.workdir), embedder)
    results: dict[str, Any] = {"seed": ask_latency(seed_engine, asked)}
    results["realtimeqa"] = ask_latency(news, asked) if news else {"skipped": skipped}
    results["encode_only"] = encode_latency(seed_engine, asked)
    # Variants the engine could adopt: one torch thread for a query, or passive OpenMP waiting.
    with torch_threads(1):
        results["encode_only_1_thread"] = encode_latency(seed_engine, asked)
        if news:
            results["realtimeqa_1_thread"] = ask_latency(news, asked)
    if not options.fresh_processes:
        return results
    results["encode_fresh_process"] = coldstart.measure(
        "queries", options.config.model, stdin="\n".join(asked)
    )
    results["encode_fresh_process_passive"] = coldstart.measure(
        "queries", options.config.model, stdin="\n".join(asked), env_extra=PASSIVE
    )
    return results


def run(options: Options, say: Say | None = None) -> dict[str, Any]:
    """Run the selected measurements and return every figure."""
    say = say or (lambda message: None)
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine()}
    embedder = load_embedder(options.config.model, options.config.device)
    realtimeqa, squad = read_sources(options.sources)
    asked = questions(realtimeqa, squad, options.questions)
    placed, news, skipped = _news_engine(options, realtimeqa, embedder, say)
    if "ask" in options.sections:
        say(f"ask latency: {len(asked)} questions")
        results["ask"] = _ask(options, embedder, asked, news, skipped)
    build_rate = None
    if "build" in options.sections:
        say(f"build throughput: about {options.build_passages} passages")
        results["build"] = build_throughput(
            realtimeqa.records, options.config, embedder, options.build_passages
        )
        build_rate = results["build"]["build_per_s"]
    if "incremental" in options.sections:
        say("incremental rebuild after one article changes")
        results["incremental"] = (
            incremental_rebuild(placed, embedder, build_rate, options.max_missing)
            if news
            else {"skipped": skipped}
        )
    if "coldstart" in options.sections:
        say("cold start: index and model, in fresh processes")
        results["coldstart"] = _coldstart(options, embedder, placed if news else None)
    if "index" in options.sections:
        results["index_scale"] = run_index_scale(
            options.synthetic_passages, options.synthetic_queries, progress=say
        )
    results["seconds"] = time.perf_counter() - started
    return results


def _coldstart(options: Options, embedder: Embedder, placed: EngineConfig | None) -> dict[str, Any]:
    if placed is None:  # no news index: measure the seed coverage's
        seed = Dataset(name="seed", questions=(), corpus_dir=options.config.corpus_dir)
        placed = place(seed, options.config, options.workdir)
        open_engine(placed, embedder)
    model = options.config.model
    return {
        "index": coldstart.measure("index", str(placed.index_dir), model),
        "model": coldstart.measure("model", model),
    }
