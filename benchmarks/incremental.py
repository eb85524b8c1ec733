"""An incremental rebuild after one article changes, on a copy of an evaluation corpus.

The copy points at the evaluation's embedding cache, so its first build (the "full build from
cache") embeds nothing; then one article gains a paragraph and the rebuild is timed. The cached
corpus folder itself is never touched.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.standin import StandInEmbedder
from benchmarks.stats import ratio
from index.build.builder import read_corpus
from index.build.incremental import chunk_corpus
from index.config import EngineConfig
from index.embedding.cache import EmbeddingCache, cache_key
from index.embedding.encoder import Embedder
from index.engine import Engine

log = logging.getLogger(__name__)

ADDED_PARAGRAPH = (
    "\n\nCorrection: an earlier version of this article misstated the date of the meeting. "
    "It took place on Tuesday, not Monday."
)


def missing_embeddings(
    config: EngineConfig, embedder: Embedder, limit: int | None = None
) -> tuple[int, int]:
    """Return how many passages (of the first ``limit`` articles) the cache lacks, and the total."""
    articles = read_corpus(config.corpus_dir, config).articles[:limit]
    passages, _ = chunk_corpus(articles, config, embedder)
    model_id = embedder.passage_model_id(config.passage_encoder)
    keys = [cache_key(model_id, p.text, p.sentences) for p in passages]
    cache = EmbeddingCache(config.embedding_cache_dir)
    try:
        found = cache.get_many(keys)
    finally:
        cache.close()
    return len(keys) - len(found), len(keys)


def change_one_article(corpus: Path) -> str:
    """Append a paragraph to the middle record of the middle ``.jsonl`` file; return its URL."""
    files = sorted(corpus.glob("*.jsonl"))
    path = files[len(files) // 2]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = len(lines) // 2
    record = json.loads(lines[number])
    record["text"] += ADDED_PARAGRAPH
    lines[number] = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return str(record.get("url", ""))


def incremental_rebuild(
    placed: EngineConfig, embedder: Embedder, build_rate: float | None
) -> dict[str, Any]:
    """Time a full build from the (filled) cache, then a rebuild after one article changes.

    The changed article's passages are embedded by the real model, even with a stand-in encoder.
    """
    with tempfile.TemporaryDirectory(prefix="coverbot-bench-incremental-") as scratch:
        root = Path(scratch)
        shutil.copytree(placed.corpus_dir, root / "corpus")
        config = dataclasses.replace(
            placed,
            corpus_dir=root / "corpus",
            index_dir=root / "index",
            cache_dir=placed.embedding_cache_dir,
        )
        engine = Engine(config, embedder)
        start = time.perf_counter()
        full = engine.rebuild()
        full_seconds = time.perf_counter() - start
        if isinstance(embedder, StandInEmbedder):
            embedder.filling = False
        url = change_one_article(config.corpus_dir)
        start = time.perf_counter()
        report = engine.rebuild()
        seconds = time.perf_counter() - start
    estimated = full.passages / build_rate if build_rate else None
    log.info("incremental rebuild of %s: %.2f s", url, seconds)
    return {
        "passages": report.passages,
        "changed": len(report.changed),
        "embedded": report.embedded,
        "seconds": seconds,
        "stages_s": dict(report.seconds),
        "full_from_cache_s": full_seconds,
        "full_embedding_estimated_s": estimated,
        "ratio_to_full_from_cache": ratio(seconds, full_seconds),
        "ratio_to_full": ratio(seconds, estimated),
        "embedded_in_full_from_cache": full.embedded,
    }
