"""The bot's heap once started: what its start made is hidden from the cycle collector.

Its own module, without discord.py, so that the benchmarks time questions on the heap the bot
keeps by calling the bot's own step (``benchmarks.heap``).
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Hide what startup made (modules, the model, the loaded index) from the cycle collector.

    Those objects live as long as the bot, yet every full collection walked them all (~650,000)
    while the event loop waited: under a burst of 1,000 questions, four full collections stopped
    the loop for up to 0.8 s each. Frozen, a full collection walks only what was made since.
    Collected first, so no startup garbage is kept for good.
    """
    gc.collect()
    gc.freeze()
