"""Follow RSS/Atom feeds and add their new entries, once each, across restarts.

A feed is fetched with the same safe fetcher as a link (feedparser never fetches anything
itself), its entries are keyed by GUID and by normalised link, and every key handled is stored in
SQLite. Entries whose fetch failed for a passing reason (unreachable, index busy) are retried at
the next poll; entries refused for good (not an article, a duplicate) are never fetched again.
One feed's failure is stored as its last error and never stops the others.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import feedparser

from index.corpus.formats import clean_field
from index.ingest.audit import AuditLog, audit_text
from index.ingest.catalog import normalize_link
from index.ingest.errors import (
    DuplicateArticleError,
    FeedError,
    IngestError,
    RebuildBusyError,
    UnreachableError,
)
from index.ingest.feedstore import FeedInfo, FeedStore
from index.ingest.fetch import fetch, parse_url
from index.ingest.policy import FEED_TYPES, FetchPolicy
from index.ingest.reports import AddResult, Admitted, EntryFailure, FeedPollResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: its link and the keys that identify it."""

    link: str
    keys: tuple[str, ...]


def parse_feed(body: bytes) -> tuple[str | None, tuple[FeedEntry, ...]]:
    """Return a feed's title and its entries with links (blocking); raise ``FeedError``."""
    parsed: Any = feedparser.parse(body)
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed")
    entries = []
    for item in parsed.entries:
        link = item.get("link")
        if not link or clean_field("url", link) != str(link):
            continue  # no link, or one no page could have (over 2,048 characters, control chars)
        guid = item.get("id") or item.get("guid")
        keys = [f"link:{normalize_link(link)}"] + ([f"guid:{guid}"] if guid else [])
        entries.append(FeedEntry(str(link), tuple(keys)))
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return clean_field("title", title), tuple(entries)


class EntrySink(Protocol):
    """Where a feed's new entries go: the library that writes them and rebuilds once."""

    async def admit_url(self, link: str) -> Admitted:
        """Fetch and write the article at ``link`` into the corpus without rebuilding."""
        ...

    async def index_admitted(self, admitted: Sequence[Admitted]) -> tuple[AddResult, ...]:
        """Rebuild once and return what adding each admitted file did."""
        ...


class FeedService:
    """Follow, unfollow, list and poll feeds; new entries go to ``sink``, changes to ``audit``."""

    def __init__(
        self,
        store: FeedStore,
        sink: EntrySink,
        audit: AuditLog,
        policy: FetchPolicy,
        max_entries: int,
    ) -> None:
        self.store = store
        self.sink = sink
        self.audit = audit
        self.policy = policy
        self.max_entries = max_entries
        self._poll_lock = asyncio.Lock()

    async def follow(self, link: str, actor: str) -> FeedInfo:
        """Check that ``link`` is a feed and follow it."""
        return await self.audit.audited(actor, "feed-add", link, self._follow(link, actor))

    async def _follow(self, link: str, actor: str) -> FeedInfo:
        url = str(parse_url(link))
        title, _ = await self._read(url)
        if not await asyncio.to_thread(self.store.add, url, title, actor):
            raise FeedError(f"already following {url}")
        info = await asyncio.to_thread(self.store.get, url)
        assert info is not None  # noqa: S101 - just inserted
        return info

    async def unfollow(self, link: str, actor: str) -> FeedInfo:
        """Stop following a feed (entries already added stay in the coverage)."""
        return await self.audit.audited(actor, "feed-remove", link, self._unfollow(link))

    async def _unfollow(self, link: str) -> FeedInfo:
        info = await self.find(link)
        await asyncio.to_thread(self.store.remove, info.url)
        return info

    async def find(self, link: str) -> FeedInfo:
        """Return the followed feed with this link, or raise ``FeedError``."""
        feeds = await self.followed()
        wanted = normalize_link(link.strip())
        for info in feeds:
            if info.url == link.strip() or normalize_link(info.url) == wanted:
                return info
        raise FeedError(f"not following {link}")

    async def followed(self) -> tuple[FeedInfo, ...]:
        """Return the followed feeds with how their last poll went."""
        return await asyncio.to_thread(self.store.list)

    async def poll_all(self) -> tuple[FeedPollResult, ...]:
        """Poll every feed in turn; a failing feed is recorded and the next one polled."""
        results = []
        for info in await self.followed():
            try:
                results.append(await self.poll(info.url))
            except Exception:  # one feed must never stop the others
                log.exception("polling %s failed unexpectedly", info.url)
                await asyncio.to_thread(self.store.record_poll, info.url, "internal error", 0)
                results.append(FeedPollResult(info.url, error="internal error"))
        return tuple(results)

    async def poll(self, url: str) -> FeedPollResult:
        """Fetch one feed and add its new entries, then rebuild once."""
        async with self._poll_lock:
            try:
                _, entries = await self._read(url)
            except IngestError as exc:
                log.warning("feed %s: %s", url, exc)
                await asyncio.to_thread(self.store.record_poll, url, str(exc), 0)
                return FeedPollResult(url, error=str(exc))
            result = await self._add_entries(url, entries)
            await asyncio.to_thread(self.store.record_poll, url, None, len(result.added))
            return result

    async def _read(self, url: str) -> tuple[str | None, tuple[FeedEntry, ...]]:
        page = await fetch(url, self.policy, FEED_TYPES)
        return await asyncio.to_thread(parse_feed, page.body)

    async def _add_entries(self, url: str, entries: tuple[FeedEntry, ...]) -> FeedPollResult:
        actor = f"feed:{url}"
        admitted: list[Admitted] = []
        failed: list[EntryFailure] = []
        skipped = 0
        fetches = 0
        for entry in entries:
            if await asyncio.to_thread(self.store.seen, entry.keys):
                skipped += 1
                continue
            # The cap counts pages fetched, not pages admitted: entries whose pages turn out
            # to be duplicates cost a fetch too, and must not let one poll fetch without end.
            if fetches >= self.max_entries:
                break
            fetches += 1
            try:
                admitted.append(await self.sink.admit_url(entry.link))
            except DuplicateArticleError:
                await asyncio.to_thread(self.store.mark_seen, entry.keys, url, "duplicate")
                skipped += 1
                continue
            except IngestError as exc:
                failed.append(EntryFailure(entry.link, str(exc)))
                await self._record(actor, entry.link, False, str(exc))
                if not isinstance(exc, UnreachableError | RebuildBusyError):
                    await asyncio.to_thread(self.store.mark_seen, entry.keys, url, str(exc))
                continue
            await asyncio.to_thread(self.store.mark_seen, entry.keys, url, "added")
        added = await self._index(actor, admitted)
        return FeedPollResult(url, added, skipped, tuple(failed))

    async def _index(self, actor: str, admitted: list[Admitted]) -> tuple[AddResult, ...]:
        if not admitted:
            return ()
        results = await self.sink.index_admitted(admitted)
        for result in results:
            await self._record(actor, result.url or result.path, True, audit_text(result))
        return results

    async def _record(self, actor: str, target: str, ok: bool, text: str) -> None:
        await asyncio.to_thread(self.audit.record, actor, "add-url", target, ok, text)
