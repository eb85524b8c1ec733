"""What ingestion needs from its front end: its configuration and the part of the engine it uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from index.config import MAX_FILE_BYTES
from index.ingest.policy import FetchPolicy
from index.records import ArticleInfo, BuildReport


class EngineLike(Protocol):
    """The part of ``index.engine.Engine`` that ingestion uses."""

    @property
    def rebuilding(self) -> bool:
        """Return whether a rebuild is running."""
        ...

    def rebuild(self, corpus_dir: Path | None = None) -> BuildReport:
        """Rebuild the index incrementally and serve the new one."""
        ...

    def articles(self) -> tuple[ArticleInfo, ...]:
        """Return the articles of the serving index."""
        ...


@dataclass(frozen=True)
class IngestConfig:
    """Where ingestion reads and writes, and its limits."""

    corpus_dir: Path
    data_dir: Path
    removed_dir: Path | None = None
    """Where removed files go; ``corpus_dir/../removed`` when not set."""
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    min_article_chars: int = 400
    """Extracted text shorter than this is refused as a paywall stub or a teaser."""
    attachment_max_bytes: int = 2_000_000
    """Cap on a file added by a moderator (an attachment, ``coverbot add FILE``)."""
    corpus_max_bytes: int = MAX_FILE_BYTES
    """Cap on a corpus file read for duplicate checks, removals and restores: the engine's."""
    feed_max_entries: int = 10
    """At most this many new entries of one feed are fetched per poll."""
    rebuild_wait_seconds: float = 120.0
    """How long to wait for someone else's rebuild before giving up on indexing now."""

    @property
    def removed_folder(self) -> Path:
        """Return the folder removed articles are moved to."""
        if self.removed_dir is not None:
            return self.removed_dir
        return self.corpus_dir.resolve().parent / "removed"
