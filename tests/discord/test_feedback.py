"""The feedback store, its summary and the CLI export (no Discord involved)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import asdict

from bot.feedback import FeedbackStore
from bot.formatting.admin import feedback_embed
from coverbot.commands.bot_cmds import write_feedback


def test_votes_are_stored_hashed_and_replaced(tmp_path):
    """A member's second vote on one answer replaces the first; ids are salted hashes."""
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.record(1, "q1", "shown", 1, user_id=42)
    store.record(1, "q1", "shown", -1, user_id=42)
    store.record(1, "q1", "shown", 1, user_id=43)
    rows = store.rows()
    assert sorted(r.vote for r in rows) == [-1, 1]
    assert {r.user_hash for r in rows} == {store.hash_user(42), store.hash_user(43)}
    assert all(len(r.user_hash) == 64 for r in rows)
    # Salted: not the plain hash of the id, and another store hashes the same id otherwise.
    assert store.hash_user(42) != hashlib.sha256(b"42").hexdigest()
    assert store.hash_user(42) != FeedbackStore(tmp_path / "other.sqlite3").hash_user(42)


def test_summary_counts_and_worst_questions(tmp_path):
    """The summary counts votes, voters and the questions most voted down."""
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    for user in range(3):
        store.record(1, "bad question", "x", -1, user_id=user)
    store.record(2, "good question", "y", 1, user_id=9)
    summary = store.summary()
    assert (summary.up, summary.down, summary.voters) == (1, 3, 4)
    assert summary.worst[0] == ("bad question", 3)
    text = feedback_embed(summary).to_dict()
    assert "👍 1 · 👎 3 (25% helpful)" in text["description"]


def test_export_csv_and_jsonl(tmp_path):
    """Export writes every vote as CSV with a header, or as JSON lines."""
    store = FeedbackStore(tmp_path / "feedback.sqlite3")
    store.record(7, "q, with comma", "quote\nline", 1, user_id=1)
    rows = [asdict(r) for r in store.rows()]
    out = io.StringIO()
    write_feedback(rows, "csv", out)
    parsed = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert parsed[0]["question"] == "q, with comma" and parsed[0]["vote"] == "1"
    out = io.StringIO()
    write_feedback(rows, "jsonl", out)
    record = json.loads(out.getvalue().splitlines()[0])
    assert record["shown"] == "quote\nline" and record["message_id"] == 7
