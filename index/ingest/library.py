"""The ingestion service: add articles by link or file, remove and restore them, then rebuild.

Every change goes through one ``asyncio.Lock`` (check for duplicates, write, rebuild), is
validated exactly as the corpus loader reads files, and is written to the audit log with its
actor and result. Blocking work (trafilatura, file moves, SQLite, the rebuild) runs in threads.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.corpus.reader import (
    SUPPORTED_SUFFIXES,
    ArticleFileError,
    FileContents,
    read_article_file,
    read_capped,
    read_corpus_file,
)
from index.errors import CoverbotError, RebuildInProgressError
from index.ingest.audit import AuditLog
from index.ingest.catalog import CorpusCatalog
from index.ingest.config import EngineLike, IngestConfig
from index.ingest.db import Database
from index.ingest.errors import (
    AmbiguousArticleError,
    ArticleNotFoundError,
    BadFileError,
    DuplicateArticleError,
    TooLargeError,
)
from index.ingest.extract import extract_article
from index.ingest.feeds import FeedService
from index.ingest.feedstore import FeedStore
from index.ingest.fetch import check_url, fetch, parse_url
from index.ingest.files import render_markdown, slugify, write_new
from index.ingest.removals import RemovalStore
from index.ingest.reports import (
    AddResult,
    Admitted,
    IngestStatus,
    RemovedArticle,
    RemoveResult,
    RestoreResult,
)
from index.records import Article

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Indexed:
    """The outcome of the rebuild after a change."""

    ok: bool
    note: str | None = None


class Library:
    """Adds, removes and restores the articles of one corpus folder and keeps its index current."""

    def __init__(self, config: IngestConfig, engine: EngineLike) -> None:
        self.config = config
        self.engine = engine
        db = Database(config.data_dir)
        self.audit = AuditLog(db)
        self.removals = RemovalStore(db)
        self.catalog = CorpusCatalog(config.corpus_dir, config.corpus_max_bytes)
        self.feeds = FeedService(
            FeedStore(db), self, self.audit, config.policy, config.feed_max_entries
        )
        self._lock = asyncio.Lock()

    # --- adding -------------------------------------------------------------------------------

    async def add_url(self, link: str, actor: str) -> AddResult:
        """Fetch, extract and add the article at ``link``, then rebuild the index."""
        return await self.audit.audited(actor, "add-url", link, self._add_url(link))

    async def add_file(self, filename: str, data: bytes, actor: str) -> AddResult:
        """Validate an attached file as the corpus loader would and add it, then rebuild."""
        return await self.audit.audited(actor, "add-file", filename, self._add_file(filename, data))

    async def add_download(
        self, filename: str, size: int, read: Callable[[], Awaitable[bytes]], actor: str
    ) -> AddResult:
        """Add a file that must be downloaded first (an attachment): its size is checked first."""

        async def download_and_add() -> AddResult:
            if size > self.config.attachment_max_bytes:
                raise TooLargeError(self.config.attachment_max_bytes)
            return await self._add_file(filename, await read())

        return await self.audit.audited(actor, "add-file", filename, download_and_add())

    async def add_path(self, path: Path, actor: str) -> AddResult:
        """Add a local file (the CLI's ``coverbot add FILE``)."""
        try:
            data = await asyncio.to_thread(
                read_capped, path, self.config.attachment_max_bytes, follow_links=True
            )
        except ArticleFileError as exc:
            raise BadFileError(f"cannot read {path.name}: {exc}") from None
        return await self.add_file(path.name, data, actor)

    async def _add_url(self, link: str) -> AddResult:
        admitted = await self.admit_url(link)
        async with self._lock:
            indexed = await self._rebuild()
        return self.add_result(admitted, indexed)

    async def admit_url(self, link: str) -> Admitted:
        """Fetch and write the article at ``link`` into the corpus without rebuilding."""
        url = parse_url(link)
        check_url(url, self.config.policy)
        await self._refuse_duplicate((), (str(url),))
        page = await fetch(str(url), self.config.policy)
        article = await asyncio.to_thread(
            extract_article, page.body, page.url, self.config.min_article_chars
        )
        content = render_markdown(article).encode("utf-8")
        return await self._admit(article.title or page.url, ".md", content, (str(url), page.url))

    async def _add_file(self, filename: str, data: bytes) -> AddResult:
        suffix = Path(filename).suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            shown = suffix or "(none)"
            raise BadFileError(
                f"unsupported file type {shown}; use one of {', '.join(SUPPORTED_SUFFIXES)}"
            )
        if len(data) > self.config.attachment_max_bytes:
            raise TooLargeError(self.config.attachment_max_bytes)
        admitted = await self._admit(Path(filename).stem, suffix, data, ())
        async with self._lock:
            indexed = await self._rebuild()
        return self.add_result(admitted, indexed)

    async def _admit(
        self, name: str, suffix: str, content: bytes, links: Sequence[str]
    ) -> Admitted:
        async with self._lock:
            return await asyncio.to_thread(self._write_checked, name, suffix, content, links)

    def _write_checked(
        self, name: str, suffix: str, content: bytes, links: Sequence[str]
    ) -> Admitted:
        """Validate in a staging folder, refuse duplicates, then create the corpus file."""
        found = self._validate(name, suffix, content)
        articles = found.articles
        self._raise_if_duplicate(articles, links)
        path = write_new(self.config.corpus_dir, slugify(articles[0].title), suffix, content)
        relative = path.relative_to(self.config.corpus_dir.resolve()).as_posix()
        log.info("added %s (%d article(s))", relative, len(articles))
        notes = (*found.skipped, *(f"{_record_of(w.path)}{w.reason}" for w in found.warnings))
        return Admitted(relative, articles, notes)

    def _validate(self, name: str, suffix: str, content: bytes) -> FileContents:
        staging = self.config.data_dir / "staging" / uuid.uuid4().hex
        try:
            path = write_new(staging, slugify(name), suffix, content)
            return read_corpus_file(path, staging.resolve(), self.config.corpus_max_bytes)
        except ArticleFileError as exc:
            raise BadFileError(f"not added: {exc}") from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)

    async def _refuse_duplicate(
        self, articles: Sequence[Article], links: Sequence[str | None]
    ) -> None:
        await asyncio.to_thread(self._raise_if_duplicate, articles, links)

    def _raise_if_duplicate(self, articles: Sequence[Article], links: Sequence[str | None]) -> None:
        twin = self.catalog.duplicate_of(articles, links)
        if twin is not None:
            raise DuplicateArticleError(twin.article.title, twin.file)

    def add_result(self, admitted: Admitted, indexed: Indexed) -> AddResult:
        """Return what adding a file did, once the rebuild after it has run."""
        first = admitted.articles[0]
        return AddResult(
            title=first.title,
            outlet=first.outlet,
            published=first.published,
            passages=self._passages(admitted.path),
            path=admitted.path,
            url=first.url,
            author=first.author,
            articles=len(admitted.articles),
            indexed=indexed.ok,
            note=indexed.note,
            titles=tuple(a.title for a in admitted.articles),
            notes=admitted.notes,
        )

    # --- removing and restoring ---------------------------------------------------------------

    async def remove(self, article: str, actor: str) -> RemoveResult:
        """Move the file holding ``article`` (a title or file) to the removed folder; rebuild."""
        return await self.audit.audited(actor, "remove", article, self._remove(article))

    async def _remove(self, query: str) -> RemoveResult:
        async with self._lock:
            result = await asyncio.to_thread(self._move_out, query)
            indexed = await self._rebuild()
        if not indexed.ok:
            return RemoveResult(
                result.titles, result.path, result.removed_path, False, indexed.note
            )
        return result

    def _move_out(self, query: str) -> RemoveResult:
        matches = self.catalog.find(query)
        if not matches and self.catalog.holds_file(query.strip()):
            # A file the loader refuses (a link, a pipe) is still removable by its name.
            return self._move_file(query.strip(), (query.strip(),))
        if not matches:
            raise ArticleNotFoundError(f'no article matches "{query}"')
        files = sorted({m.file for m in matches})
        whole_file = len(files) == 1 and query.strip() == files[0]
        if len(matches) > 1 and not whole_file:
            raise AmbiguousArticleError.listing([m.article.title for m in matches])
        entry = matches[0]
        siblings = [e for e in self.catalog.entries() if e.file == entry.file]
        if whole_file or len(siblings) <= 1:
            return self._move_file(entry.file, tuple(m.article.title for m in matches))
        number = int(entry.article.source.rpartition("#")[2])
        removed = self.removals.split_out(
            self.config.corpus_dir,
            entry.file,
            number,
            self.config.removed_folder,
            entry.article.title,
        )
        return RemoveResult((entry.article.title,), entry.article.source, removed)

    def _move_file(self, file: str, titles: tuple[str, ...]) -> RemoveResult:
        removed = self.removals.move_out(
            self.config.corpus_dir, file, self.config.removed_folder, titles[0]
        )
        return RemoveResult(titles, file, removed)

    async def restore(self, name: str | None, actor: str) -> RestoreResult:
        """Move a removed file back (the latest removal when ``name`` is ``None``); rebuild."""
        return await self.audit.audited(actor, "restore", name or "(latest)", self._restore(name))

    async def _restore(self, name: str | None) -> RestoreResult:
        async with self._lock:
            path, title = await asyncio.to_thread(self._move_back, name)
            indexed = await self._rebuild()
        return RestoreResult(title, path, self._passages(path), indexed.ok, indexed.note)

    def _move_back(self, name: str | None) -> tuple[str, str]:
        item = self.removals.find(self.config.removed_folder, name)
        source = self.config.removed_folder / item.removed_path
        try:
            articles = read_article_file(source, source.parent, self.config.corpus_max_bytes)
        except ArticleFileError as exc:
            raise BadFileError(f"cannot be restored: {exc}") from None
        self._raise_if_duplicate(articles, ())
        own_name = slugify(articles[0].title) + source.suffix.lower()
        path = self.removals.move_back(
            self.config.corpus_dir, self.config.removed_folder, item, own_name
        )
        return path, articles[0].title

    def removed(self) -> tuple[RemovedArticle, ...]:
        """Return the removed files that can be restored, latest first (blocking)."""
        return self.removals.pending(self.config.removed_folder)

    # --- reading ------------------------------------------------------------------------------

    def titles(self, prefix: str = "", limit: int = 25) -> tuple[tuple[str, str], ...]:
        """Return ``(title, source file)`` of served articles whose title contains ``prefix``."""
        try:
            served = self.engine.articles()
        except CoverbotError:
            return ()
        folded = prefix.casefold().strip()
        found = [(a.title, a.source.split("#", 1)[0]) for a in served]
        hits = [pair for pair in found if folded in pair[0].casefold()]
        return tuple(sorted(set(hits))[:limit])

    async def status(self) -> IngestStatus:
        """Return feeds with their last error, the audit summary and how many files are removed."""
        feeds = await asyncio.to_thread(self.feeds.store.list)
        audit = await asyncio.to_thread(self.audit.summary)
        removed = await asyncio.to_thread(self.removed)
        return IngestStatus(feeds, audit, len(removed))

    # --- shared steps -------------------------------------------------------------------------

    async def index_admitted(self, admitted: Sequence[Admitted]) -> tuple[AddResult, ...]:
        """Rebuild once under the library's lock (after a batch of feed entries); report each."""
        async with self._lock:
            indexed = await self._rebuild()
        return tuple(self.add_result(a, indexed) for a in admitted)

    async def _rebuild(self) -> Indexed:
        deadline = time.monotonic() + self.config.rebuild_wait_seconds
        while True:
            try:
                report = await asyncio.to_thread(self.engine.rebuild, self.config.corpus_dir)
            except RebuildInProgressError:
                if time.monotonic() > deadline:
                    return Indexed(False, "the index is busy; it will show after the next rebuild")
                await asyncio.sleep(0.5)
                continue
            except CoverbotError as exc:
                log.warning("rebuild after a change failed: %s", exc)
                return Indexed(False, f"saved, but not indexed yet: {exc}")
            log.info(
                "rebuilt %s: %d articles, %d passages",
                report.version,
                report.articles,
                report.passages,
            )
            return Indexed(True)

    def _passages(self, path: str) -> int:
        try:
            served = self.engine.articles()
        except CoverbotError:
            return 0
        return sum(a.passages for a in served if a.source.split("#", 1)[0] == path)


def _record_of(source: str) -> str:
    """Return "record 2: " for the source ``file.jsonl#2``, nothing for a one-article file."""
    _, mark, number = source.rpartition("#")
    return f"record {number}: " if mark else ""
