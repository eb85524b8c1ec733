"""``/coverage add``, ``remove``, ``restore`` and ``feed``: moderators grow the coverage.

The commands join the ``/coverage`` group (so they carry its moderator check, and its
``on_error`` answers their refusals) and call the bot's ingestion :class:`~index.ingest.Library`,
built where the bot is wired; a background task polls the feeds every ``feed_poll_minutes``.
:func:`add_ingest_status` is registered as a ``/coverage status`` section: feed health and the
audit summary.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.checks import CHANGES_COVERAGE, ensure_moderator
from bot.coverage.group import (
    add_coverage_commands,
    add_status_section,
    remove_coverage_commands,
    remove_status_section,
)
from bot.formatting import limits
from bot.formatting.ingest import (
    added_embed,
    feeds_embed,
    followed_embed,
    removed_embed,
    restored_embed,
    status_fields,
    unfollowed_text,
)
from index import SUPPORTED_SUFFIXES
from index.ingest import BadFileError, Library

if TYPE_CHECKING:
    from bot.bot import CoverBot

log = logging.getLogger(__name__)

CHOICE_MAX = 100
CHANGES = {CHANGES_COVERAGE: True}


def actor_of(interaction: discord.Interaction) -> str:
    """Return who acts, for the audit log: the Discord user id."""
    return f"discord:{interaction.user.id}"


async def _moderator(interaction: discord.Interaction) -> bool:
    try:
        return await ensure_moderator(interaction)
    except app_commands.AppCommandError:
        return False


def _choice(name: str, value: str) -> app_commands.Choice[str]:
    return app_commands.Choice(name=limits.cut_words(name, CHOICE_MAX), value=value[:CHOICE_MAX])


class IngestCommands(app_commands.Group):
    """Subcommands moved under ``/coverage``; this group's own name is never shown."""

    def __init__(self, library: Library) -> None:
        super().__init__(name="ingest", description="-")
        self.library = library

    @app_commands.command(
        name="add", description="Add an article by link or from a file", extras=CHANGES
    )
    @app_commands.describe(
        url="Link to the article's web page",
        file=f"An article file ({', '.join(SUPPORTED_SUFFIXES)})",
    )
    async def add(
        self,
        interaction: discord.Interaction,
        url: str | None = None,
        file: discord.Attachment | None = None,
    ) -> None:
        """Fetch or read the article, add it, rebuild, and reply with what was added."""
        if (url is None) == (file is None):
            await interaction.response.send_message(
                "Give either a link (`url:`) or a file (`file:`).", ephemeral=True
            )
            return
        await interaction.response.defer(thinking=True)
        if url is not None:
            result = await self.library.add_url(url, actor_of(interaction))
        else:
            assert file is not None  # noqa: S101 - checked above
            result = await self.library.add_download(
                file.filename, file.size, _reader(file), actor_of(interaction)
            )
        await interaction.edit_original_response(embed=added_embed(result))

    @app_commands.command(
        name="remove", description="Remove an article (kept in removed/)", extras=CHANGES
    )
    @app_commands.describe(article="The article's title")
    async def remove(self, interaction: discord.Interaction, article: str) -> None:
        """Move the article's file to the removed folder and rebuild."""
        await interaction.response.defer(thinking=True)
        result = await self.library.remove(article, actor_of(interaction))
        await interaction.edit_original_response(embed=removed_embed(result))

    @remove.autocomplete("article")
    async def remove_titles(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Offer the served titles containing what was typed (the file is the value)."""
        if not await _moderator(interaction):
            return []
        return [
            _choice(title, source if len(source) <= CHOICE_MAX else title)
            for title, source in self.library.titles(current, 25)
        ]

    @app_commands.command(name="restore", description="Put a removed article back", extras=CHANGES)
    @app_commands.describe(
        article="The removed article's title, or part of it (default: the latest removal)"
    )
    async def restore(self, interaction: discord.Interaction, article: str | None = None) -> None:
        """Move a removed file back into the corpus and rebuild."""
        await interaction.response.defer(thinking=True)
        result = await self.library.restore(article, actor_of(interaction))
        await interaction.edit_original_response(embed=restored_embed(result))

    @restore.autocomplete("article")
    async def restore_titles(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Offer the removed articles whose title contains what was typed."""
        if not await _moderator(interaction):
            return []
        folded = current.casefold()
        items = [i for i in self.library.removed() if folded in i.title.casefold()]
        return [_choice(i.title, i.removed_path) for i in items[:25]]

    feed = app_commands.Group(name="feed", description="RSS and Atom feeds polled for articles")

    @feed.command(
        name="add", description="Follow a feed; its new entries are added", extras=CHANGES
    )
    @app_commands.describe(url="Link to the RSS or Atom feed")
    async def feed_add(self, interaction: discord.Interaction, url: str) -> None:
        """Follow the feed, poll it once, and say what it added."""
        await interaction.response.defer(thinking=True)
        info = await self.library.feeds.follow(url, actor_of(interaction))
        first = await self.library.feeds.poll(info.url)
        await interaction.edit_original_response(embed=followed_embed(info, first))

    @feed.command(name="remove", description="Stop following a feed", extras=CHANGES)
    @app_commands.describe(url="The feed's link")
    async def feed_remove(self, interaction: discord.Interaction, url: str) -> None:
        """Unfollow the feed; the articles it added stay."""
        info = await self.library.feeds.unfollow(url, actor_of(interaction))
        await interaction.response.send_message(unfollowed_text(info))

    @feed_remove.autocomplete("url")
    async def feed_urls(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Offer the followed feeds."""
        if not await _moderator(interaction):
            return []
        feeds = await self.library.feeds.followed()
        wanted = current.casefold()
        matching = [f for f in feeds if wanted in f"{f.url} {f.title or ''}".casefold()]
        return [_choice(f.title or f.url, f.url) for f in matching[:25] if len(f.url) <= 100]

    @feed.command(name="list", description="List the feeds and how their last poll went")
    async def feed_list(self, interaction: discord.Interaction) -> None:
        """Show every followed feed with its last error, if any."""
        feeds = await self.library.feeds.followed()
        await interaction.response.send_message(embed=feeds_embed(feeds), ephemeral=True)


def _reader(file: discord.Attachment) -> Callable[[], Awaitable[bytes]]:
    async def read() -> bytes:
        try:
            return await file.read()
        except discord.HTTPException:
            raise BadFileError("the attachment could not be downloaded from Discord") from None

    return read


class CoverageIngest(commands.Cog):
    """Adds the ingestion commands to ``/coverage`` and polls the feeds in the background."""

    def __init__(self, bot: CoverBot) -> None:
        self.bot = bot
        self.library: Library = bot.library
        self.names: list[str] = []

    async def cog_load(self) -> None:
        """Join ``/coverage`` (polling starts once the bot is connected)."""
        self.names = add_coverage_commands(self.bot, IngestCommands(self.library))
        add_status_section(self.bot, add_ingest_status)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        """Start polling the feeds (unless ``feed_poll_minutes`` is 0); once, despite resumes."""
        minutes = self.bot.settings.feed_poll_minutes
        if minutes > 0 and not self.poll_feeds.is_running():
            self.poll_feeds.change_interval(minutes=minutes)
            self.poll_feeds.start()

    async def cog_unload(self) -> None:
        """Stop polling and leave ``/coverage``."""
        self.poll_feeds.cancel()
        remove_status_section(self.bot, add_ingest_status)
        remove_coverage_commands(self.bot, self.names)

    @tasks.loop(minutes=30)
    async def poll_feeds(self) -> None:
        """Poll every feed; failures are stored per feed and never stop the loop."""
        try:
            results = await self.library.feeds.poll_all()
        except Exception:
            log.exception("feed polling failed")
            return
        for result in results:
            if result.error:
                log.warning("feed %s failed: %s", result.feed_url, result.error)
            elif result.added:
                log.info("feed %s: %d article(s) added", result.feed_url, len(result.added))


async def add_ingest_status(bot: CoverBot, embed: discord.Embed) -> None:
    """Add feed health and the audit summary to a ``/coverage status`` embed."""
    status = await bot.library.status()
    for name, value in status_fields(status):
        if len(embed.fields) < limits.EMBED_FIELDS:
            embed.add_field(name=name, value=value, inline=False)
