"""Build throughput: the engine's full build against plain ``SentenceTransformer.encode``.

Both run on the same passages (an even sample of RealTime QA articles, cut by the engine's
chunker) in the same process. Plain encoding runs on every other passage before the build and on
the rest after it, so that load from elsewhere on the machine during the run weighs on both sides
rather than biasing the ratio.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.data import sample_records
from benchmarks.stats import ratio, throughput
from index.build.builder import read_corpus
from index.build.incremental import chunk_corpus
from index.config import EngineConfig
from index.embedding.encoder import Embedder
from index.engine import Engine
from index.evaluation.materialize import materialize
from index.records import ArticleRecord

log = logging.getLogger(__name__)

PASSAGES_PER_ARTICLE = 10.7
"""RealTime QA dev: 23,663 passages from 2,218 articles."""


def _plain_seconds(embedder: Embedder, texts: list[str]) -> float:
    start = time.perf_counter()
    embedder.encode_plain(texts)
    return time.perf_counter() - start


def build_throughput(
    records: tuple[ArticleRecord, ...], base: EngineConfig, embedder: Embedder, passages: int
) -> dict[str, Any]:
    """Time ``Engine.rebuild`` from an empty cache and plain encoding of the same passages."""
    articles = max(1, math.ceil(passages / PASSAGES_PER_ARTICLE))
    with tempfile.TemporaryDirectory(prefix="coverbot-bench-build-") as scratch:
        root = Path(scratch)
        corpus = materialize(sample_records(records, articles), root, "sample") / "corpus"
        config = dataclasses.replace(
            base, corpus_dir=corpus, index_dir=root / "index", cache_dir=root / "cache"
        )
        chunked, _ = chunk_corpus(read_corpus(corpus, config).articles, config, embedder)
        texts = [p.text for p in chunked]
        before = _plain_seconds(embedder, texts[0::2])
        start = time.perf_counter()
        report = Engine(config, embedder).rebuild()
        build_rate = throughput(report.passages, time.perf_counter() - start)
        after = _plain_seconds(embedder, texts[1::2])
    plain = throughput(len(texts), before + after)
    halves = [throughput(len(texts[0::2]), before), throughput(max(1, len(texts[1::2])), after)]
    log.info("build %.1f passages/s, plain %.1f (halves %s)", build_rate, plain, halves)
    return {
        "articles": articles,
        "passages": report.passages,
        "embedded": report.embedded,
        "build_per_s": build_rate,
        "plain_per_s": plain,
        "plain_halves_per_s": halves,
        "ratio": ratio(build_rate, plain),
        "stages_s": dict(report.seconds),
    }
