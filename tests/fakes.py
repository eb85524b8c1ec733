"""Stand-ins at the ``Engine`` seam, for tests of the layers above it where it is not under test.

The engine's own tests, and every test whose assertions depend on what is answered, use the real
engine on the real model (marked ``model``).
"""

from __future__ import annotations

from pathlib import Path

from index.config import MAX_FILE_BYTES
from index.corpus.drift import CorpusDrift
from index.corpus.reader import load_corpus
from index.records import ArticleInfo, BuildReport


class CorpusEngine:
    """A stand-in for the engine: "rebuilds" by reading the corpus as the loader does.

    Enough for ingestion (``EngineLike``) and for the bot's commands that do not answer questions;
    it has no ``ask``, so a test that needs answers cannot use it by mistake.
    """

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self.rebuilds = 0
        self.rebuilding = False
        self._served: tuple[ArticleInfo, ...] = ()

    def rebuild(self, corpus_dir: Path | None = None) -> BuildReport:
        """Read the corpus and serve its articles (one passage per paragraph)."""
        self.rebuilds += 1
        contents = load_corpus(corpus_dir or self.corpus_dir, MAX_FILE_BYTES)
        self._served = tuple(
            ArticleInfo(a.source, a.title, a.outlet, a.published, a.url, a.text.count("\n\n") + 1)
            for a in contents.articles
        )
        return BuildReport(
            str(self.rebuilds),
            (),
            (),
            (),
            (),
            contents.failed,
            contents.duplicates,
            len(contents.articles),
            sum(a.passages for a in self._served),
            0,
        )

    def articles(self) -> tuple[ArticleInfo, ...]:
        """Return what the last rebuild served."""
        return self._served

    def info(self) -> None:
        """Return ``None``: the stand-in publishes no index (status says "No index loaded")."""
        return None

    def corpus_changes(self) -> CorpusDrift:
        """Return no drift: the stand-in keeps no snapshot to compare with."""
        return CorpusDrift()
