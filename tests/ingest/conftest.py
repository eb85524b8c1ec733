"""Fixtures for ingestion tests: a corpus folder, its configuration and a library on it.

The loopback web server is the shared ``site`` fixture (``tests/conftest.py``); pages, feeds and
articles come from :mod:`tests.articles`, the stand-in engine from :mod:`tests.fakes`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest import IngestConfig, Library
from tests.fakes import CorpusEngine
from tests.loopback import LOOPBACK


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Return an empty corpus folder inside the test's own folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


@pytest.fixture
def config(tmp_path: Path, corpus: Path) -> IngestConfig:
    """Return an ingestion configuration allowing loopback only, with a low length minimum."""
    return IngestConfig(
        corpus_dir=corpus, data_dir=tmp_path / "var", policy=LOOPBACK, min_article_chars=200
    )


@pytest.fixture
def engine(corpus: Path) -> CorpusEngine:
    """Return the fast stand-in engine over the test corpus."""
    return CorpusEngine(corpus)


@pytest.fixture
def library(config: IngestConfig, engine: CorpusEngine) -> Library:
    """Return a library over the test corpus with the stand-in engine."""
    return Library(config, engine)
