"""A model file's sha256, computed once a machine rather than once a process.

The weights hash names the model in the index's manifest and in the ONNX export's file name, so
every process needs it, and hashing the default model's 87 MB of weights costs about 70 ms: a
tenth of a terminal question. The digest is kept in a small JSON file beside the exported
models, keyed by the file's path, size, modification and change times and inode, as git's index
keys its files: a file written again, even in place with its modification time put back
(``cp -p``, ``rsync -t --inplace``), gets a new change time and is hashed again. A missing,
damaged or unwritable memo only means hashing the file.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

MEMO = "file-digests.json"
MAX_ENTRIES = 64
"""Older entries are dropped past this many (a model updated many times in place)."""

_lock = threading.Lock()


def file_sha256(path: Path, memo_dir: Path | None) -> str:
    """Return ``path``'s sha256, read from the memo in ``memo_dir`` when its stat is unchanged."""
    resolved = path.resolve()
    stat = resolved.stat()
    key = (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)
    return _digest(str(resolved), key, memo_dir)


@lru_cache(maxsize=8)
def _digest(path: str, stat: tuple[int, ...], memo_dir: Path | None) -> str:
    key = list(stat)
    with _lock:
        memo = _read(memo_dir) if memo_dir is not None else {}
        entry = memo.get(path)
        if isinstance(entry, dict) and entry.get("stat") == key:
            digest = entry.get("sha256")
            if isinstance(digest, str) and len(digest) == 64:
                return digest
        digest = _hash(path)
        if memo_dir is not None:
            memo.pop(path, None)
            memo[path] = {"stat": key, "sha256": digest}
            _write(memo_dir, dict(list(memo.items())[-MAX_ENTRIES:]))
        return digest


def _hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read(memo_dir: Path) -> dict[str, object]:
    try:
        loaded = json.loads((memo_dir / MEMO).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _write(memo_dir: Path, memo: dict[str, object]) -> None:
    temporary: Path | None = None
    try:
        memo_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", dir=memo_dir, prefix=".digests-", suffix=".tmp", delete=False, encoding="utf-8"
        ) as handle:
            temporary = Path(handle.name)
            json.dump(memo, handle)
        os.replace(temporary, memo_dir / MEMO)
    except OSError as exc:
        log.debug("cannot keep file digests in %s: %s", memo_dir, exc)
        if temporary is not None:
            temporary.unlink(missing_ok=True)
