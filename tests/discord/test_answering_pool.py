"""Under load: past the answering pool's limit members are told "busy", never left unanswered."""

from __future__ import annotations

import asyncio
import logging
import os
import threading

import pytest

from bot.ask.pool import AnsweringPool, default_threads, pool_for
from bot.errors import BUSY, BusyError
from tests.articles import SEED_QUESTION
from tests.discord.e2e import running_bot

ASYNC = pytest.mark.asyncio(loop_scope="function")


def test_pool_size_is_a_useful_batch_plus_spare_cores() -> None:
    """Two cores all used by the encoder give 9 threads; a 32-core host with 32 gives 9 too."""
    assert default_threads(2, 2) == 9
    assert default_threads(32, 32) == 9
    assert default_threads(8, 4) == 12


def test_questions_encoded_alone_run_no_more_at_once_than_cores() -> None:
    """With an int8-like encoder (no shared calls), 32 threads still run one answer a core."""
    cores = os.cpu_count() or 1
    assert pool_for(32, 100, 600, shared_calls=lambda: False).running == min(32, cores)
    assert pool_for(32, 100, 600, shared_calls=lambda: True).running == 32


@ASYNC
async def test_a_pool_runs_at_most_running_answers_at_once() -> None:
    """Four threads, one turn: three questions asked together are answered one at a time."""
    pool = AnsweringPool(threads=4, limit=10, max_wait=600, running=1)
    lock = threading.Lock()
    active: list[int] = [0]
    most: list[int] = [0]
    second_came = threading.Event()

    def work(n: int) -> int:
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
            if active[0] > 1:
                second_came.set()
        second_came.wait(0.2)  # a second answer running alongside would show here
        with lock:
            active[0] -= 1
        return n

    slots = [pool.slot() for _ in range(3)]
    assert await asyncio.gather(*(s.run(work, n) for n, s in enumerate(slots))) == [0, 1, 2]
    assert most[0] == 1
    pool.shutdown()


@ASYNC
async def test_slots_past_the_limit_are_refused_and_counted() -> None:
    """With 2 places, a third question is refused; a finished one frees its place."""
    pool = AnsweringPool(threads=1, limit=2, max_wait=600)
    first, second = pool.slot(), pool.slot()
    with pytest.raises(BusyError):
        pool.slot()
    second.release(failed=True)
    assert await first.run(sum, [1, 2]) == 3
    async with pool.slot() as third:
        assert await third.run(max, 4, 5) == 5
    figures = pool.figures()
    assert (figures.queued, figures.answered, figures.failed, figures.refused) == (0, 2, 1, 1)
    assert figures.peak_queued == 2
    pool.shutdown()


@pytest.mark.e2e
@ASYNC
async def test_a_full_pool_answers_busy_at_once_and_serves_again_after(tmp_path, seed_engine):
    """With every place taken, /ask and a mention are told "busy" (acknowledged, no 10062)."""
    async with running_bot(tmp_path, seed_engine, answer_queue_limit=3) as (fake, bot):
        held = [bot.answering.slot() for _ in range(3)]  # three questions in flight
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        mid = await fake.mention(SEED_QUESTION, user="alice")
        busy = await fake.wait_seen(iid)
        record = fake.interaction(iid)
        assert record.acknowledged and not record.expired and not busy.deferred
        assert busy.messages[-1].content == BUSY and busy.messages[-1].ephemeral
        assert (await fake.wait_for_message(after=mid)).content == BUSY
        for slot in held:
            slot.release(failed=False)
        answered = await fake.wait_seen(await fake.slash("ask", {"question": SEED_QUESTION}))
        assert "$700" in answered.text
        status = (await fake.wait_seen(await fake.slash("coverage status", user="mod"))).text
        assert "1 answered · 2 refused for load (busy)" in status


@pytest.mark.e2e
@ASYNC
async def test_a_burst_past_the_limit_leaves_no_interaction_unacknowledged(tmp_path, seed_engine):
    """40 asks at once with 8 places: each is answered or told busy; none is left or expired."""
    async with running_bot(tmp_path, seed_engine, answer_queue_limit=8) as (fake, bot):
        ids = await asyncio.gather(
            *(
                fake.slash("ask", {"question": f"{SEED_QUESTION} ({n})"}, user="alice")
                for n in range(40)
            )
        )
        seen = [await fake.wait_seen(i, timeout=60) for i in ids]
        busy = [s for s in seen if s.messages[-1].content == BUSY]
        answered = [s for s in seen if "$700" in s.text]
        assert len(busy) + len(answered) == 40 and answered
        assert all(fake.interaction(i).acknowledged and not fake.interaction(i).expired for i in ids)
        figures = bot.answering.figures()
        assert (figures.answered, figures.refused, figures.queued) == (len(answered), len(busy), 0)


@pytest.mark.e2e
@ASYNC
async def test_an_expired_interaction_costs_one_log_line_and_no_more_requests(
    tmp_path, seed_engine, caplog
):
    """An /ask acknowledged too late (10062) is logged in one line, without a traceback.

    Nothing can reach the member any more, so the bot sends nothing else for it; and under a
    burst it cannot keep up with, it does not spend its time formatting tracebacks.
    """
    async with running_bot(tmp_path, seed_engine, fake_options={"ack_window": 0.0}) as (fake, bot):
        with caplog.at_level(logging.WARNING):
            iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
            await fake.wait_until(lambda: any("10062" in r.getMessage() for r in caplog.records))
            assert fake.interaction(iid).expired
            assert [r.status for r in fake.requests_for(iid)] == [404]
            problems = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
            assert problems == []
            assert f"/ask {iid} expired" in caplog.text
        figures = bot.answering.figures()
        assert (figures.queued, figures.failed, figures.answered) == (0, 1, 0)
