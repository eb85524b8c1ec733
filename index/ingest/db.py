"""The SQLite file under ``data_dir`` that keeps feeds, seen entries, removals and the audit log.

Each call opens its own short-lived connection, so the store can be used from any thread
(ingestion runs its blocking work in ``asyncio.to_thread``) and by several processes (the bot and
the CLI) at once; SQLite's own locking serialises the writers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

DB_NAME = "ingest.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    title TEXT,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    last_polled TEXT,
    last_ok TEXT,
    last_error TEXT,
    articles_added INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS seen (
    key TEXT PRIMARY KEY,
    feed_url TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS removals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    removed_path TEXT NOT NULL,
    original_path TEXT NOT NULL,
    title TEXT NOT NULL,
    removed_at TEXT NOT NULL,
    restored_at TEXT
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    ok INTEGER NOT NULL,
    result TEXT NOT NULL
);
"""


def now() -> str:
    """Return the current UTC time as an ISO string (seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Database:
    """Opens connections to the ingestion database, creating its tables on first use."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / DB_NAME
        self._ready = False

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """Yield a connection inside a transaction (committed on success, rolled back else)."""
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        conn.row_factory = sqlite3.Row
        try:
            if not self._ready:
                conn.executescript(_SCHEMA)
                self._ready = True
            with conn:
                yield conn
        finally:
            conn.close()
