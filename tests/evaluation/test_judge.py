"""Judging one answer: gold by URL or by quoted substring, answer depth, abstention."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from index.config import EngineConfig
from index.evaluation.dataset import Question
from index.evaluation.judge import judge
from index.evaluation.placement import build_key
from index.records import Answer, Hit
from tests.hits import make_hit


def hit(quote: str, url: str | None = None) -> Hit:
    return make_hit(quote, sentences=((0, len(quote)),), url=url, source="s.jsonl#1")


def test_gold_url_rank_ignores_fragment_and_counts_more():
    """The gold rank counts hits then the ``more`` hits; URL fragments are ignored."""
    question = Question("q", gold_urls=frozenset({"https://x/gold"}), answers=(("Paris",),))
    answer = Answer(
        "q",
        hits=(hit("nothing", "https://x/1"), hit("nothing", "https://x/2")),
        more=(hit("Paris, it is", "https://x/gold#p3"),),
    )
    outcome = judge(question, answer, depth=10)
    assert outcome.gold_rank == 3
    assert outcome.answer_rank == 3
    assert judge(question, answer, depth=2).gold_rank is None


def test_gold_quotes_match_substrings_case_insensitively():
    """qa-jsonl gold: a hit is correct when its quote holds a gold substring."""
    question = Question(
        "q", gold_quotes=("Tool offered by AWS",), answers=(("Tool offered by AWS",),)
    )
    answer = Answer("q", hits=(hit("Other text."), hit("It is a tool offered by   AWS.")))
    outcome = judge(question, answer)
    assert (outcome.gold_rank, outcome.answer_rank) == (2, 2)


def test_abstention_has_no_ranks():
    """A refused question has no gold or answer rank."""
    question = Question("q", gold_urls=frozenset({"u"}), answers=(("x",),))
    outcome = judge(question, Answer("q", hits=(), abstained=True, reason="no"))
    assert outcome.abstained
    assert outcome.gold_rank is None and outcome.answer_rank is None


def test_build_key_ignores_search_settings_but_not_chunking():
    """Search settings reuse the index; chunking settings get another one."""
    base = EngineConfig()
    assert build_key(base) == build_key(base.with_search(fusion="convex", per_article=3))
    changed = EngineConfig(chunks=type(base.chunks)(target_tokens=100))
    assert build_key(base) != build_key(changed)


def test_build_key_follows_every_field_that_changes_the_index():
    """Any engine field but paths, device, versions kept and search settings changes the key."""
    base = EngineConfig()
    assert build_key(base) == build_key(EngineConfig(device="cuda", index_dir=Path("elsewhere")))
    assert build_key(base) != build_key(EngineConfig(index_kind="hnsw"))
    assert build_key(base) != build_key(EngineConfig(model="other"))


def test_open_engine_waits_for_another_process_building_the_same_index(monkeypatch):
    """A rebuild refused because another process builds the index is retried, not fatal."""
    from index.errors import RebuildInProgressError
    from index.evaluation import runner

    class Busy:
        calls = 0

        def __init__(self, config, embedder=None):
            self.config = config

        def rebuild(self, progress=None):
            Busy.calls += 1
            if Busy.calls < 3:
                raise RebuildInProgressError("busy")
            return SimpleNamespace(
                version="v", articles=1, passages=1, embedded=0, total_seconds=0.0
            )

    monkeypatch.setattr(runner, "Engine", Busy)
    monkeypatch.setattr(runner, "LOCK_POLL_SECONDS", 0.0)
    assert isinstance(runner.open_engine(EngineConfig()), Busy)
    assert Busy.calls == 3
    with pytest.raises(RebuildInProgressError):
        Busy.calls = -100
        runner.open_engine(EngineConfig(), wait_seconds=0.0)
