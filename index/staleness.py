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


def save_snapshot(index_dir: Path, version: str, root: Path, snapshot: Snapshot) -> None:
    """Record ``snapshot`` of ``root`` as the corpus that index ``version`` was built from."""
    payload = {"version": version, "corpus_dir": _key(root), "files": snapshot}
    target = index_dir / SNAPSHOT_FILE
    staging = target.with_name(f".{SNAPSHOT_FILE}.{os.getpid()}")
    try:
        staging.write_text(json.dumps(payload), encoding="utf-8")
        os.replace(staging, target)
    except OSError as exc:  # only staleness detection is lost: the index itself is published
        log.warning("could not record the corpus snapshot in %s: %s", index_dir, exc)
        staging.unlink(missing_ok=True)


def load_snapshot(index_dir: Path, version: str, root: Path) -> Snapshot | None:
    """Return the snapshot recorded for index ``version`` built from ``root``, or None."""
    try:
        payload = json.loads((index_dir / SNAPSHOT_FILE).read_text(encoding="utf-8"))
        if payload["version"] != version or payload["corpus_dir"] != _key(root):
            return None
        return {name: (int(v[0]), int(v[1])) for name, v in payload["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def compare(recorded: Snapshot | None, current: Snapshot) -> CorpusDrift:
    """Return how ``current`` differs from ``recorded`` (``unknown`` when nothing was recorded)."""
    if recorded is None:
        return CorpusDrift(unknown=True)
    return CorpusDrift(
        added=tuple(sorted(n for n in current if n not in recorded)),
        changed=tuple(sorted(n for n in current if n in recorded and recorded[n] != current[n])),
        removed=tuple(sorted(n for n in recorded if n not in current)),
    )
