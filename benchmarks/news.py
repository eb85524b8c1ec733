"""The RealTime QA dev index the benchmarks ask: the evaluation's, a partial one, or a stand-in.

In order of preference: the evaluation's cached index (or one built from a complete embedding
cache); with ``--articles N``, an index of the first N articles, embedded if need be; otherwise a
full-size index whose passage vectors are stand-ins (see ``benchmarks.standin``), with abstention
turned off so that every question takes the full answering path.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.incremental import missing_embeddings
from benchmarks.standin import StandInEmbedder
from index.config import EngineConfig
from index.embedding.encoder import Embedder
from index.engine import Engine
from index.evaluation.dataset import Dataset
from index.evaluation.placement import place
from index.evaluation.runner import open_engine

log = logging.getLogger(__name__)

NEVER_ABSTAIN = -1.0
PROBE_ARTICLES = 20
"""Chunking the whole corpus takes a while: the cache is first probed with its first articles."""


@dataclass(frozen=True)
class NewsIndex:
    """A served RealTime QA index, the embedder its builds use, and what kind of index it is."""

    config: EngineConfig
    engine: Engine
    embedder: Embedder
    kind: str

    @property
    def standin(self) -> bool:
        """Tell whether the passage vectors are stand-ins."""
        return isinstance(self.embedder, StandInEmbedder)


def open_news_index(
    dataset: Dataset,
    base: EngineConfig,
    workdir: Path,
    embedder: Embedder,
    *,
    articles: int | None,
    max_missing: int,
    scratch: Path,
    say: Callable[[str], None],
) -> NewsIndex:
    """Return the best RealTime QA index available without a long embedding run."""
    records = dataset.records if articles is None else dataset.records[:articles]
    placed = place(Dataset(name=dataset.name, questions=(), records=records), base, workdir)
    if articles is not None:
        say(f"RealTime QA: the first {len(records)} articles")
        return NewsIndex(placed, open_engine(placed, embedder), embedder, f"first {articles}")
    if not (placed.index_dir / "CURRENT").exists():
        say("RealTime QA: checking the embedding cache")
        missing, total = missing_embeddings(placed, embedder, PROBE_ARTICLES)
        if missing > 0:
            note = f"{missing:,} of the {total:,} passages of its first {PROBE_ARTICLES} articles"
            return _standin(placed, embedder, scratch, note, say)
        missing, total = missing_embeddings(placed, embedder)
        if missing > max_missing:
            return _standin(placed, embedder, scratch, f"{missing:,} of {total:,} passages", say)
    say("RealTime QA: the evaluation's index")
    return NewsIndex(placed, open_engine(placed, embedder), embedder, "evaluation index")


def _standin(
    placed: EngineConfig,
    embedder: Embedder,
    scratch: Path,
    missing: str,
    say: Callable[[str], None],
) -> NewsIndex:
    say(f"RealTime QA: {missing} not embedded yet; filling with stand-in vectors")
    config = dataclasses.replace(
        placed,
        index_dir=scratch / "index",
        cache_dir=scratch / "cache",
        search=dataclasses.replace(placed.search, abstain_threshold=NEVER_ABSTAIN),
    )
    standin = StandInEmbedder(embedder)
    engine = Engine(config, standin)
    engine.rebuild()
    return NewsIndex(config, engine, standin, f"stand-in passage vectors ({missing} not embedded)")
