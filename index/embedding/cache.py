"""A content-keyed cache of passage embeddings, so a rebuild embeds only new or changed text.

Keys hash the model's identity (name and weights hash), the passage text and its sentence spans;
changing fusion, abstention or display never re-embeds anything.

It is only a cache: a damaged database file (not SQLite, truncated, malformed) is set aside under
another name, logged once, and replaced by an empty one that fills up again as passages are
embedded. Any other error (a full disk, a locked file) is raised as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from index.embedding.encoder import Encoded
from index.records import Span

log = logging.getLogger(__name__)

_DAMAGED = frozenset({11, 26})
"""SQLite's primary result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (
    key TEXT PRIMARY KEY,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    sentences BLOB NOT NULL
)
"""


def cache_key(model_id: str, text: str, spans: Sequence[Span]) -> str:
    """Return the cache key of a passage for one model."""
    payload = json.dumps([model_id, text, [list(s) for s in spans]], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _damaged(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.DatabaseError) and code is not None and code & 0xFF in _DAMAGED


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, check_same_thread=False, timeout=30)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(_SCHEMA)
        db.commit()
    except sqlite3.Error:
        db.close()
        raise
    return db


class EmbeddingCache:
    """SQLite-backed store of passage and sentence vectors (float32 and float16).

    Its connection is closed by ``close``, when the cache is collected, or at the latest when the
    interpreter exits (a ``weakref.finalize``): closing folds SQLite's write-ahead log back into
    the database file, so that file alone holds every vector once the process has ended, even
    where the process froze its heap and the cycle collector never reaches the cache.
    """

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "embeddings.sqlite3"
        self._lock = threading.Lock()
        self._closing: weakref.finalize | None = None
        try:
            self._use(_connect(self.path))
        except sqlite3.Error as exc:
            if not _damaged(exc):
                raise
            self._use(self._replace_damaged(exc, None))

    def _use(self, db: sqlite3.Connection) -> None:
        """Serve from ``db`` and close it at the latest when the interpreter exits."""
        if self._closing is not None:
            self._closing.detach()
        self._db = db
        self._closing = weakref.finalize(self, db.close)

    def _replace_damaged(
        self, exc: sqlite3.Error, db: sqlite3.Connection | None
    ) -> sqlite3.Connection:
        """Set the damaged database aside (renamed, never deleted) and open an empty one."""
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()
        aside = self.path.with_name(f"{self.path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)
        log.warning(
            "the embedding cache %s is damaged (%s); set aside as %s and started afresh: "
            "passages not in the serving index are embedded again",
            self.path,
            exc,
            aside.name,
        )
        return _connect(self.path)

    def get_many(self, keys: Sequence[str]) -> dict[str, Encoded]:
        """Return the cached entries among ``keys`` (none, if the cache proves damaged)."""
        with self._lock:
            try:
                return self._get_many(keys)
            except sqlite3.Error as exc:
                if not _damaged(exc):
                    raise
                self._use(self._replace_damaged(exc, self._db))
                return {}

    def _get_many(self, keys: Sequence[str]) -> dict[str, Encoded]:
        found: dict[str, Encoded] = {}
        for begin in range(0, len(keys), 500):
            chunk = list(keys[begin : begin + 500])
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT key, dim, vector, sentences FROM embeddings WHERE key IN ({marks})",  # noqa: S608
                chunk,
            ).fetchall()
            for key, dim, vector, sentences in rows:
                found[key] = Encoded(
                    np.frombuffer(vector, dtype=np.float32).copy(),
                    np.frombuffer(sentences, dtype=np.float16).astype(np.float32).reshape(-1, dim),
                )
        return found

    def put_many(self, items: Iterable[tuple[str, Encoded]]) -> None:
        """Store entries (replacing any with the same key)."""
        rows = [
            (
                key,
                int(entry.vector.shape[0]),
                entry.vector.astype(np.float32).tobytes(),
                entry.sentences.astype(np.float16).tobytes(),
            )
            for key, entry in items
        ]
        with self._lock:
            try:
                self._put_many(rows)
            except sqlite3.Error as exc:
                if not _damaged(exc):
                    raise
                self._use(self._replace_damaged(exc, self._db))
                self._put_many(rows)

    def _put_many(self, rows: list[tuple[str, int, bytes, bytes]]) -> None:
        self._db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)", rows)
        self._db.commit()

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            if self._closing is not None:
                self._closing()
