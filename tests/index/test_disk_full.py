"""A disk that fills up during a rebuild: one line saying so, the old index served, no leftovers.

The file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored) makes the kernel refuse writes past a
size, exactly as a full disk refuses them: sqlite, numpy and faiss all see a failing write.
"""

from __future__ import annotations

import contextlib
import resource
import signal
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from coverbot.cli import main
from index.engine import Engine
from index.errors import IndexWriteError
from tests.articles import SEED_QUESTION
from tests.conftest import MakeEngine

pytestmark = pytest.mark.model

NEW_ARTICLE = (
    "---\ntitle: Harbour dredging approved\n---\n\n"
    "The harbour authority approved a plan on Thursday to dredge the northern channel, so that "
    "container ships of up to 14 metres draught can reach the inner docks by next autumn.\n"
)


@contextlib.contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """Refuse every write past ``limit`` bytes of a file, as a full disk would, then restore."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def _partials(index: Path) -> list[Path]:
    return list((index / "versions").glob(".*.partial-*"))


def assert_old_index_serves(engine: Engine, version: str) -> None:
    fresh = Engine(engine.config, embedder=engine.embedder)
    assert fresh.load().version == version
    assert "$700" in fresh.ask(SEED_QUESTION).hits[0].quote


def test_full_disk_while_caching_embeddings_is_one_line(
    make_engine: MakeEngine, seed_corpus: Path
) -> None:
    """SQLite's "database or disk is full" becomes one IndexWriteError; the old index serves."""
    engine = make_engine(seed_corpus)
    version = engine.info().version  # type: ignore[union-attr]
    (seed_corpus / "dredging.md").write_text(NEW_ARTICLE)
    with file_size_limit(0), pytest.raises(IndexWriteError) as raised:
        engine.rebuild()
    message = str(raised.value)
    assert isinstance(raised.value.__cause__, sqlite3.Error)
    assert "\n" not in message and "previous index is still served" in message
    assert engine.info().version == version  # type: ignore[union-attr]
    assert_old_index_serves(engine, version)


def test_full_disk_while_publishing_leaves_no_staging(
    make_engine: MakeEngine, seed_corpus: Path
) -> None:
    """A write failing mid-publication: one line, no `.partial-*` folder, the old index serves."""
    (seed_corpus / "dredging.md").write_text(NEW_ARTICLE)
    engine = make_engine(seed_corpus)
    version = engine.info().version  # type: ignore[union-attr]
    (seed_corpus / "dredging.md").unlink()  # a removal: nothing to embed, a version to write
    with file_size_limit(4096), pytest.raises(IndexWriteError) as raised:
        engine.rebuild()
    assert "\n" not in str(raised.value)
    assert isinstance(raised.value.__cause__, OSError | RuntimeError)  # numpy or faiss, not sqlite
    assert _partials(engine.config.index_dir) == []
    assert_old_index_serves(engine, version)


def test_staging_left_by_a_killed_build_is_removed_at_the_next_start(
    make_engine: MakeEngine, seed_corpus: Path
) -> None:
    """A `.partial-<pid>` folder of a dead build is removed when an engine next loads."""
    engine = make_engine(seed_corpus)
    version = engine.info().version  # type: ignore[union-attr]
    index = engine.config.index_dir
    left = index / "versions" / f".{version}x.partial-1"
    left.mkdir()
    (left / "vectors.npy").write_bytes(b"\0" * 100)
    (index / ".CURRENT.1.tmp").write_text("x")
    Engine(engine.config, embedder=engine.embedder).load()
    assert _partials(index) == [] and not (index / ".CURRENT.1.tmp").exists()


def test_cli_build_on_a_full_disk_prints_one_line(
    make_engine: MakeEngine,
    seed_corpus: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`coverbot index build` on a full disk exits 1 with one line on stderr, no traceback."""
    engine = make_engine(seed_corpus)
    (seed_corpus / "dredging.md").write_text(NEW_ARTICLE)
    monkeypatch.setenv("COVERBOT_CORPUS_DIR", str(seed_corpus))
    monkeypatch.setenv("COVERBOT_INDEX_DIR", str(engine.config.index_dir))
    capsys.readouterr()
    with file_size_limit(0):
        code = main(["index", "build"])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert "previous index is still served" in err
