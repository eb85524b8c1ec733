"""The machinery of the load benchmark: a loopback Discord on its own thread, a loop-lag probe.

The bot runs on the benchmark's event loop exactly as in production; the loopback Discord
(``fakediscord``, used through its public API) runs on a second thread with its own
loop, so the bot's loop lag measures the bot, not the fake serving it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
from collections.abc import Coroutine
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")
PROBE_SECONDS = 0.01
MEMORY_EVERY = 10
"""Read the resident memory every this many probes (every 0.1 s)."""
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes() -> int:
    """Return this process's resident memory now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


class LoopThread:
    """An event loop running on a daemon thread; coroutines are handed to it."""

    def __init__(self, name: str) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name=name, daemon=True)
        self._thread.start()

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Run ``coroutine`` on the thread's loop."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    async def call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run ``coroutine`` on the thread's loop and await its result from another loop."""
        return await asyncio.wrap_future(self.submit(coroutine))

    def stop(self) -> None:
        """Stop the loop and the thread."""
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()


@dataclass
class Probe:
    """Samples how late a 10 ms sleep wakes up on the bot's loop (the loop lag), and memory."""

    lags: list[tuple[float, float]] = field(default_factory=list)
    memory: list[tuple[float, int]] = field(default_factory=list)
    _task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start sampling on the running loop."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        count = 0
        while True:
            before = time.perf_counter()
            await asyncio.sleep(PROBE_SECONDS)
            now = time.perf_counter()
            self.lags.append((now, max(0.0, now - before - PROBE_SECONDS)))
            count += 1
            if count % MEMORY_EVERY == 0:
                self.memory.append((now, resident_bytes()))

    async def stop(self) -> None:
        """Stop sampling."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def lags_between(self, start: float, end: float) -> list[float]:
        """Return the lags (seconds) sampled in ``[start, end]``."""
        return [lag for at, lag in self.lags if start <= at <= end]

    def peak_memory_between(self, start: float, end: float) -> int:
        """Return the largest resident memory sampled in ``[start, end]`` (bytes)."""
        return max((size for at, size in self.memory if start <= at <= end), default=0)
