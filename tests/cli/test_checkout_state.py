"""What coverbot writes inside the checkout by default is git-ignored, so `git status` stays clean."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from coverbot.settings import Settings

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (REPO / ".git").exists(), reason="needs a git checkout"
)


def _ignored(path: Path) -> bool:
    found = subprocess.run(
        ["git", "-C", str(REPO), "check-ignore", "-q", "--no-index", str(path)], check=False
    )
    return found.returncode == 0


def test_every_default_state_folder_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 21 item 10: ``coverbot remove`` left ``removed/`` untracked in the checkout."""
    monkeypatch.chdir(REPO)
    for name in ("CORPUS_DIR", "INDEX_DIR", "DATA_DIR", "REMOVED_DIR"):
        monkeypatch.delenv(f"COVERBOT_{name}", raising=False)
    settings = Settings(_env_file=None)
    ingest = settings.ingest_config()
    written = {
        "index": settings.index_dir / "versions" / "x" / "manifest.json",
        "embedding cache": settings.engine_config().embedding_cache_dir / "embeddings.sqlite3",
        "feedback": settings.data_dir / "feedback.sqlite3",
        "evaluation work folder": settings.data_dir / "eval" / "x",
        "ingestion staging": settings.data_dir / "staging" / "x.md",
        "removed articles": ingest.removed_folder / "article.md",
    }
    assert [what for what, path in written.items() if not _ignored(REPO / path)] == []
    assert not _ignored(REPO / settings.corpus_dir / "article.md")  # the coverage is content
