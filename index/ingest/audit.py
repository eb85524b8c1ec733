"""The audit log: who changed the coverage, when, what, and with which result."""

from __future__ import annotations

from dataclasses import dataclass

from index.ingest.db import Database, now


@dataclass(frozen=True)
class AuditEntry:
    """One change or attempted change."""

    at: str
    actor: str
    """Who: ``discord:<user id>``, ``cli:<login>`` or ``feed:<url>``."""
    action: str
    target: str
    ok: bool
    result: str


@dataclass(frozen=True)
class AuditSummary:
    """What ``/coverage status`` shows about changes."""

    total: int
    failures: int
    by_action: tuple[tuple[str, int], ...]
    recent: tuple[AuditEntry, ...]
    last_change: AuditEntry | None
    """The last successful change."""


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
