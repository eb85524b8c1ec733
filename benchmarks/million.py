"""A million real passages on one machine: build, cold load, memory, ask, one-article rebuild.

The corpus folder is written by ``benchmarks.realcorpus`` (real text, varied copies); the real
engine builds it (``Engine.rebuild``) with the ``ivf`` index kind, the engine's kind for a large
corpus (flat search does not scale, see BENCHMARKS.md), and stand-in passage vectors
(``benchmarks.standin``, titles too): embedding a million passages would take about 11 hours
here. Questions, and the passages of the article changed afterwards, go through the real model.
The one-article rebuild is timed twice in the serving process: the first also imports the
passage model (torch), which answering never needs; the second is what every later one costs.

The build and the serving measurements each run in a fresh process (``python -m
benchmarks.million build|serve SPEC``), so memory and load time are those of a process that
starts, loads and answers; this process only writes the corpus and waits. Abstention is turned
off (stand-in vectors are never close to a question) so that every question takes the whole
answering path: grounding, search, re-ranking, the answering sentence and quotes.
"""

from __future__ import annotations

import contextlib
import cProfile
import dataclasses
import hashlib
import json
import logging
import os
import pickle
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import realcorpus
from benchmarks.child import run_child
from benchmarks.data import Sources, evenly
from benchmarks.heap import as_the_bot_serves
from benchmarks.stats import percentiles
from index.config import EngineConfig, IndexKind

log = logging.getLogger(__name__)

INDEX_KIND: IndexKind = "ivf"
NEVER_ABSTAIN = -1.0
WARMUP = 3
CHANGE_CHECKS = 5
PROFILED = 60
"""Questions asked again under cProfile, to say which step of ``ask`` costs what."""
PROFILE_ROWS = 25
CHILD_TIMEOUT_S = 4 * 3600
BUILD_STEP_PASSAGES = 250_000
"""The corpus is built in steps of about this many passages, each step a rebuild that lends the
earlier steps' passages: a first build of a million new passages at once holds every passage's
BM25 terms as Python strings (several GB) beside the vectors, more than this host can spare."""
Say = Callable[[str], None]


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _mib(field: str) -> float:
    return _status_kib(field) / 1024


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def million_config(base: EngineConfig, root: Path) -> EngineConfig:
    """Return the engine's settings for the benchmark's corpus, index and cache under ``root``."""
    return dataclasses.replace(
        base,
        corpus_dir=root / "corpus",
        index_dir=root / "index",
        cache_dir=root / "cache",
        index_kind=INDEX_KIND,
        search=dataclasses.replace(base.search, abstain_threshold=NEVER_ABSTAIN),
    )


def realtimeqa_questions(sources: Sources, count: int) -> list[str]:
    """Return ``count`` RealTime QA dev questions, spread evenly over the weeks."""
    from index.evaluation.formats import read_dataset

    dataset = read_dataset("realtimeqa", sources.realtimeqa)
    return evenly([q.text for q in dataset.questions], count)


def _child(mode: str, spec: Path) -> dict[str, Any]:
    served = {"OPENBLAS_NUM_THREADS": "1", "OMP_WAIT_POLICY": "PASSIVE"}  # as the CLI serves
    env_extra = {name: os.environ.get(name, value) for name, value in served.items()}
    return run_child(
        "benchmarks.million", mode, str(spec), timeout_s=CHILD_TIMEOUT_S, env_extra=env_extra
    )

def run_million(
    base: EngineConfig,
    sources: Sources,
    root: Path,
    passages: int,
    questions: int,
    say: Say | None = None,
) -> dict[str, Any]:
    """Write ~``passages`` passages of real text under ``root``, build, serve; return figures."""
    say = say or (lambda message: None)
    config = million_config(base, root)
    say(f"million: writing a corpus of ~{passages:,} passages of real text")
    start = time.perf_counter()
    records = realcorpus.base_records(sources)
    staging = root / "staging"
    corpus = realcorpus.generate(records, staging, passages)
    del records
    written_s = time.perf_counter() - start
    spec = root / "spec.pickle"
    asked = realtimeqa_questions(sources, questions)
    steps = max(1, -(-corpus.estimated_passages // BUILD_STEP_PASSAGES))
    spec.write_bytes(
        pickle.dumps({"config": config, "questions": asked, "staging": staging, "steps": steps})
    )
    say(
        f"million: building {corpus.articles:,} articles in {steps} steps "
        "(stand-in passage vectors)"
    )
    built = _child("build", spec)
    say("million: a fresh process loads, answers, checks the corpus and rebuilds one article")
    served = _child("serve", spec)
    return {
        "index_kind": INDEX_KIND,
        "standin": "passage, sentence and title vectors of the first build are seeded random "
        "unit vectors (embedding them would take ~11 h here); questions and the changed "
        "article's passages use the real model; abstention off",
        "corpus": {
            **{k: v for k, v in dataclasses.asdict(corpus).items() if k != "folder"},
            "bytes": sum(p.stat().st_size for p in config.corpus_dir.glob("*.jsonl")),
            "write_s": written_s,
        },
        "build": built,
        **served,
    }


# The children's side.


def _build(config: EngineConfig, staging: Path, steps: int) -> dict[str, Any]:
    """Move the staged files into the corpus folder in ``steps`` parts, rebuilding after each."""
    from benchmarks.standin import StandInEmbedder
    from index.embedding.encoder import load_embedder
    from index.engine import Engine
    from index.store.folder import VERSIONS, folder_size

    standin = StandInEmbedder(
        load_embedder(config.model, config.device, config.query_encoder), titles=True
    )
    engine = Engine(config, standin)
    files = sorted(staging.glob("*.jsonl"))
    config.corpus_dir.mkdir(parents=True, exist_ok=True)
    _reset_peak()
    base = _mib("VmRSS")
    done: list[dict[str, Any]] = []
    start = time.perf_counter()
    for step in range(steps):
        for path in files[step * len(files) // steps : (step + 1) * len(files) // steps]:
            path.rename(config.corpus_dir / path.name)
        mark = time.perf_counter()
        report = engine.rebuild()
        done.append(
            {
                "passages": report.passages,
                "new_articles": len(report.added),
                "seconds": time.perf_counter() - mark,
                "stages_s": dict(report.seconds),
                "peak_rss_mib": _mib("VmHWM"),
            }
        )
        log.info("build step %d of %d: %s", step + 1, steps, done[-1])
    seconds = time.perf_counter() - start
    version = config.index_dir / VERSIONS / report.version
    return {
        "articles": report.articles,
        "passages": report.passages,
        "duplicates_collapsed_by_reader": len(report.duplicates),
        "failed": len(report.failed),
        "seconds": seconds,
        "steps": done,
        "peak_rss_mib": _mib("VmHWM"),
        "peak_rise_mib": _mib("VmHWM") - base,
        "index_disk_mib": folder_size(version) / 1024**2 if version.is_dir() else None,
        "cache_disk_mib": folder_size(config.embedding_cache_dir) / 1024**2,
    }


def _repeats(texts: list[str]) -> int:
    seen: set[bytes] = set()
    repeats = 0
    for text in texts:
        digest = hashlib.blake2b(" ".join(text.split()).lower().encode(), digest_size=12).digest()
        repeats += digest in seen
        seen.add(digest)
    return repeats


def _resident() -> dict[str, float]:
    """Return resident memory: all of it, the process's own, and mapped index files' pages.

    Pages of the memory-mapped vectors and BM25 files that questions touched count in VmRSS
    (``RssFile``); they are page cache the kernel may take back, unlike ``RssAnon``.
    """
    return {"rss_mib": _mib("VmRSS"), "anon_mib": _mib("RssAnon"), "file_mib": _mib("RssFile")}


def _asks(engine: Any, asked: list[str]) -> tuple[list[float], dict[str, float]]:
    """Ask each question once; return the times (ms) and the largest resident memory seen.

    After the warm-up the questions are timed on the heap as the bot keeps it.
    """
    for question in asked[:WARMUP]:
        engine.ask(question, k=3)
    timings: list[float] = []
    largest = _resident()
    with as_the_bot_serves():
        for number, question in enumerate(asked):
            start = time.perf_counter()
            engine.ask(question, k=3)
            timings.append((time.perf_counter() - start) * 1000)
            if number % 10 == 0:
                now = _resident()
                largest = {k: max(v, now[k]) for k, v in largest.items()}
    now = _resident()
    return timings, {k: max(v, now[k]) for k, v in largest.items()}


def _profile(engine: Any, asked: list[str]) -> list[dict[str, Any]]:
    """Return the functions that ``ask`` spends most in, by cumulative time over ``PROFILED``."""
    profiler = cProfile.Profile()
    profiler.enable()
    for question in asked[:PROFILED]:
        engine.ask(question, k=3)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (path, line, name), (_, calls, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "/index/" in path or "/bm25s/" in path or "/faiss/" in path or "onnx" in path:
            where = path.split("/site-packages/")[-1].split("/wt1m/")[-1].split("/main/")[-1]
            rows.append(
                {
                    "function": f"{where}:{line}({name})",
                    "calls": calls,
                    "ms_per_ask": cumulative * 1000 / len(asked[:PROFILED]),
                }
            )
    rows.sort(key=lambda row: -row["ms_per_ask"])
    return rows[:PROFILE_ROWS]


def _timed_rebuild(engine: Any) -> dict[str, Any]:
    start = time.perf_counter()
    report = engine.rebuild()
    return {
        "seconds": time.perf_counter() - start,
        "changed": len(report.changed),
        "embedded": report.embedded,
        "passages": report.passages,
        "stages_s": dict(report.seconds),
    }


def _load_parts(index_dir: Path) -> dict[str, float]:
    """Time each part of ``load`` again, one at a time (the files are in the page cache now)."""
    import numpy as np

    from index.store import folder as store
    from index.store.dense import build_dense, load_dense
    from index.store.lexical import LexicalIndex
    from index.store.on_read import Texts
    from index.store.passages import PassageTable

    parts: dict[str, float] = {}

    def timed(name: str, call: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = call()
        parts[name] = time.perf_counter() - start
        return value

    manifest = timed("manifest", lambda: store.read_manifest(index_dir))
    version = index_dir / store.VERSIONS / manifest.version

    timed("verify_checksums", lambda: store._verify_files(version, manifest))
    articles = timed("articles", lambda: store._articles(version, manifest.files))
    table = timed("passage_table", lambda: np.load(version / "passages.npy"))
    spans = timed("sentence_spans", lambda: np.load(version / "sentences.npy"))
    offsets = timed("sentence_offsets", lambda: np.load(version / "sentence_offsets.npy"))
    if (version / store.DENSE).is_file():
        timed("dense_faiss", lambda: load_dense(version / store.DENSE))
    else:  # too few passages for IVF: a flat index, rebuilt from the vectors
        timed("dense_flat", lambda: build_dense(np.load(version / "vectors.npy"), "flat"))
    timed("bm25", lambda: LexicalIndex.load(version / "bm25"))
    timed("passages", lambda: PassageTable(Texts(articles), table, spans, offsets))
    return parts


def _file_sizes(index_dir: Path) -> dict[str, float]:
    from index.store import folder as store

    version = index_dir / store.VERSIONS / store.read_manifest(index_dir).version
    return {
        str(p.relative_to(version)): p.stat().st_size / 1024**2
        for p in sorted(version.rglob("*"))
        if p.is_file()
    }


def _serve(config: EngineConfig, asked: list[str]) -> dict[str, Any]:
    start = time.perf_counter()
    from benchmarks.incremental import change_one_article
    from index.engine import Engine

    imports_s = time.perf_counter() - start
    reset = _reset_peak()
    engine = Engine(config)
    start = time.perf_counter()
    info = engine.load()
    load_s = time.perf_counter() - start
    after_load = {**_resident(), "peak_mib": _mib("VmHWM")}
    start = time.perf_counter()
    _ = engine.embedder
    model_s = time.perf_counter() - start
    timings, resident = _asks(engine, asked)
    during = {
        "rss_max_mib": resident["rss_mib"],
        "anon_max_mib": resident["anon_mib"],
        "file_max_mib": resident["file_mib"],
        "peak_mib": _mib("VmHWM"),
    }
    profile = _profile(engine, asked)
    checks = []
    for _ in range(CHANGE_CHECKS):
        start = time.perf_counter()
        unchanged = engine.corpus_changes()
        checks.append(time.perf_counter() - start)
    url = change_one_article(config.corpus_dir)
    start = time.perf_counter()
    changed = engine.corpus_changes()
    changed_check_s = time.perf_counter() - start
    _reset_peak()
    first = _timed_rebuild(engine)
    rebuild_peak = _mib("VmHWM")
    change_one_article(config.corpus_dir)
    again = _timed_rebuild(engine)
    data = engine.data
    repeats = {
        "articles": len(data.articles) - len({a.content_hash for a in data.articles}),
        "passages": _repeats([p.text for p in data.passages]),
    }
    return {
        "passages": info.passages,
        "articles": info.articles,
        "repeats_in_index": repeats,
        "memory": {
            "peak_mark_reset": reset,
            "after_load": after_load,
            "during_asks": during,
            "rss_after_rebuild_mib": _mib("VmRSS"),
            "rebuild_peak_mib": rebuild_peak,
        },
        "cold_load": {
            "imports_s": imports_s,
            "load_s": load_s,
            "query_model_s": model_s,
            "parts_s": _load_parts(config.index_dir),
            "files_mib": _file_sizes(config.index_dir),
        },
        "ask": {"questions": len(timings), **percentiles(timings), "profile": profile},
        "corpus_changes": {
            "unchanged_s": percentiles([c * 1000 for c in checks]),
            "unchanged_found_changes": bool(unchanged),
            "after_one_edit_s": changed_check_s,
            "after_one_edit_found": bool(changed),
        },
        "one_article_rebuild": {"url": url, **again},
        "first_rebuild_in_process": first,
    }


def main(argv: list[str]) -> int:
    """Run one child's side (``build SPEC`` or ``serve SPEC``) and print one JSON line."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    if len(argv) != 2 or argv[0] not in {"build", "serve"}:
        sys.stderr.write("usage: python -m benchmarks.million build|serve SPEC\n")
        return 2
    spec = pickle.loads(Path(argv[1]).read_bytes())  # noqa: S301 - written by our parent
    if argv[0] == "build":
        figures = _build(spec["config"], spec["staging"], spec["steps"])
    else:
        figures = _serve(spec["config"], spec["questions"])
    sys.stdout.write(json.dumps(figures) + "\n")
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main(sys.argv[1:]))
