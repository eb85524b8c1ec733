"""Fixtures for the Discord layer: settings, small corpora, bots wired to the real engine."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import discord
import pytest
from discord.webhook.async_ import async_context

from bot.__main__ import build_bot
from bot.bot import CoverBot
from coverbot.settings import Settings
from tests.discord.harness import APP_ID, BOT_USER, BOT_USER_ID, RecordingAdapter

SEED_CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEED_QUESTION = "How much did the Oregon sheriff's office pay to upload its photos?"


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Return settings for a test: data under ``tmp_path``, generous cooldown, no .env file."""
    values: dict[str, Any] = {
        "discord_token": "test-token",
        "data_dir": tmp_path / "data",
        "corpus_dir": SEED_CORPUS,
        "index_dir": tmp_path / "index",
        "cooldown_rate": 100,
        "reload_progress_seconds": 0.05,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def write_article(folder: Path, name: str, title: str, text: str, **meta: str) -> Path:
    """Write one Markdown article with front matter into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    front = "\n".join(f"{k}: {v}" for k, v in {"title": title, **meta}.items())
    path = folder / name
    path.write_text(f"---\n{front}\n---\n\n{text}\n", encoding="utf-8")
    return path


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


__all__ = ["BOT_USER_ID", "SEED_QUESTION", "make_settings", "write_article"]
