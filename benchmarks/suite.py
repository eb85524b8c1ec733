"""One benchmark run: every measurement in a fixed order, collected into one plain dict."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from benchmarks import coldstart, startup
from benchmarks.build import build_throughput
from benchmarks.data import (
    BUNDLED,
    Sources,
    bundled_dataset,
    bundled_questions,
    dated_questions,
    questions,
    read_sources,
)
from benchmarks.encoders import compare, sample_passages
from benchmarks.incremental import incremental_rebuild
from benchmarks.index_scale import recall_only, run_index_scale
from benchmarks.latency import ask_latency, compare_encoders, encode_latency, torch_threads
from benchmarks.load import LoadOptions, run_load
from benchmarks.machine import machine
from benchmarks.million import run_million
from benchmarks.news import NewsIndex, open_news_index
from index.config import EngineConfig
from index.embedding.encoder import Embedder, load_embedder
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
SECTIONS = ("ask", "build", "encoders", "incremental", "coldstart", "index", "load", "startup")
ON_REQUEST = ("million",)
"""Sections run only when named (``--only million``): the million-passage run takes hours."""
ARTICLE_SECTIONS = {"ask", "build", "encoders", "incremental", "coldstart"}
"""Sections that index articles and ask questions: RealTime QA's and XQuAD's when the evaluation
data is there, else the bundled coverage and its seed questions. The others need no data."""
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
    million_passages: int = 1_000_000
    """Passages of real text (varied copies) the ``million`` section builds and serves."""
    max_missing: int = 2000
    """Embed at most this many passages to get the real RealTime QA index (else: stand-ins)."""
    sections: tuple[str, ...] = SECTIONS
    fresh_processes: bool = True
    """Also time query embedding in fresh processes (default OpenMP waiting, and passive)."""
    load: LoadOptions = LoadOptions()  # noqa: RUF009 - frozen, so one shared default is safe
    startup_runs: tuple[int, int] = (startup.ASK_RUNS, startup.BOT_RUNS)
    """Whole ``coverbot ask`` processes timed, and bot starts."""


def _seed_engine(options: Options, embedder: Embedder) -> Engine:
    seed = Dataset(name="seed", questions=(), corpus_dir=options.config.corpus_dir)
    return open_engine(place(seed, options.config, options.workdir), embedder)


def _ask(
    options: Options,
    embedder: Embedder,
    asked: list[str],
    news: NewsIndex | None,
    dated: list[tuple[str, dt.datetime | None]],
) -> dict[str, Any]:
    seed_engine = _seed_engine(options, embedder)
    results: dict[str, Any] = {"seed": ask_latency(seed_engine, asked)}
    if news is not None:
        results["realtimeqa"] = {"index": news.kind, **ask_latency(news.engine, asked)}
        texts, moments = [text for text, _ in dated], [moment for _, moment in dated]
        results["realtimeqa_as_of_question_date"] = ask_latency(news.engine, texts, 3, moments)
    results["encode_only"] = encode_latency(seed_engine, asked[:ENCODE_QUESTIONS])
    results["query_encoders"] = compare_encoders(
        options.config.model, asked, ("torch", "onnx", "onnx-int8")
    )
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


class _Sections:
    """Runs one section at a time; a failing section is reported and the others still run."""

    def __init__(self, results: dict[str, Any], say: Say) -> None:
        self.results = results
        self.say = say

    def run(self, name: str, measure: Callable[[], dict[str, Any]]) -> None:
        try:
            self.results[name] = measure()
        except Exception as exc:  # one broken measurement must not lose the others
            log.exception("benchmark section %s failed", name)
            self.results[name] = {"error": f"{type(exc).__name__}: {exc}"[:500]}
            self.say(f"{name} failed: {exc}")


def _coldstart(index_dir: Path, options: Options) -> dict[str, Any]:
    model = options.config.model
    return {
        "index": coldstart.measure("index", str(index_dir), model),
        "model": coldstart.measure("model", model),
    }


def _startup(options: Options, embedder: Embedder, scratch: Path) -> dict[str, Any]:
    """Build the bundled coverage's index, then time ``coverbot ask`` and the bot's start."""
    index_dir = scratch / "startup-index"
    Engine(replace(options.config, index_dir=index_dir), embedder).rebuild()
    corpus = options.config.corpus_dir.resolve()
    return startup.measure(corpus, index_dir, scratch, options.startup_runs)


def _news_and_questions(options: Options, say: Say) -> tuple[Dataset, list[str]]:
    """Return the articles to index and the questions to ask.

    RealTime QA's articles and questions with XQuAD's when the evaluation data is there; else
    the bundled coverage and the seed questions written for it, which the project ships.
    """
    if options.sources.available():
        realtimeqa, squad = read_sources(options.sources)
        return realtimeqa, questions(realtimeqa, squad, options.questions)
    say(
        f"no evaluation data in {options.sources.realtimeqa.parent} (--data DIR names it): "
        "measuring on the bundled coverage and its seed questions"
    )
    return bundled_dataset(options.config), bundled_questions(options.questions)


def _news_index(
    articles: Dataset, options: Options, embedder: Embedder, scratch: Path, say: Say
) -> NewsIndex:
    if articles.name != BUNDLED:
        return open_news_index(
            articles,
            options.config,
            options.workdir,
            embedder,
            articles=options.articles,
            max_missing=options.max_missing,
            scratch=scratch,
            say=say,
        )
    say("the bundled coverage: its index")
    placed = place(articles, options.config, options.workdir)
    return NewsIndex(placed, open_engine(placed, embedder), embedder, "bundled coverage")


def _index_scale(options: Options, section: _Sections, say: Say) -> None:
    passages, queries = options.synthetic_passages, options.synthetic_queries
    size = min(REALTIMEQA_PASSAGES, passages)
    section.run("index_scale_realtimeqa_size", lambda: run_index_scale(size, queries, progress=say))
    section.run("index_scale", lambda: run_index_scale(passages, queries, progress=say))
    # The same search on harder vectors: as many topics as lists, ~100 passages a topic.
    say("synthetic: IVF recall on a harder distribution")
    topics = max(1, passages // HARD_PASSAGES_PER_TOPIC)
    section.run("index_scale_hard", lambda: recall_only(passages, queries, topics))


def _on_articles(
    options: Options, embedder: Embedder, section: _Sections, scratch: Path, say: Say
) -> None:
    """Run the sections that index articles and ask questions (``ARTICLE_SECTIONS``)."""
    sections = set(options.sections)
    results = section.results
    articles, asked = _news_and_questions(options, say)
    bundled = articles.name == BUNDLED
    results["data"] = "the bundled coverage" if bundled else "RealTime QA dev and XQuAD"
    news = None
    if sections & {"ask", "incremental", "coldstart"}:
        news = _news_index(articles, options, embedder, scratch, say)
    if "ask" in sections:
        say(f"ask latency: {len(asked)} questions")
        dated = [] if bundled else dated_questions(articles, options.questions // 2)
        news_asked = None if bundled else news  # the bundled coverage is the seed index
        section.run("ask", lambda: _ask(options, embedder, asked, news_asked, dated))
    if "build" in sections:
        say(f"build throughput: about {options.build_passages} passages")
        section.run(
            "build",
            lambda: build_throughput(
                articles.records, options.config, embedder, options.build_passages
            ),
        )
    if "encoders" in sections:
        say(f"passage encoders, fp32 against int8: about {options.build_passages} passages")
        section.run(
            "encoders",
            lambda: compare(
                embedder,
                sample_passages(articles.records, options.config, embedder, options.build_passages),
            ),
        )
    if news is not None and "incremental" in sections:
        say("incremental rebuild after one article changes")
        build_rate = results.get("build", {}).get("build_per_s")
        section.run(
            "incremental",
            lambda: {
                "index": news.kind,
                **incremental_rebuild(news.config, news.embedder, build_rate),
            },
        )
    if news is not None and "coldstart" in sections:
        say("cold start: index and model, in fresh processes")
        section.run("coldstart", lambda: _coldstart(news.config.index_dir, options))


def _million(options: Options, say: Say) -> dict[str, Any]:
    if not options.sources.available():
        raise FileNotFoundError(
            f"the million section needs the evaluation data in {options.sources.realtimeqa.parent}"
        )
    with tempfile.TemporaryDirectory(prefix="coverbot-bench-million-") as scratch:
        return run_million(
            options.config,
            options.sources,
            Path(scratch),
            options.million_passages,
            options.questions,
            say,
        )


def run(options: Options, say: Say | None = None) -> dict[str, Any]:
    """Run the selected measurements and return every figure."""
    say = say or (lambda message: None)
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine()}
    embedder = load_embedder(
        options.config.model, options.config.device, options.config.query_encoder
    )
    sections = set(options.sections)
    section = _Sections(results, say)
    with tempfile.TemporaryDirectory(prefix="coverbot-bench-") as scratch:
        if "load" in sections:  # the bundled coverage only: no evaluation data needed
            section.run(
                "load", lambda: run_load(options.config, embedder, Path(scratch), options.load, say)
            )
        if "startup" in sections:
            say("start-up: coverbot ask as a whole process, the bot until ready")
            section.run("startup", lambda: _startup(options, embedder, Path(scratch)))
        if sections & ARTICLE_SECTIONS:
            _on_articles(options, embedder, section, Path(scratch), say)
    if "index" in sections:
        _index_scale(options, section, say)
    if "million" in sections:
        section.run("million", lambda: _million(options, say))
    results["seconds"] = time.perf_counter() - started
    return results
