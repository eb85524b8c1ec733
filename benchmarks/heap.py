"""The heap as the bot keeps it while serving: what its start made is frozen."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def as_the_bot_serves() -> Iterator[None]:
    """Freeze the heap as the bot's start does, for the timings inside; thaw it after.

    Once started, the bot freezes what its start made (``bot.__main__.freeze_startup_heap``),
    so a full collection walks only what was made since. Timing questions without it charges
    them collections over the whole loaded index that no member waits on. Thawed after, so what
    a benchmark measures next (builds, rebuilds) runs as before.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
