"""Notice a corpus folder that changed since the index was built, cheaply: names, sizes, mtimes.

A rebuild records what the corpus folder looked like when it was read (a *snapshot*: each file's
relative name, size and modification time, from ``lstat``, no file opened) next to the published
index. Comparing a fresh snapshot with the recorded one costs one directory walk, so a front end
can check before every answer and never serve a silently stale index.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.records import FileFailure

log = logging.getLogger(__name__)

SNAPSHOT_FILE = "corpus-snapshot.json"

Snapshot = dict[str, tuple[int, int]]
"""Relative file name → (size in bytes, modification time in nanoseconds)."""


@dataclass(frozen=True)
class CorpusDrift:
    """How the corpus folder differs from the one the serving index was built from."""

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unknown: bool = False
    """No snapshot was recorded for the serving index (built by an older version, or elsewhere)."""

    def __bool__(self) -> bool:
        return self.unknown or bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        """Say what changed in a few words, e.g. "1 file added, 2 changed"."""
        if self.unknown and not (self.added or self.changed or self.removed):
            return "no record of the corpus it was built from"
        counts = [
            (len(names), word)
            for names, word in (
                (self.added, "added"),
                (self.changed, "changed"),
                (self.removed, "removed"),
            )
            if names
        ]
        if not counts:
            return "unchanged"
        first, *rest = counts
        noun = "file" if first[0] == 1 else "files"
        parts = [f"{first[0]} {noun} {first[1]}", *(f"{n} {word}" for n, word in rest)]
        return ", ".join(parts)


def _display_name(relative: str) -> str:
    """Return a name that survives JSON whatever bytes the file system gave."""
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def take_snapshot(root: Path) -> Snapshot:
    """Return the size and mtime of every file under ``root``, without opening any.

    Hidden files and folders are skipped and links are not followed; a missing or unreadable
    folder gives an empty snapshot.
    """
    snapshot: Snapshot = {}
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            if entry.name.startswith("."):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            relative = prefix + entry.name
            if stat.S_ISDIR(info.st_mode):
                pending.append((entry.path, relative + "/"))
            elif stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode):
                snapshot[_display_name(relative)] = (info.st_size, info.st_mtime_ns)
    return snapshot


def _key(root: Path) -> str:
    return str(root.resolve())


@dataclass(frozen=True)
class CorpusRead:
    """What reading the corpus found besides its articles, and the size cap it was read with.

    Recorded with the snapshot, so that a rebuild of a corpus that did not change reports the
    same failures, duplicates and warnings without reading a file again.
    """

    max_file_bytes: int
    snapshot_ns: int
    """When the snapshot was taken (``time.time_ns()``, just before the folder was walked)."""
    failed: tuple[FileFailure, ...] = ()
    duplicates: tuple[str, ...] = ()
    warnings: tuple[FileFailure, ...] = ()


def save_snapshot(
    index_dir: Path, version: str, root: Path, snapshot: Snapshot, read: CorpusRead | None = None
) -> None:
    """Record ``snapshot`` of ``root`` as the corpus that index ``version`` was built from."""
    payload: dict[str, object] = {"version": version, "corpus_dir": _key(root), "files": snapshot}
    if read is not None:
        payload["read"] = {
            "max_file_bytes": read.max_file_bytes,
            "snapshot_ns": read.snapshot_ns,
            "failed": [[f.path, f.reason] for f in read.failed],
            "duplicates": list(read.duplicates),
            "warnings": [[w.path, w.reason] for w in read.warnings],
        }
    target = index_dir / SNAPSHOT_FILE
    staging = target.with_name(f".{SNAPSHOT_FILE}.{os.getpid()}")
    try:
        staging.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(staging, target)
    except OSError as exc:  # only staleness detection is lost: the index itself is published
        log.warning("could not record the corpus snapshot in %s: %s", index_dir, exc)
        staging.unlink(missing_ok=True)


def _recorded(index_dir: Path, version: str, root: Path) -> dict[str, Any] | None:
    try:
        payload = json.loads((index_dir / SNAPSHOT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    if payload.get("version") != version or payload.get("corpus_dir") != _key(root):
        return None
    return payload


def load_snapshot(index_dir: Path, version: str, root: Path) -> Snapshot | None:
    """Return the snapshot recorded for index ``version`` built from ``root``, or None."""
    payload = _recorded(index_dir, version, root)
    try:
        return None if payload is None else _snapshot(payload["files"])
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def _snapshot(files: dict[str, Any]) -> Snapshot:
    return {name: (int(v[0]), int(v[1])) for name, v in files.items()}


def load_read(index_dir: Path, version: str, root: Path) -> tuple[Snapshot, CorpusRead] | None:
    """Return the snapshot and what reading found, recorded for ``version`` of ``root``, or None."""
    payload = _recorded(index_dir, version, root)
    try:
        if payload is None or "read" not in payload:
            return None
        read = payload["read"]
        return _snapshot(payload["files"]), CorpusRead(
            max_file_bytes=int(read["max_file_bytes"]),
            snapshot_ns=int(read["snapshot_ns"]),
            failed=tuple(FileFailure(str(p), str(r)) for p, r in read["failed"]),
            duplicates=tuple(str(d) for d in read["duplicates"]),
            warnings=tuple(FileFailure(str(p), str(r)) for p, r in read["warnings"]),
        )
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


SETTLED_NS = 2 * 10**9
"""A file modified this close to a snapshot (or after it) may change again within the same
timestamp tick (file systems keep times coarser than nanoseconds), so its size and time alone do
not prove it unchanged: such a file is read again, as git re-reads a "racily clean" file."""


def settled(snapshot: Snapshot, snapshot_ns: int) -> bool:
    """Tell whether every file of ``snapshot`` was last modified well before it was taken."""
    return all(mtime < snapshot_ns - SETTLED_NS for _, mtime in snapshot.values())


def compare(recorded: Snapshot | None, current: Snapshot) -> CorpusDrift:
    """Return how ``current`` differs from ``recorded`` (``unknown`` when nothing was recorded)."""
    if recorded is None:
        return CorpusDrift(unknown=True)
    return CorpusDrift(
        added=tuple(sorted(n for n in current if n not in recorded)),
        changed=tuple(sorted(n for n in current if n in recorded and recorded[n] != current[n])),
        removed=tuple(sorted(n for n in recorded if n not in current)),
    )
