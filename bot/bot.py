"""The thin Bot subclass: intents, allowed mentions, what it serves, and its extensions.

The extensions are listed in :data:`EXTENSIONS` and loaded in :meth:`CoverBot.setup_hook`; a new
feature is a module with ``setup(bot)`` and one line there. Slash commands are synced
explicitly (``coverbot sync``), or for the configured guilds only when the bot starts; never
globally on every start.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.ask.conversations import ConversationStore
from bot.ask.pool import AnsweringPool, pool_for
from bot.config import Settings
from bot.feedback import FeedbackStore
from bot.tree import CoverTree

if TYPE_CHECKING:
    from index.engine import Engine
    from index.ingest import Library

log = logging.getLogger(__name__)


def _not_voice_notice(record: logging.LogRecord) -> bool:
    """Drop discord.py's "PyNaCl/davey is not installed" warnings: coverbot never uses voice."""
    return "voice will NOT be supported" not in record.getMessage()


logging.getLogger("discord.client").addFilter(_not_voice_notice)


def intents() -> discord.Intents:
    """Return the intents the bot needs: guilds and guild messages, nothing privileged.

    Without the message-content intent Discord still delivers the content of messages that
    mention the bot, which is all the mention handler reads.
    """
    wanted = discord.Intents.none()
    wanted.guilds = True
    wanted.guild_messages = True
    return wanted


EXTENSIONS = ("bot.ask.pool_report", "bot.ask.commands", "bot.coverage.extension")
"""The bot's features, loaded in this order: answering figures, questions, ``/coverage``."""


class CoverBot(commands.Bot):
    """coverbot on Discord; shards through :class:`ShardedCoverBot`."""

    def __init__(
        self,
        *,
        settings: Settings,
        engine: Engine,
        feedback: FeedbackStore,
        library: Library,
        answering: AnsweringPool | None = None,
        conversations: ConversationStore | None = None,
        sync_guilds_on_start: bool = True,
        **options: Any,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=CoverTree,
            help_command=None,
            **options,
        )
        self.settings = settings
        self.engine = engine
        self.feedback = feedback
        self.library = library
        self.answering = answering or answering_pool(settings, engine)
        self.conversations = conversations or conversation_store(settings)
        self.sync_guilds_on_start = sync_guilds_on_start

    async def setup_hook(self) -> None:
        """Load the extensions, then sync commands to the configured guilds if asked to."""
        for name in EXTENSIONS:
            await self.load_extension(name)
        if self.sync_guilds_on_start and self.settings.guild_ids:
            await self.sync_commands(self.settings.guild_ids)

    async def sync_commands(self, guild_ids: list[int] | None = None) -> int:
        """Sync the slash commands globally, or to each of ``guild_ids``; return how many."""
        if not guild_ids:
            synced = await self.tree.sync()
            log.info("Synced %d global commands", len(synced))
            return len(synced)
        count = 0
        for guild_id in guild_ids:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            count = len(await self.tree.sync(guild=guild))
            log.info("Synced %d commands to guild %s", count, guild_id)
        return count

    async def close(self) -> None:
        """Disconnect, then let the answering threads go."""
        try:
            await super().close()
        finally:
            self.answering.shutdown()

    async def on_message(self, message: discord.Message, /) -> None:
        """Do nothing here: there are no prefix commands; mentions are handled by the Ask cog."""

    async def on_ready(self) -> None:
        """Log who the bot is logged in as."""
        log.info("Logged in as %s (%s)", self.user, getattr(self.user, "id", "?"))


class ShardedCoverBot(CoverBot, commands.AutoShardedBot):
    """coverbot with discord.py's automatic sharding, for large deployments."""


def answering_pool(settings: Settings, engine: Engine) -> AnsweringPool:
    """Return the bot's answering pool, sized by the settings (or from this host)."""
    return pool_for(
        settings.answer_threads,
        settings.answer_queue_limit,
        settings.answer_max_wait_seconds,
        shared_calls=lambda: engine.queries.shares_calls,
    )


def conversation_store(settings: Settings) -> ConversationStore:
    """Return the store of the questions behind the bot's answers, in the data folder."""
    return ConversationStore(
        settings.data_dir / "conversations.sqlite3", settings.conversation_hours * 3600
    )


def create_bot(
    settings: Settings, engine: Engine, feedback: FeedbackStore, library: Library, **options: Any
) -> CoverBot:
    """Return a sharded or plain bot according to ``settings.sharded``."""
    options.setdefault("answering", answering_pool(settings, engine))
    kind = CoverBot
    if settings.sharded:
        kind = ShardedCoverBot
        if settings.shard_count is not None:
            options.setdefault("shard_count", settings.shard_count)
    return kind(settings=settings, engine=engine, feedback=feedback, library=library, **options)
