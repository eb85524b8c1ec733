"""Relays progress from a building thread to the event loop, at most one update per interval."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from types import TracebackType

import discord

log = logging.getLogger(__name__)


class ProgressRelay:
    """A ``progress(stage, done, total)`` callback for the engine that publishes text on the loop.

    The building thread only stores the latest text; a task on the loop publishes it at most once
    per ``interval`` seconds, so a fast build never floods Discord with edits.
    """

    def __init__(
        self,
        render: Callable[[str, int, int], str],
        publish: Callable[[str], Awaitable[None]],
        interval: float = 1.0,
    ) -> None:
        self.render = render
        self.publish = publish
        self.interval = interval
        self._latest: str | None = None
        self._task: asyncio.Task[None] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Record progress; safe to call from any thread."""
        self._latest = self.render(stage, done, total)

    async def _run(self) -> None:
        sent: str | None = None
        while True:
            await asyncio.sleep(self.interval)
            text = self._latest
            if text is None or text == sent:
                continue
            sent = text
            try:
                await self.publish(text)
            except discord.HTTPException:
                log.debug("Could not publish progress", exc_info=True)

    async def __aenter__(self) -> ProgressRelay:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
