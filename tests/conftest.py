"""Shared fixtures: the real model (loaded once a session), engines on it, the loopback web server.

Every test that uses the model (through ``embedder``) is marked ``model`` here, so
``pytest -m "not model"`` is the fast tier without anyone having to remember the marker.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from index.config import DEFAULT_MODEL, ChunkSettings, EngineConfig, SearchSettings
from index.embedding.encoder import Embedder, load_embedder
from index.engine import Engine
from tests.articles import SEED_CORPUS
from tests.loopback import Site, serve_site

MakeEngine = Callable[..., Engine]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``model`` every test that loads the embedding model through ``embedder``."""
    for item in items:
        if "embedder" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.model)


@pytest_asyncio.fixture(loop_scope="session")
async def site() -> AsyncIterator[Site]:
    """Serve a fresh :class:`~tests.loopback.Site` on an ephemeral loopback port."""
    async for served in serve_site():
        yield served


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """Return the real bundled all-MiniLM-L6-v2, loaded once for the whole session."""
    return load_embedder(DEFAULT_MODEL, "cpu")


def engine_config(corpus_dir: Path, index_dir: Path, **overrides: Any) -> EngineConfig:
    """Return an engine configuration, with search/chunk settings overridable by keyword."""
    search = {k: v for k, v in overrides.items() if k in SearchSettings.__dataclass_fields__}
    chunks = {k: v for k, v in overrides.items() if k in ChunkSettings.__dataclass_fields__}
    rest = {k: v for k, v in overrides.items() if k not in search and k not in chunks}
    return EngineConfig(
        corpus_dir=corpus_dir,
        index_dir=index_dir,
        search=SearchSettings(**search),
        chunks=ChunkSettings(**chunks),
        **rest,
    )


@pytest.fixture
def make_engine(tmp_path: Path, embedder: Embedder) -> MakeEngine:
    """Return a factory of engines built (on the real model) from a corpus folder."""
    counter = iter(range(1_000_000))

    def make(corpus_dir: Path, build: bool = True, **overrides: Any) -> Engine:
        index_dir = overrides.pop("index_dir", None) or tmp_path / f"index-{next(counter)}"
        engine = Engine(engine_config(corpus_dir, index_dir, **overrides), embedder=embedder)
        if build:
            engine.rebuild()
        return engine

    return make


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """Return a private copy of the bundled seed coverage that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, target)
    return target


@pytest.fixture(scope="session")
def seed_engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Engine]:
    """Return one engine built on the bundled seed coverage, shared by the session's tests."""
    root = tmp_path_factory.mktemp("seed")
    corpus = root / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    engine = Engine(engine_config(corpus, root / "index"), embedder=embedder)
    engine.rebuild()
    yield engine
