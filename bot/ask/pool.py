"""The answering pool: a dedicated, bounded executor for questions, with back-pressure.

Questions are answered on a few threads of their own, not asyncio's default pool (whose size,
min(32, cores + 4), makes 32 threads fight for the GIL on a large host and starves the event
loop). The threads mostly wait: the engine encodes the questions asked together in one model call
(``index.embedding.batching``), so the pool is sized for a useful batch, not for the cores.

Acknowledgements first: an acknowledgement is due within 3 s, an answer within 15 minutes, and
both need the GIL; so a question's answering starts only once every question admitted before it
has been acknowledged and, in a burst, no question arrived for 50 ms
(:meth:`AnsweringPool._after_acks`); a question asked alone starts at once.

Back-pressure: at most ``limit`` questions wait or run. Past it, or when the questions ahead would
take longer than ``max_wait`` (an interaction token lives 15 minutes), :meth:`AnsweringPool.slot`
raises :class:`BusyError` at once, before anything is sent, so the member is told "busy" instead
of getting silence or an expired interaction.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from types import TracebackType
from typing import TypeVar

from bot.errors import BusyError

log = logging.getLogger(__name__)
T = TypeVar("T")

USEFUL_BATCH = 8
"""Questions a model call should take for batching to pay: past eight, a larger call costs about
as much a question (BENCHMARKS.md, "Measurements behind the constants")."""
ACK_WAIT = 10.0
"""Longest an answer waits for other questions' acknowledgements before it starts anyway. Under
a steady stream each acknowledgement takes milliseconds; only a burst holds answers back."""
ACK_WINDOW = 3.0
"""Seconds Discord gives a bot to acknowledge an interaction."""
QUIET = 0.05
"""A burst is over once no question arrived for this long (a steady five a second leaves four
times as long between them)."""
RATE_WINDOW = 10.0
"""Seconds of recent answers the answering rate (for the predicted wait) is taken over."""


def default_threads(cores: int, encoder_threads: int) -> int:
    """Return the pool size: enough waiting callers for a useful batch, plus the spare cores.

    One thread at a time runs the model (on ``encoder_threads`` cores of its own); the others
    wait for that shared call, then do the light rest of ``ask`` (search, quotes), held to one
    core by the GIL, plus whatever cores the encoder leaves free.
    """
    return USEFUL_BATCH + max(1, cores - encoder_threads)


def pool_for(
    threads: int | None,
    limit: int,
    max_wait: float,
    shared_calls: Callable[[], bool] = lambda: True,
) -> AnsweringPool:
    """Return a pool of ``threads`` threads, or sized from this host when ``threads`` is None.

    When ``shared_calls()`` is false (asked at the first answer: the encoder encodes each question
    alone) no more answers run at once than there are cores, however many threads: the others
    only wait, off the GIL.
    """
    cores = os.cpu_count() or 1
    if threads is None:
        torch = sys.modules.get("torch")  # loaded with the model; its threads are the encoder's
        threads = default_threads(cores, int(torch.get_num_threads()) if torch else cores)
    size = threads
    return AnsweringPool(
        threads, limit, max_wait, running=lambda: size if shared_calls() else min(size, cores)
    )


@dataclass(frozen=True)
class AnsweringFigures:
    """What the pool has done since the bot started (for ``/coverage status`` and the log)."""

    threads: int
    limit: int
    queued: int
    """Questions waiting or being answered now."""
    peak_queued: int
    answered: int
    failed: int
    refused: int
    """Questions refused for load ("busy, try again in a moment")."""
    rate: float
    """Answers a second over the last few seconds."""


class Slot:
    """One admitted question's place in the pool; released when its block ends."""

    def __init__(self, pool: AnsweringPool) -> None:
        self._pool = pool
        self._released = False
        self._ran = False

    async def __aenter__(self) -> Slot:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release(failed=exc is not None)

    async def run(self, work: Callable[..., T], *args: object) -> T:
        """Run ``work(*args)`` on the pool's threads once no admitted question awaits its ack."""
        pool = self._pool
        self._ran = True
        pool._started()
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(pool.executor, pool._after_acks, work, *args)
        self.release(failed=False, answered=True)
        return result

    def release(self, *, failed: bool, answered: bool = False) -> None:
        """Give the place back (once), counting the outcome."""
        if not self._released:
            self._released = True
            self._pool._release(failed=failed, answered=answered, ran=self._ran)


class AnsweringPool:
    """A bounded executor for answering, and the count of questions admitted to it."""

    def __init__(
        self,
        threads: int,
        limit: int,
        max_wait: float,
        running: int | Callable[[], int] | None = None,
    ) -> None:
        """Hold ``threads`` threads; let ``running`` answers (default: one a thread) run at once.

        ``running`` may be a function, asked at the first answer (when the engine is loaded).
        """
        if threads < 1 or limit < 1:
            raise ValueError("the answering pool needs at least one thread and one place")
        self.threads = threads
        self._running_of = running
        self._turns: threading.BoundedSemaphore | None = None
        self._count = threads
        self.limit = limit
        self.max_wait = max_wait
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._queued = self._peak = self._answered = self._failed = self._refused = 0
        self._recent: deque[float] = deque()
        self._unstarted = 0  # admitted, not yet handed to a thread: their acks come first
        self._gate = threading.Condition(self._lock)
        self._keeper = False
        self._last_arrival = self._burst_until = 0.0

    @property
    def running(self) -> int:
        """How many answers may run at once (at most one a thread, at least one)."""
        return self._semaphore()[1]

    def _semaphore(self) -> tuple[threading.BoundedSemaphore, int]:
        turns = self._turns
        if turns is not None:
            return turns, self._count
        wanted = self._running_of  # asked outside the lock: it may load the model
        count = max(1, min(self.threads, wanted() if callable(wanted) else wanted or self.threads))
        with self._lock:
            if self._turns is None:
                self._count = count
                self._turns = threading.BoundedSemaphore(count)
            return self._turns, self._count

    @property
    def executor(self) -> ThreadPoolExecutor:
        """The pool's threads (created on first use, so building the bot stays cheap)."""
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.threads, thread_name_prefix="answering")
            return self._executor

    def slot(self) -> Slot:
        """Admit one question, or raise :class:`BusyError` when the pool is full or too slow."""
        with self._lock:
            now = time.monotonic()
            if now - self._last_arrival < QUIET:  # a second question within QUIET: a burst
                self._burst_until = now + QUIET
            self._last_arrival = now
            wait = self._predicted_wait()
            if self._queued >= self.limit or wait > self.max_wait:
                self._refused += 1
                refused = self._refused
                busy = True
            else:
                self._queued += 1
                self._unstarted += 1
                self._peak = max(self._peak, self._queued)
                busy = False
        if busy:
            if refused == 1 or refused % 100 == 0:
                log.warning(
                    "Busy: %d questions refused for load so far (%d waiting, limit %d, "
                    "about %.0f s of answers ahead)",
                    refused,
                    self._queued,
                    self.limit,
                    wait,
                )
            raise BusyError("too many questions are waiting")
        return Slot(self)

    def _predicted_wait(self) -> float:
        rate = self._rate(time.monotonic())
        return self._queued / rate if rate > 0 else 0.0

    def _rate(self, now: float) -> float:
        while self._recent and now - self._recent[0] > RATE_WINDOW:
            self._recent.popleft()
        if len(self._recent) < 2:
            return 0.0
        return len(self._recent) / max(now - self._recent[0], 1.0)

    def _started(self) -> None:
        with self._lock:
            self._started_unlocked()

    def _started_unlocked(self) -> None:
        self._unstarted -= 1

    def _after_acks(self, work: Callable[..., T], *args: object) -> T:
        """Run ``work`` once the burst is acknowledged (or ACK_WAIT has passed).

        Answering competes with acknowledging for the GIL and the event loop; during a burst the
        acknowledgements (due within 3 s) go first and the answers (due within 15 minutes) after.
        A burst is two questions (admitted or refused) less than QUIET apart; it is over when
        every admitted question is acknowledged and none arrived for QUIET seconds. A question
        asked alone starts at once.
        """
        deadline = time.monotonic() + ACK_WAIT
        turns, _count = self._semaphore()
        with self._lock:
            self._wait_for_acks(deadline)
        with turns:
            return work(*args)

    def _wait_for_acks(self, deadline: float) -> None:
        """Hold the calling thread (lock held) until the burst is acknowledged or ``deadline``.

        One thread (the keeper) watches the clock; the others sleep until it tells them the
        gate is open, so dozens of waiting threads do not keep waking to take the GIL.
        """
        while True:
            now = time.monotonic()
            # Unacknowledged questions hold answers back only around a burst, so one slow
            # acknowledgement on a quiet day delays nobody.
            in_burst = now - self._burst_until < ACK_WINDOW
            hold = QUIET if self._unstarted and in_burst else self._burst_until - now
            if hold <= 0 or now >= deadline:
                return
            if self._keeper:
                self._gate.wait(deadline - now)
                continue
            self._keeper = True
            try:
                self._gate.wait(min(hold, deadline - now))
            finally:
                self._keeper = False
                self._gate.notify_all()  # the gate is open, or someone else keeps watch now

    def _release(self, *, failed: bool, answered: bool, ran: bool) -> None:
        with self._lock:
            self._queued -= 1
            if not ran:
                self._started_unlocked()
            if answered:
                self._answered += 1
                self._recent.append(time.monotonic())
            elif failed:
                self._failed += 1

    def figures(self) -> AnsweringFigures:
        """Return the counts so far."""
        with self._lock:
            return AnsweringFigures(
                threads=self.threads,
                limit=self.limit,
                queued=self._queued,
                peak_queued=self._peak,
                answered=self._answered,
                failed=self._failed,
                refused=self._refused,
                rate=self._rate(time.monotonic()),
            )

    def shutdown(self) -> None:
        """Stop the threads once the questions they hold are done (when the bot closes)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
