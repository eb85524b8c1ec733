"""Feeds and the links/GUIDs already seen, kept in SQLite so de-duplication survives restarts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from index.ingest.db import Database, now


@dataclass(frozen=True)
class FeedInfo:
    """A followed feed and how its last poll went."""

    url: str
    title: str | None
    added_by: str
    added_at: str
    last_polled: str | None
    last_ok: str | None
    last_error: str | None
    """The reason the last poll failed; ``None`` when it succeeded (or never ran)."""
    articles_added: int

    @property
    def healthy(self) -> bool:
        """Return whether the last poll (if any) succeeded."""
        return self.last_error is None


class FeedStore:
    """The ``feeds`` and ``seen`` tables (blocking calls)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, url: str, title: str | None, actor: str) -> bool:
        """Follow a feed; return ``False`` if it was already followed."""
        with self._db.connect() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO feeds (url, title, added_by, added_at) VALUES (?,?,?,?)",
                (url, title, actor, now()),
            )
            return cur.rowcount == 1

    def remove(self, url: str) -> bool:
        """Stop following a feed (its seen entries are kept); return whether it existed."""
        with self._db.connect() as conn:
            return conn.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount == 1

    def get(self, url: str) -> FeedInfo | None:
        """Return one feed, or ``None``."""
        return next((f for f in self.list() if f.url == url), None)

    def list(self) -> tuple[FeedInfo, ...]:
        """Return every followed feed, oldest first."""
        with self._db.connect() as conn:
            rows = conn.execute(
                "SELECT url, title, added_by, added_at, last_polled, last_ok, last_error, "
                "articles_added FROM feeds ORDER BY added_at, url"
            ).fetchall()
        return tuple(FeedInfo(*row) for row in rows)

    def record_poll(self, url: str, error: str | None, added: int) -> None:
        """Store the outcome of one poll of a feed."""
        stamp = now()
        with self._db.connect() as conn:
            conn.execute(
                "UPDATE feeds SET last_polled = ?, last_error = ?, "
                "last_ok = CASE WHEN ? IS NULL THEN ? ELSE last_ok END, "
                "articles_added = articles_added + ? WHERE url = ?",
                (stamp, error, error, stamp, added, url),
            )

    def seen(self, keys: Iterable[str]) -> bool:
        """Return whether any of these entry keys (link, GUID) was handled before."""
        wanted = [k for k in keys if k]
        if not wanted:
            return False
        marks = ",".join("?" * len(wanted))
        with self._db.connect() as conn:
            row = conn.execute(f"SELECT 1 FROM seen WHERE key IN ({marks}) LIMIT 1", wanted)  # noqa: S608
            return row.fetchone() is not None

    def mark_seen(self, keys: Iterable[str], feed_url: str, outcome: str) -> None:
        """Remember these entry keys so the entry is never fetched again."""
        stamp = now()
        with self._db.connect() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO seen (key, feed_url, seen_at, outcome) VALUES (?,?,?,?)",
                [(k, feed_url, stamp, outcome[:200]) for k in keys if k],
            )
