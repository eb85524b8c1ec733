"""The questions behind the bot's answers, kept so that a reply to an answer is read in context.

For each answer message the bot sent, the store keeps the channel (or thread, or DM) it was sent
in, the question or two it answered (as the engine read them) and when. A member's reply to that
message, a mention in that thread or ``/ask`` there continues from them. Nothing about members is
kept: no member id, name or message of theirs beyond the questions the answers show anyway. Rows
older than the time to live are never used and are deleted as new answers are stored, so the
file holds a day of questions at most (by default). The blocking calls have ``a``-prefixed async
twins that run them in a thread, for use on the event loop.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from bot.sqlite_file import connected

TURNS_KEPT = 2
"""Earlier questions a follow-up is read after: the previous question or two."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    message_id INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL,
    turns TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_by_channel ON answers (channel_id, created);
"""


class ConversationStore:
    """The conversations database at ``path``; rows live ``ttl_seconds``."""

    def __init__(
        self, path: Path, ttl_seconds: float, clock: Callable[[], float] = time.time
    ) -> None:
        self.path = path
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()

    def _connect(self) -> AbstractContextManager[sqlite3.Connection]:
        return connected(self.path, self._lock, _SCHEMA)

    def remember(self, message_id: int, channel_id: int, turns: Sequence[str]) -> None:
        """Keep the last questions an answer message answered (oldest first)."""
        now = self._clock()
        kept = json.dumps(list(turns)[-TURNS_KEPT:])
        with self._connect() as conn:
            conn.execute("DELETE FROM answers WHERE created < ?", (now - self.ttl_seconds,))
            conn.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?)",
                (message_id, channel_id, kept, now),
            )

    def after_message(self, message_id: int) -> tuple[str, ...]:
        """Return the questions behind an answer message; () when unknown or expired."""
        return self._turns(
            "SELECT turns FROM answers WHERE created >= ? AND message_id = ?", message_id
        )

    def latest_in(self, channel_id: int) -> tuple[str, ...]:
        """Return the questions behind the latest answer in a channel; () when none is alive."""
        return self._turns(
            "SELECT turns FROM answers WHERE created >= ? AND channel_id = ? "
            "ORDER BY created DESC LIMIT 1",
            channel_id,
        )

    def _turns(self, query: str, key: int) -> tuple[str, ...]:
        if not self.path.exists():
            return ()
        with self._connect() as conn:
            row = conn.execute(query, (self._clock() - self.ttl_seconds, key)).fetchone()
        return tuple(json.loads(row[0])) if row else ()

    async def aremember(self, message_id: int, channel_id: int, turns: Sequence[str]) -> None:
        """``remember`` off the event loop."""
        await asyncio.to_thread(self.remember, message_id, channel_id, turns)

    async def aafter_message(self, message_id: int) -> tuple[str, ...]:
        """``after_message`` off the event loop."""
        return await asyncio.to_thread(self.after_message, message_id)

    async def alatest_in(self, channel_id: int) -> tuple[str, ...]:
        """``latest_in`` off the event loop."""
        return await asyncio.to_thread(self.latest_in, channel_id)
