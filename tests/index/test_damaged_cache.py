"""A damaged embedding cache is set aside and rebuilt: it is a cache, never a reason to fail."""

from __future__ import annotations

import errno
import gc
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from coverbot.cli import main
from index.embedding.cache import EmbeddingCache
from index.embedding.encoder import Encoded
from index.store.folder import write_failure
from tests.articles import PARAGRAPHS, write_article

REPO = Path(__file__).resolve().parents[2]


def _entry(seed: int) -> Encoded:
    rng = np.random.default_rng(seed)
    return Encoded(rng.standard_normal(8).astype(np.float32), rng.standard_normal((2, 8)))


def _fill(folder: Path, count: int) -> Path:
    cache = EmbeddingCache(folder)
    cache.put_many((f"key-{n}", _entry(n)) for n in range(count))
    cache.close()
    return folder / "embeddings.sqlite3"


def _set_aside(folder: Path) -> list[Path]:
    return sorted(folder.glob("embeddings.sqlite3.damaged-*"))


@pytest.mark.parametrize("damage", ["not sqlite", "truncated"])
def test_a_damaged_cache_is_set_aside_once_and_works_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: str
) -> None:
    """Issue 21 item 11: every rebuild failed with "free some space" on a damaged cache."""
    path = _fill(tmp_path, 2000)
    if damage == "not sqlite":
        path.write_bytes(b"\x89 not a database " * 500)
    else:
        with path.open("r+b") as handle:
            handle.truncate(path.stat().st_size // 2)
    with caplog.at_level(logging.WARNING, logger="index.embedding.cache"):
        cache = EmbeddingCache(tmp_path)
        assert cache.get_many([f"key-{n}" for n in range(2000)]) == {}
        cache.put_many([("key-1", _entry(1))])
        assert np.array_equal(cache.get_many(["key-1"])["key-1"].vector, _entry(1).vector)
        cache.close()
        EmbeddingCache(tmp_path).close()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "is damaged" in warnings[0] and "set aside" in warnings[0]
    assert len(_set_aside(tmp_path)) == 1  # renamed, not deleted


def test_a_write_failure_before_any_index_never_claims_one_is_served(tmp_path: Path) -> None:
    """The line said "the previous index is still served" when no index had ever been built."""
    denied = write_failure(tmp_path, PermissionError(errno.EACCES, "Permission denied"))
    assert denied == (
        f"cannot write the index in {tmp_path}: Permission denied; no index yet "
        "(rebuild once that is fixed)"
    )
    full = write_failure(tmp_path, OSError(errno.ENOSPC, "No space left on device"))
    assert full.endswith("no index yet (free some space and rebuild)")


@pytest.mark.model
def test_a_rebuild_over_a_damaged_cache_succeeds(
    seed_corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """``coverbot index build`` sets the damaged cache aside and indexes the new article."""
    monkeypatch.setenv("COVERBOT_CORPUS_DIR", str(seed_corpus))
    monkeypatch.setenv("COVERBOT_INDEX_DIR", str(tmp_path / "index"))
    assert main(["index", "build"]) == 0
    gc.collect()  # that build's engine, and so its cache connection, are closed as a process's
    cache_dir = tmp_path / "index" / "cache"
    assert not list(cache_dir.glob("*-wal"))
    (cache_dir / "embeddings.sqlite3").write_bytes(b"garbage" * 1000)
    write_article(seed_corpus, "harbour.md", "Harbour dredging approved", "\n\n".join(PARAGRAPHS))
    capsys.readouterr()
    with caplog.at_level(logging.WARNING, logger="index.embedding.cache"):
        assert main(["index", "build"]) == 0
    assert "added 1," in capsys.readouterr().out
    assert [r.getMessage() for r in caplog.records if "is damaged" in r.getMessage()]
    assert len(_set_aside(cache_dir)) == 1
    assert main(["ask", "When will the dredging work begin?"]) == 0
    assert "September" in capsys.readouterr().out


EXIT_FROZEN = """
import gc, sys
from pathlib import Path
import numpy as np
from index.embedding.cache import EmbeddingCache
from index.embedding.encoder import Encoded
cache = EmbeddingCache(Path(sys.argv[1]))
cache.put_many([("key", Encoded(np.ones(8, np.float32), np.ones((2, 8), np.float32)))])
holder = {"cache": cache}
holder["self"] = holder  # in a cycle: only the collector would have freed it
gc.freeze()  # as `coverbot` does once its command has returned
"""


def test_a_process_ending_with_its_heap_frozen_leaves_a_whole_database(tmp_path: Path) -> None:
    """The cache closes at exit, so the database file alone holds what was put in it."""
    folder = tmp_path / "cache"
    done = subprocess.run(
        [sys.executable, "-c", EXIT_FROZEN, str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert not list(folder.glob("*-wal"))
    alone = tmp_path / "copy"
    alone.mkdir()
    shutil.copy(folder / "embeddings.sqlite3", alone)
    assert set(EmbeddingCache(alone).get_many(["key"])) == {"key"}
