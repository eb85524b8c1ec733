"""One small SQLite file of the bot's data folder, opened the same way by every store."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path


@contextmanager
def connected(path: Path, lock: threading.Lock, schema: str) -> Iterator[sqlite3.Connection]:
    """Yield a connection to ``path`` under ``lock``, its tables made; commit when it succeeds.

    The folder is made on first use; one lock a store keeps its writes from the bot's threads
    apart.
    """
    with lock:
        path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(path)) as conn, conn:
            conn.executescript(schema)
            yield conn
