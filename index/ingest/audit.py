"""The audit log: who changed the coverage, when, what, and with which result.

Every change is written through :meth:`AuditLog.audited` (or, for a feed entry, :meth:`record`
with :func:`audit_text`), so the line an outcome leaves is written in one place.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

from index.ingest.db import Database, now
from index.ingest.errors import IngestError
from index.ingest.reports import AddResult, AuditEntry, AuditSummary, RemoveResult, RestoreResult

R = TypeVar("R")


def audit_text(result: object) -> str:
    """Return a one-line account of a change's result for the audit log."""
    if isinstance(result, AddResult):
        return f'added "{result.title}" as {result.path} ({result.passages} passages)'
    if isinstance(result, RemoveResult):
        return f'removed "{result.title}": {result.path} -> removed/{result.removed_path}'
    if isinstance(result, RestoreResult):
        return f'restored "{result.title}" as {result.path}'
    return str(result)


class AuditLog:
    """Appends entries to and summarises the ``audit`` table (blocking calls)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, actor: str, action: str, target: str, ok: bool, result: str) -> AuditEntry:
        """Append one entry and return it."""
        entry = AuditEntry(now(), actor, action, target[:500], ok, result[:500])
        with self._db.connect() as conn:
            conn.execute(
                "INSERT INTO audit (at, actor, action, target, ok, result) VALUES (?,?,?,?,?,?)",
                (entry.at, entry.actor, entry.action, entry.target, int(ok), entry.result),
            )
        return entry

    async def audited(
        self, actor: str, action: str, target: str, work: Coroutine[Any, Any, R]
    ) -> R:
        """Run ``work`` and write its outcome (or the reason it failed) to the log."""
        try:
            result = await work
        except IngestError as exc:
            await asyncio.to_thread(self.record, actor, action, target, False, str(exc))
            raise
        except Exception as exc:
            text = f"error: {type(exc).__name__}"
            await asyncio.to_thread(self.record, actor, action, target, False, text)
            raise
        await asyncio.to_thread(self.record, actor, action, target, True, audit_text(result))
        return result

    def recent(self, limit: int = 10) -> tuple[AuditEntry, ...]:
        """Return the latest entries, newest first."""
        with self._db.connect() as conn:
            rows = conn.execute(
                "SELECT at, actor, action, target, ok, result FROM audit ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return tuple(_entry(row) for row in rows)

    def summary(self, recent: int = 5) -> AuditSummary:
        """Return counts per action, the number of failures and the latest entries."""
        with self._db.connect() as conn:
            total, failures = conn.execute(
                "SELECT COUNT(*), COALESCE(SUM(1 - ok), 0) FROM audit"
            ).fetchone()
            by_action = conn.execute(
                "SELECT action, COUNT(*) FROM audit GROUP BY action ORDER BY action"
            ).fetchall()
            last = conn.execute(
                "SELECT at, actor, action, target, ok, result FROM audit WHERE ok = 1 "
                "ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return AuditSummary(
            total=int(total),
            failures=int(failures),
            by_action=tuple((str(a), int(n)) for a, n in by_action),
            recent=self.recent(recent),
            last_change=_entry(last) if last is not None else None,
        )


def _entry(row: tuple[object, ...]) -> AuditEntry:
    at, actor, action, target, ok, result = row
    return AuditEntry(str(at), str(actor), str(action), str(target), bool(ok), str(result))
