"""Frozen records of what a change or a poll did, for the front ends and the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from index.ingest.feedstore import FeedInfo
from index.records import Article


@dataclass(frozen=True)
class AuditEntry:
    """One change or attempted change."""

    at: str
    actor: str
    """Who: ``discord:<user id>``, ``cli:<login>`` or ``feed:<url>``."""
    action: str
    target: str
    ok: bool
    result: str


@dataclass(frozen=True)
class AuditSummary:
    """What ``/coverage status`` shows about changes."""

    total: int
    failures: int
    by_action: tuple[tuple[str, int], ...]
    recent: tuple[AuditEntry, ...]
    last_change: AuditEntry | None
    """The last successful change."""


@dataclass(frozen=True)
class Admitted:
    """A file written into the corpus, waiting for the rebuild that indexes it."""

    path: str
    articles: tuple[Article, ...]
    notes: tuple[str, ...] = ()
    """Records of the file left out and doubts about its articles, one line each."""


@dataclass(frozen=True)
class AddResult:
    """An article added to the coverage."""

    title: str
    outlet: str | None
    published: str | None
    passages: int
    path: str
    """The new file, relative to the corpus folder."""
    url: str | None = None
    author: str | None = None
    articles: int = 1
    """How many articles the file holds (a JSON file may hold several)."""
    indexed: bool = True
    """Whether the rebuild that makes it answerable has run."""
    note: str | None = None
    """Why it is not indexed yet, when ``indexed`` is false."""
    titles: tuple[str, ...] = ()
    """The title of every article the file holds, in file order."""
    notes: tuple[str, ...] = ()
    """Records of the file left out (with their line) and doubts about its articles (a date
    in the future), one line each."""


@dataclass(frozen=True)
class RemoveResult:
    """An article file moved out of the coverage."""

    titles: tuple[str, ...]
    path: str
    """Where the file was, relative to the corpus folder."""
    removed_path: str
    """Where it is now, relative to the removed folder."""
    indexed: bool = True
    note: str | None = None

    @property
    def title(self) -> str:
        """Return the first title (the only one for a single-article file)."""
        return self.titles[0] if self.titles else self.path


@dataclass(frozen=True)
class RemovedArticle:
    """A file in the removed folder that can be restored."""

    removed_path: str
    original_path: str
    title: str
    removed_at: str


@dataclass(frozen=True)
class RestoreResult:
    """A removed file put back into the coverage."""

    title: str
    path: str
    passages: int
    indexed: bool = True
    note: str | None = None


@dataclass(frozen=True)
class EntryFailure:
    """A feed entry that could not be added, and why."""

    link: str
    reason: str


@dataclass(frozen=True)
class FeedPollResult:
    """What one poll of one feed did."""

    feed_url: str
    added: tuple[AddResult, ...] = ()
    skipped: int = 0
    """Entries seen before (or duplicates of articles already there)."""
    failed: tuple[EntryFailure, ...] = ()
    error: str | None = None
    """Why the feed itself could not be read; ``None`` when it was."""

    @property
    def ok(self) -> bool:
        """Return whether the feed could be read."""
        return self.error is None


@dataclass(frozen=True)
class IngestStatus:
    """What ``/coverage status`` shows about ingestion: feeds, removals and the audit log."""

    feeds: tuple[FeedInfo, ...]
    audit: AuditSummary
    removed: int

    @property
    def failing_feeds(self) -> tuple[FeedInfo, ...]:
        """Return the feeds whose last poll failed."""
        return tuple(f for f in self.feeds if not f.healthy)
