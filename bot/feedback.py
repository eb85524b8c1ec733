"""👍/👎 feedback on answers, kept in a local SQLite file.

Each vote stores the question, what was shown, the vote, a salted sha256 of the voter's id (the
salt is generated once and kept in the database, so ids cannot be recovered from an export) and
the time. One vote per member per answer: voting again replaces it. The blocking calls have
``a``-prefixed async twins that run them in a thread, for use on the event loop.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import sqlite3
import threading
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from bot.sqlite_file import connected

Vote = Literal[1, -1]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL,
    question TEXT NOT NULL,
    shown TEXT NOT NULL,
    vote INTEGER NOT NULL CHECK (vote IN (1, -1)),
    user_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (message_id, user_hash)
);
"""


@dataclass(frozen=True)
class FeedbackRow:
    """One recorded vote, as exported."""

    message_id: int
    question: str
    shown: str
    vote: int
    user_hash: str
    created_at: str


@dataclass(frozen=True)
class FeedbackSummary:
    """Counts of votes recorded on answers, and the questions most often voted down."""

    up: int
    down: int
    voters: int
    recent_up: int
    recent_down: int
    worst: tuple[tuple[str, int], ...]
    """Questions with the most 👎, with their count."""


class FeedbackStore:
    """The feedback database at ``path`` (created on first use)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._salt: str | None = None

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return connected(self.path, self._lock, _SCHEMA)

    def _salt_for(self, conn: sqlite3.Connection) -> str:
        if self._salt is None:
            row = conn.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
            if row is None:
                conn.execute("INSERT INTO meta VALUES ('salt', ?)", (secrets.token_hex(16),))
                row = conn.execute("SELECT value FROM meta WHERE key = 'salt'").fetchone()
            self._salt = str(row[0])
        return self._salt

    def hash_user(self, user_id: int) -> str:
        """Return the salted sha256 of a Discord user id."""
        with self._connect() as conn:
            salt = self._salt_for(conn)
        return hashlib.sha256(f"{salt}:{user_id}".encode()).hexdigest()

    def record(self, message_id: int, question: str, shown: str, vote: Vote, user_id: int) -> None:
        """Store a vote on the answer in message ``message_id``, replacing an earlier one."""
        user_hash = self.hash_user(user_id)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._connect() as conn:
            conn.execute(
                "INSERT INTO votes (message_id, question, shown, vote, user_hash, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id, user_hash) "
                "DO UPDATE SET vote = excluded.vote, created_at = excluded.created_at",
                (message_id, question, shown, vote, user_hash, now),
            )

    def rows(self) -> list[FeedbackRow]:
        """Return every recorded vote, oldest first."""
        with self._connect() as conn:
            cursor = conn.execute(
                "SELECT message_id, question, shown, vote, user_hash, created_at "
                "FROM votes ORDER BY created_at, id"
            )
            return [FeedbackRow(*row) for row in cursor.fetchall()]

    def summary(self, worst: int = 5) -> FeedbackSummary:
        """Return totals, the last seven days and the questions most voted down."""
        since = (datetime.now(UTC) - timedelta(days=7)).isoformat(timespec="seconds")
        with self._connect() as conn:
            up, down, voters = conn.execute(
                "SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0), "
                "COUNT(DISTINCT user_hash) FROM votes"
            ).fetchone()
            recent_up, recent_down = conn.execute(
                "SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) "
                "FROM votes WHERE created_at >= ?",
                (since,),
            ).fetchone()
            bad = conn.execute(
                "SELECT question, COUNT(*) AS n FROM votes WHERE vote = -1 "
                "GROUP BY question ORDER BY n DESC, question LIMIT ?",
                (worst,),
            ).fetchall()
        return FeedbackSummary(
            up, down, voters, recent_up, recent_down, tuple((q, n) for q, n in bad)
        )

    async def arecord(
        self, message_id: int, question: str, shown: str, vote: Vote, user_id: int
    ) -> None:
        """Run :meth:`record` in a thread."""
        await asyncio.to_thread(self.record, message_id, question, shown, vote, user_id)

    async def asummary(self) -> FeedbackSummary:
        """Run :meth:`summary` in a thread."""
        return await asyncio.to_thread(self.summary)
