"""Composition root: builds the engine, the feedback store, the ingestion library and the bot.

``coverbot run`` and ``coverbot sync`` call it with their settings. Nothing heavy happens at
import: the model and the index are loaded by :func:`serve`, in a thread, before the bot connects.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from typing import TYPE_CHECKING, Any

from bot.bot import CoverBot, create_bot
from bot.config import Settings
from bot.feedback import FeedbackStore
from bot.heap import freeze_startup_heap

if TYPE_CHECKING:
    from index.engine import Engine
    from index.ingest import Library

log = logging.getLogger(__name__)


class MissingTokenError(RuntimeError):
    """No Discord token is configured."""

    def __str__(self) -> str:
        return (
            "No Discord bot token configured: set COVERBOT_DISCORD_TOKEN in the environment or "
            "in .env (see the README, 'Running it on Discord')."
        )


def feedback_store(settings: Settings) -> FeedbackStore:
    """Return the feedback database under the data folder."""
    return FeedbackStore(settings.data_dir / "feedback.sqlite3")


def ingest_library(settings: Settings, engine: Engine) -> Library:
    """Return the ingestion library that ``/coverage add``, ``remove`` and the feeds change."""
    from index.ingest import Library

    return Library(settings.ingest_config(), engine)


def build_bot(settings: Settings, engine: Engine, **options: Any) -> CoverBot:
    """Return the bot wired to ``engine``, the feedback store and the library (not started)."""
    library = ingest_library(settings, engine)
    return create_bot(settings, engine, feedback_store(settings), library, **options)


def build_engine(settings: Settings) -> Engine:
    """Return the engine configured from ``settings`` (cheap: nothing is loaded yet)."""
    from index.engine import Engine

    return Engine(settings.engine_config())


def token_of(settings: Settings) -> str:
    """Return the Discord token, or raise :class:`MissingTokenError`."""
    token = settings.discord_token.get_secret_value().strip() if settings.discord_token else ""
    if not token:
        raise MissingTokenError()
    return token


WARM_UP_QUESTION = "what happened to zyxwvut?"
"""In lower case, so that it takes the path of a lower-case name, which looks words up in every
language's frequencies (``index.question.names.international``)."""


def warm_up(engine: Engine) -> None:
    """Ask the engine one question before members do (call off the loop).

    The first question loads what questions need on first use (the word frequencies of
    ``index.question.names`` in every language it checks, whose tables a first start on a machine
    writes once, and the encoder's first run) and, as it names something the coverage never
    mentions, what looking for a name does (the coverage's written words, read once per index:
    a second on 33,000 passages): time the first member, or under a burst the event loop,
    would otherwise wait for.
    """
    try:
        engine.ask(WARM_UP_QUESTION)
    except Exception:  # the bot serves anyway; each member's question reports its own error
        log.warning("The warm-up question failed", exc_info=True)


def _log_progress(stage: str, done: int, total: int) -> None:
    if total and done in (0, total):
        log.info("Index %s: %d/%d", stage, done, total)


async def serve(settings: Settings, engine: Engine | None = None) -> None:
    """Load (or build) the index off the loop, then run the bot until it is closed."""
    token = token_of(settings)
    engine = engine or build_engine(settings)
    info = await asyncio.to_thread(engine.load_or_build, _log_progress)
    log.info(
        "Serving index %s (%d articles, %d passages)", info.version, info.articles, info.passages
    )
    drift = await asyncio.to_thread(engine.corpus_changes)
    if drift:
        log.warning(
            "The corpus changed since index %s was built (%s); /coverage reload updates it",
            info.version,
            drift.summary(),
        )
    await asyncio.to_thread(warm_up, engine)
    bot = build_bot(settings, engine)
    freeze_startup_heap()
    async with bot:
        await bot.start(token)


async def sync(settings: Settings, guild_ids: list[int] | None) -> int:
    """Log in, sync the slash commands (globally, or to ``guild_ids``), and return how many."""
    token = token_of(settings)
    bot = build_bot(settings, build_engine(settings), sync_guilds_on_start=False)
    async with bot:
        await bot.login(token)
        return await bot.sync_commands(guild_ids)


if __name__ == "__main__":
    sys.exit("Start the bot with: coverbot run (or python -m coverbot run)")
