"""Point coverbot's settings at fresh folders of a test (what a CLI test runs against)."""

from __future__ import annotations

from pathlib import Path

import pytest


def fresh_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Work in ``tmp_path`` with an empty corpus, index and data folder; return the corpus."""
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    monkeypatch.setenv("COVERBOT_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("COVERBOT_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("COVERBOT_DATA_DIR", str(tmp_path / "var"))
    return corpus
