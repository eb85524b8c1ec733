"""Move article files to the removed folder and back, remembering where each one came from.

Files are never deleted: a removal is a move (``os.replace`` within a file system, a copy and
unlink across file systems), recorded in SQLite so that ``restore`` can put it back where it was.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path

from index.corpus.reader import decode_text
from index.ingest.db import Database, now
from index.ingest.errors import AmbiguousArticleError, ArticleNotFoundError
from index.ingest.files import free_path, safe_child
from index.ingest.records import split_record
from index.ingest.reports import RemovedArticle

log = logging.getLogger(__name__)

_SPLIT_OUT = re.compile(r"__record-\d+(?:-\d+)?\.[^./]+\Z")
"""The name ``split_out`` gives a record it takes out (``free_path`` may add ``-2``)."""


class RemovalStore:
    """The ``removals`` table and the moves it records (blocking calls)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def move_out(self, corpus: Path, relative: str, removed: Path, title: str) -> str:
        """Move ``corpus/relative`` into ``removed`` and return its path relative to ``removed``."""
        source = safe_child(corpus, relative)
        target = free_path(removed, relative.replace("/", "__"))
        _move(source, target)
        removed_rel = self._record(target, removed, relative, title)
        log.info("moved %s to %s", relative, target)
        return removed_rel

    def split_out(self, corpus: Path, relative: str, number: int, removed: Path, title: str) -> str:
        """Take record ``number`` out of the multi-record file ``corpus/relative``.

        The record is written alone to the removed folder (restorable like any removed file),
        then the corpus file is rewritten without it, atomically. Returns the removed file's path
        relative to ``removed``.
        """
        source = safe_child(corpus, relative)
        raw = decode_text(source.read_bytes())  # as the loader read it (UTF-16 too)
        rest, taken = split_record(source.suffix.lower(), raw, number)
        stem, suffix = os.path.splitext(relative.replace("/", "__"))
        target = free_path(removed, f"{stem}__record-{number}{suffix}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(taken, encoding="utf-8")
        staging = source.with_name(f".{source.name}.removing")
        staging.write_text(rest, encoding="utf-8")
        os.replace(staging, source)
        removed_rel = self._record(target, removed, relative, title)
        log.info("took record %d of %s out to %s", number, relative, target)
        return removed_rel

    def _record(self, target: Path, removed: Path, relative: str, title: str) -> str:
        """Record a removal (restorable later) and return its path relative to ``removed``."""
        removed_rel = target.relative_to(removed.resolve()).as_posix()
        with self._db.connect() as conn:
            conn.execute(
                "INSERT INTO removals (removed_path, original_path, title, removed_at) "
                "VALUES (?,?,?,?)",
                (removed_rel, relative, title, now()),
            )
        return removed_rel

    def pending(self, removed: Path) -> tuple[RemovedArticle, ...]:
        """Return the removals not yet restored whose file is still there, latest first."""
        with self._db.connect() as conn:
            rows = conn.execute(
                "SELECT removed_path, original_path, title, removed_at FROM removals "
                "WHERE restored_at IS NULL ORDER BY id DESC"
            ).fetchall()
        items = [RemovedArticle(*row) for row in rows]
        return tuple(i for i in items if (removed / i.removed_path).is_file())

    def find(self, removed: Path, name: str | None) -> RemovedArticle:
        """Return the removal meant by ``name``, or the latest when ``name`` is None.

        ``name`` is read as ``remove`` reads it: a file (removed or original path) or a whole
        title, else part of a title, case-insensitive; several removals matching a part are
        refused with their titles listed.
        """
        items = self.pending(removed)
        if name is None:
            if not items:
                raise ArticleNotFoundError("nothing to restore: the removed folder is empty")
            return items[0]
        wanted = name.strip().casefold()
        for item in items:
            keys = (item.removed_path, item.original_path, item.title)
            if wanted in (k.casefold() for k in keys):
                return item
        loose = removed / Path(name).name
        if loose.is_file() and loose.resolve().is_relative_to(removed.resolve()):
            return RemovedArticle(loose.name, loose.name, loose.name, "")
        partly = [item for item in items if wanted and wanted in item.title.casefold()]
        if len(partly) > 1:
            raise AmbiguousArticleError.listing([item.title for item in partly])
        if partly:
            return partly[0]
        raise ArticleNotFoundError(f'nothing called "{name}" in the removed folder')

    def move_back(self, corpus: Path, removed: Path, item: RemovedArticle, own_name: str) -> str:
        """Move a removed file back to its old place, or beside it as ``own_name`` when taken.

        A record taken out of a multi-record file (``split_out``) always returns as a file of
        its own, named after its own title (``own_name``): its old file's name was given by
        another article, whether that file is still there or was removed since.
        """
        source = safe_child(removed, item.removed_path)
        target = safe_child(corpus, item.original_path)
        if _SPLIT_OUT.search(item.removed_path) or target.exists() or target.is_symlink():
            target = free_path(target.parent, own_name)
        target.parent.mkdir(parents=True, exist_ok=True)
        _move(source, target)
        with self._db.connect() as conn:
            conn.execute(
                "UPDATE removals SET restored_at = ? "
                "WHERE removed_path = ? AND restored_at IS NULL",
                (now(), item.removed_path),
            )
        log.info("restored %s to %s", source, target)
        return target.relative_to(corpus.resolve()).as_posix()


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise FileExistsError(f"{target.name} already exists")
    shutil.move(str(source), str(target))
