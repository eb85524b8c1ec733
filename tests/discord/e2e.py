"""Layer 3 helpers: the real bot, logged in to the loopback Discord of ``fakediscord``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.__main__ import build_bot
from bot.bot import CoverBot
from fakediscord import FakeDiscord, StoredMessage
from tests.discord.harness import make_settings

TOKEN = "test-token"  # noqa: S105 - the loopback Discord's token, not a secret


@asynccontextmanager
async def running_bot(
    tmp_path: Path, engine: Any, *, fake_options: dict[str, Any] | None = None, **overrides: Any
) -> AsyncIterator[tuple[FakeDiscord, CoverBot]]:
    """Start a loopback Discord and the bot on ``engine``; commands sync to its guild on start.

    ``fake_options`` go to ``FakeDiscord`` (guilds, members); ``overrides`` to the settings.
    """
    async with FakeDiscord(token=TOKEN, **(fake_options or {})) as fake:
        overrides.setdefault("guild_ids", [fake.guild.id])
        bot = build_bot(make_settings(tmp_path, **overrides), engine)
        await fake.start_client(bot, token=TOKEN)
        try:
            yield fake, bot
        finally:
            await fake.stop_client()


def buttons(message: StoredMessage) -> dict[str, dict[str, Any]]:
    """Return the message's buttons by label (or emoji)."""
    found: dict[str, dict[str, Any]] = {}
    for row in message.components:
        for button in row.get("components", []):
            name = button.get("label") or button.get("emoji", {}).get("name")
            found[name] = button
    return found


def last_message(fake: FakeDiscord, interaction_id: int) -> StoredMessage:
    """Return the last visible message of an interaction."""
    return fake.seen(interaction_id).messages[-1]
