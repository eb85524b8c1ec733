"""Compact replies fit a busy channel: every seed and developing-story question, rendered.

Each question of ``tests/data/seed_questions.jsonl`` (on the bundled coverage) and of the
developing-story set (``tests/data/developing``, asked on the day each row gives) is answered by
the real engine and rendered as the bot sends it by default. The whole reply (text, titles,
quotes, footers) stays under ``ANY_REPLY`` characters, the median under ``MEDIAN_REPLY``, the
plain-text fallback too, and every answer opens on its answering sentence.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from pathlib import Path

import pytest

from bot.formatting.answers import Reply
from bot.formatting.compact import compact_reply
from bot.formatting.plain import plain_text
from index.engine import Engine
from tests.articles import REPO, SEED_QUESTION
from tests.conftest import engine_config

pytestmark = pytest.mark.model

MEDIAN_REPLY = 700
ANY_REPLY = 1000
DATA = REPO / "tests" / "data"
DEVELOPING = DATA / "developing"


def reply_size(reply: Reply) -> int:
    """Return the characters a member reads: the text and every embed's parts."""
    return len(reply.content or "") + sum(len(embed) for embed in reply.embeds)


def rows(path: Path) -> list[tuple[str, dt.datetime | None]]:
    """Return the questions of a JSON-lines file with the day each is asked, if it says."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            asked = row.get("asked")
            when = dt.datetime.fromisoformat(asked).replace(tzinfo=dt.UTC) if asked else None
            found.append((row["q"], when))
    return found


@pytest.fixture(scope="module")
def developing_engine(tmp_path_factory: pytest.TempPathFactory, embedder) -> Engine:
    """Return an engine built on the developing-story coverage."""
    root = tmp_path_factory.mktemp("developing")
    engine = Engine(engine_config(DEVELOPING / "corpus", root / "index"), embedder=embedder)
    engine.rebuild()
    return engine


def test_every_compact_reply_fits_the_budget(seed_engine, developing_engine) -> None:
    """Median reply ≤ 700 characters, any ≤ 1,000, plain text too; answers open on the bold."""
    asked = [(seed_engine, q, when) for q, when in rows(DATA / "seed_questions.jsonl")]
    asked.append((seed_engine, SEED_QUESTION, None))
    for name in ("questions.jsonl", "absent_attributes.jsonl"):
        asked += [(developing_engine, q, when) for q, when in rows(DEVELOPING / name)]
    assert len(asked) > 100
    sizes = []
    for engine, question, when in asked:
        answer = engine.ask(question, 3, when)
        reply = compact_reply(answer)
        size, plain = reply_size(reply), len(plain_text(reply.content, reply.embeds))
        assert size <= ANY_REPLY and plain <= ANY_REPLY, (question, size, plain)
        if not answer.abstained:
            description = reply.embeds[0].description or ""
            assert description.removeprefix("… ").startswith("**"), question
        sizes.append(size)
    assert statistics.median(sizes) <= MEDIAN_REPLY, statistics.median(sizes)
