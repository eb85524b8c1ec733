"""Write a data set's records as a corpus folder, in a cache keyed by the records' content."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from index.records import ArticleRecord

log = logging.getLogger(__name__)

FILE_BYTES = 1_000_000
"""Records are split over files of about this size, well under the engine's per-file cap."""
HASH_CHARS = 12


def _lines(records: Sequence[ArticleRecord]) -> list[str]:
    return [json.dumps(r.as_record(), ensure_ascii=False, sort_keys=True) + "\n" for r in records]


def content_hash(lines: Sequence[str]) -> str:
    """Return the short hash that names a corpus of these record lines."""
    digest = hashlib.sha256()
    for line in lines:
        digest.update(line.encode("utf-8"))
    return digest.hexdigest()[:HASH_CHARS]


def folder_hash(folder: Path) -> str:
    """Return the short hash of an existing corpus folder: its file names and their bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:HASH_CHARS]


def _write_files(folder: Path, lines: Sequence[str]) -> None:
    number, size = 0, 0
    batch: list[str] = []
    for line in [*lines, None]:
        if line is None or (batch and size + len(line.encode("utf-8")) > FILE_BYTES):
            (folder / f"articles-{number:04d}.jsonl").write_text("".join(batch), encoding="utf-8")
            number, size, batch = number + 1, 0, []
        if line is not None:
            batch.append(line)
            size += len(line.encode("utf-8"))


def materialize(records: Sequence[ArticleRecord], root: Path, name: str) -> Path:
    """Return ``root/<name>-<hash>``, writing its ``corpus`` folder of records if not there yet.

    The folder is written beside its final place and renamed into it, so a half-written corpus
    is never taken for a finished one.
    """
    lines = _lines(records)
    home = root / f"{name}-{content_hash(lines)}"
    corpus = home / "corpus"
    if corpus.is_dir():
        log.info("corpus of %s already at %s", name, corpus)
        return home
    home.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".corpus-", dir=home))
    try:
        _write_files(staging, lines)
        staging.chmod(0o755)  # mkdtemp makes it private; the corpus is ordinary data
        os.replace(staging, corpus)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("wrote %d records of %s to %s", len(records), name, corpus)
    return home
