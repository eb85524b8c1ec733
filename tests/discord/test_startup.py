"""Before the bot connects: one warm-up question, then the startup heap frozen."""

from __future__ import annotations

import gc
import logging
import weakref

from bot.__main__ import warm_up
from bot.heap import freeze_startup_heap
from index.engine import Engine
from tests.conftest import engine_config


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_a_failing_warm_up_question_is_logged_and_the_start_goes_on(tmp_path, caplog) -> None:
    """With no index loaded the warm-up question fails: a warning, and no exception."""
    engine = Engine(engine_config(tmp_path / "corpus", tmp_path / "index"))
    with caplog.at_level(logging.WARNING):
        warm_up(engine)
    assert "warm-up question failed" in caplog.text and "no index is loaded" in caplog.text


def test_the_warm_up_question_is_answered_quietly(seed_engine, caplog) -> None:
    """On a loaded index the warm-up question is just answered (nothing logged)."""
    with caplog.at_level(logging.WARNING):
        warm_up(seed_engine)
    assert caplog.records == []


def test_startup_garbage_is_collected_before_the_heap_is_frozen() -> None:
    """What is left of startup's reference cycles is freed, not frozen for good."""
    gc.disable()  # only the explicit collection may free it
    try:
        garbage = _Node()
        freed: list[bool] = []
        weakref.finalize(garbage, freed.append, True)
        del garbage
        freeze_startup_heap()
        assert freed == [True]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()
