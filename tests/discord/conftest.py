"""Fixtures for the Discord layer: a recording webhook adapter, and set-up bots on an engine."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import discord
import pytest
from discord.webhook.async_ import async_context

from bot.__main__ import build_bot
from bot.bot import CoverBot
from tests.discord.harness import APP_ID, BOT_USER, RecordingAdapter, make_settings


@pytest.fixture
def adapter() -> RecordingAdapter:
    """Install a recording webhook adapter for interaction responses in this test."""
    recorder = RecordingAdapter()
    token = async_context.set(recorder)
    yield recorder
    async_context.reset(token)


@pytest.fixture
async def make_bot(tmp_path: Path) -> AsyncIterator[Callable[..., Any]]:
    """Return a factory of set-up (not connected) bots on a given engine and settings."""
    bots: list[CoverBot] = []

    async def make(engine: Any, **overrides: Any) -> CoverBot:
        settings = make_settings(tmp_path, **overrides)
        bot = build_bot(settings, engine)
        bot._connection.application_id = APP_ID
        bot._connection.user = discord.ClientUser(state=bot._connection, data=BOT_USER)
        await bot._async_setup_hook()
        await bot.setup_hook()
        bots.append(bot)
        return bot

    yield make
    for bot in bots:
        for view in bot.persistent_views:
            view.stop()

