"""The heap as the bot keeps it while serving: what its start made is frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from bot.heap import freeze_startup_heap


@contextmanager
def as_the_bot_serves() -> Iterator[None]:
    """Freeze the heap as the bot's start does, for the timings inside; thaw it after.

    Once started, the bot freezes what its start made (``bot.heap.freeze_startup_heap``, called
    here), so a full collection walks only what was made since. Timing questions without it charges
    them collections over the whole loaded index that no member waits on. Thawed after, so what
    a benchmark measures next (builds, rebuilds) runs as before.
    """
    freeze_startup_heap()
    try:
        yield
    finally:
        gc.unfreeze()
