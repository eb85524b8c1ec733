"""A content-keyed cache of passage embeddings, so a rebuild embeds only new or changed text.

Keys hash the model's identity (name and weights hash), the passage text and its sentence spans;
changing fusion, abstention or display never re-embeds anything.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from index.embedding import Encoded
from index.models import Span

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


class EmbeddingCache:
    """SQLite-backed store of passage and sentence vectors (float32 and float16)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "embeddings.sqlite3"
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        with self._lock:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(_SCHEMA)
            self._db.commit()

    def get_many(self, keys: Sequence[str]) -> dict[str, Encoded]:
        """Return the cached entries among ``keys``."""
        found: dict[str, Encoded] = {}
        with self._lock:
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
                        np.frombuffer(sentences, dtype=np.float16)
                        .astype(np.float32)
                        .reshape(-1, dim),
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
            self._db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?)", rows)
            self._db.commit()

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
