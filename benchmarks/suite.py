"""One benchmark run: every measurement in a fixed order, collected into one plain dict."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import coldstart
from benchmarks.build import build_throughput
from benchmarks.data import Sources, questions, read_sources
from benchmarks.incremental import incremental_rebuild
from benchmarks.index_scale import recall_only, run_index_scale
from benchmarks.latency import ask_latency, encode_latency, torch_threads
from benchmarks.machine import machine
from benchmarks.news import NewsIndex, open_news_index
from index.config import EngineConfig
from index.embedding import Embedder, load_embedder
from index.engine import Engine
from index.evaluation.dataset import Dataset
from index.evaluation.placement import place
from index.evaluation.runner import open_engine

log = logging.getLogger(__name__)

PASSIVE = {"OMP_WAIT_POLICY": "PASSIVE"}
ENCODE_QUESTIONS = 50
HARD_PASSAGES_PER_TOPIC = 100
REALTIMEQA_PASSAGES = 23_663
"""The dev corpus's size: the index part is also timed on as many synthetic passages."""
SECTIONS = ("ask", "build", "incremental", "coldstart", "index")
Say = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    """What one run measures, and on how much data."""

    config: EngineConfig
    workdir: Path
    sources: Sources
    questions: int = 200
    build_passages: int = 1000
    articles: int | None = None
    """Index only the first N RealTime QA articles (None: all, the evaluation's cached index)."""
    synthetic_passages: int = 1_000_000
    synthetic_queries: int = 200
    max_missing: int = 2000
    """Embed at most this many passages to get the real RealTime QA index (else: stand-ins)."""
    sections: tuple[str, ...] = SECTIONS
    fresh_processes: bool = True
    """Also time query embedding in fresh processes (default OpenMP waiting, and passive)."""


def _seed_engine(options: Options, embedder: Embedder) -> Engine:
    seed = Dataset(name="seed", questions=(), corpus_dir=options.config.corpus_dir)
    return open_engine(place(seed, options.config, options.workdir), embedder)


def _ask(
    options: Options, embedder: Embedder, asked: list[str], news: NewsIndex | None
) -> dict[str, Any]:
    seed_engine = _seed_engine(options, embedder)
    results: dict[str, Any] = {"seed": ask_latency(seed_engine, asked)}
    if news is not None:
        results["realtimeqa"] = {"index": news.kind, **ask_latency(news.engine, asked)}
    results["encode_only"] = encode_latency(seed_engine, asked[:ENCODE_QUESTIONS])
    # Variants the engine could adopt: one torch thread for a query, or passive OpenMP waiting.
    with torch_threads(1):
        results["encode_only_1_thread"] = encode_latency(seed_engine, asked)
        if news is not None:
            results["realtimeqa_1_thread"] = ask_latency(news.engine, asked)
    if options.fresh_processes:
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
    sections = set(options.sections)
    with tempfile.TemporaryDirectory(prefix="coverbot-bench-") as scratch:
        news = None
        if sections & {"ask", "incremental", "coldstart"}:
            news = open_news_index(
                realtimeqa,
                options.config,
                options.workdir,
                embedder,
                articles=options.articles,
                max_missing=options.max_missing,
                scratch=Path(scratch),
                say=say,
            )
        if "ask" in sections:
            say(f"ask latency: {len(asked)} questions")
            results["ask"] = _ask(options, embedder, asked, news)
        if "build" in sections:
            say(f"build throughput: about {options.build_passages} passages")
            results["build"] = build_throughput(
                realtimeqa.records, options.config, embedder, options.build_passages
            )
        if news is not None and "incremental" in sections:
            say("incremental rebuild after one article changes")
            build_rate = results.get("build", {}).get("build_per_s")
            results["incremental"] = {
                "index": news.kind,
                **incremental_rebuild(news.config, news.embedder, build_rate),
            }
        if news is not None and "coldstart" in sections:
            say("cold start: index and model, in fresh processes")
            model = options.config.model
            results["coldstart"] = {
                "index": coldstart.measure("index", str(news.config.index_dir), model),
                "model": coldstart.measure("model", model),
            }
    if "index" in sections:
        size = min(REALTIMEQA_PASSAGES, options.synthetic_passages)
        results["index_scale_realtimeqa_size"] = run_index_scale(
            size, options.synthetic_queries, progress=say
        )
        results["index_scale"] = run_index_scale(
            options.synthetic_passages, options.synthetic_queries, progress=say
        )
        # The same search on harder vectors: as many topics as lists, ~100 passages a topic.
        say("synthetic: IVF recall on a harder distribution")
        results["index_scale_hard"] = recall_only(
            options.synthetic_passages,
            options.synthetic_queries,
            max(1, options.synthetic_passages // HARD_PASSAGES_PER_TOPIC),
        )
    results["seconds"] = time.perf_counter() - started
    return results
