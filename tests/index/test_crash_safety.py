"""A build process killed at any moment leaves the previous index loading and answering."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.engine import Engine
from tests.articles import SEED_QUESTION, SHARED
from tests.conftest import MakeEngine

pytestmark = pytest.mark.model

XQUAD = SHARED / "eval" / "xquad" / "xquad.en.json"


def add_many_articles(corpus: Path, count: int) -> None:
    """Add ``count`` real Wikipedia paragraphs as articles, so a rebuild takes some seconds."""
    data = json.loads(XQUAD.read_text(encoding="utf-8"))
    paragraphs = [p["context"] for a in data["data"] for p in a["paragraphs"]][:count]
    with (corpus / "xquad.jsonl").open("w", encoding="utf-8") as handle:
        for number, text in enumerate(paragraphs):
            handle.write(json.dumps({"title": f"Paragraph {number}", "text": text}) + "\n")


def start_build(corpus: Path, index: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COVERBOT_MODEL": "bundled:all-MiniLM-L6-v2"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "coverbot",
            "index",
            "build",
            "--corpus",
            str(corpus),
            "--index",
            str(index),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.002)
    return False


def assert_old_index_serves(engine: Engine, version: str) -> None:
    fresh = Engine(engine.config, embedder=engine.embedder)
    info = fresh.load()
    assert info.version == version
    assert "$700" in fresh.ask(SEED_QUESTION).hits[0].quote


@pytest.mark.skipif(not XQUAD.is_file(), reason="needs ../shared/eval")
def test_build_killed_while_embedding_or_publishing_leaves_old_index(
    make_engine: MakeEngine, seed_corpus: Path
) -> None:
    """SIGKILL during embedding, then during publication: the old index still loads and answers."""
    engine = make_engine(seed_corpus)
    version = engine.info().version  # type: ignore[union-attr]
    index = engine.config.index_dir
    add_many_articles(seed_corpus, 150)

    cache = engine.config.embedding_cache_dir

    def cache_bytes() -> int:
        return sum(p.stat().st_size for p in cache.iterdir())

    baseline = cache_bytes()
    process = start_build(seed_corpus, index)
    # Killed mid-embedding: once the cache has grown, some passages are embedded but not all.
    assert wait_for(lambda: cache_bytes() > baseline or process.poll() is not None, 120)
    assert process.poll() is None, "the build ended before it could be killed mid-embedding"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert_old_index_serves(engine, version)

    # Killed while the new version is being written: the moment its staging folder appears.
    process = start_build(seed_corpus, index)
    staging = index / "versions"
    caught = wait_for(
        lambda: (
            any(p.name.startswith(".") for p in staging.iterdir()) or process.poll() is not None
        ),
        300,
    )
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert caught
    current = (index / "CURRENT").read_text().strip()
    if current == version:
        assert_old_index_serves(engine, version)
    else:  # the kill came after the atomic switch: the new version is complete and serves
        assert_old_index_serves(engine, current)

    # A later build cleans up and publishes, embedding only what the killed builds had not cached.
    report = Engine(engine.config, embedder=engine.embedder).rebuild()
    assert report.articles == 151
    assert report.embedded < report.passages
    assert not any(p.name.startswith(".") for p in staging.iterdir())
