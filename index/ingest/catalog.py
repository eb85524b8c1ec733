"""What the corpus folder holds, for duplicate checks and for finding an article to remove.

Files are read exactly as the corpus loader reads them (``read_article_file``), and cached by
size and modification time so that repeated checks do not re-parse an unchanged corpus.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from yarl import URL

from index.corpus.reader import ArticleFileError, article_files, read_article_file, scan_corpus
from index.records import Article

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CatalogEntry:
    """One article of the corpus and the file that holds it."""

    file: str
    """Path of the file relative to the corpus folder."""
    article: Article


def normalize_link(link: str | None) -> str | None:
    """Return a comparable form of a link: no scheme, fragment, tracking or trailing slash."""
    if not link:
        return None
    try:
        url = URL(link.strip())
    except (ValueError, TypeError):
        return link.strip()
    if not url.is_absolute() or not url.host:
        return link.strip()
    query = [(k, v) for k, v in url.query.items() if not k.lower().startswith("utm_")]
    path = url.path.rstrip("/") or "/"
    port = "" if url.is_default_port() else f":{url.port}"
    tail = "?" + "&".join(f"{k}={v}" for k, v in sorted(query)) if query else ""
    return f"{url.host.lower().removeprefix('www.')}{port}{path}{tail}"


class CorpusCatalog:
    """The articles of one corpus folder (blocking; safe to call from several threads)."""

    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root
        self.max_bytes = max_bytes
        self._cache: dict[str, tuple[tuple[int, int], tuple[Article, ...]]] = {}
        self._lock = threading.Lock()

    def entries(self) -> tuple[CatalogEntry, ...]:
        """Return every readable article of the corpus, in file order."""
        if not self.root.is_dir():
            return ()
        with self._lock:
            found: list[CatalogEntry] = []
            live: set[str] = set()
            for entry in article_files(self.root):
                if entry.problem is not None:
                    continue
                live.add(entry.relative)
                found.extend(
                    CatalogEntry(entry.relative, a) for a in self._read(entry.path, entry.relative)
                )
            for gone in set(self._cache) - live:
                del self._cache[gone]
            return tuple(found)

    def holds_file(self, relative: str) -> bool:
        """Tell whether ``relative`` names an entry of the corpus, readable or not (a link...)."""
        return any(entry.relative == relative for entry in scan_corpus(self.root))

    def _read(self, path: Path, relative: str) -> tuple[Article, ...]:
        try:
            stat = path.lstat()
        except OSError:
            return ()
        key = (stat.st_size, stat.st_mtime_ns)
        cached = self._cache.get(relative)
        if cached is not None and cached[0] == key:
            return cached[1]
        try:
            articles = tuple(read_article_file(path, self.root, self.max_bytes))
        except (ArticleFileError, OSError) as exc:
            log.debug("catalog skips %s: %s", relative, exc)
            articles = ()
        self._cache[relative] = (key, articles)
        return articles

    def duplicate_of(
        self, articles: Iterable[Article], links: Iterable[str | None] = ()
    ) -> CatalogEntry | None:
        """Return the corpus article with the same text or link as one of ``articles``."""
        wanted = list(articles)
        hashes = {a.content_hash for a in wanted}
        urls = {normalize_link(u) for u in [*links, *(a.url for a in wanted)]} - {None}
        for entry in self.entries():
            if entry.article.content_hash in hashes or normalize_link(entry.article.url) in urls:
                return entry
        return None

    def find(self, query: str) -> tuple[CatalogEntry, ...]:
        """Return the articles a moderator means by ``query``: a file, a source, or a title."""
        query = query.strip()
        entries = self.entries()
        exact = [e for e in entries if query in (e.file, e.article.source)]
        if exact:
            return tuple(exact)
        folded = query.casefold()
        titled = [e for e in entries if e.article.title.casefold() == folded]
        if titled:
            return tuple(titled)
        return tuple(e for e in entries if folded and folded in e.article.title.casefold())
