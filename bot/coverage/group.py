"""The ``/coverage`` group: its own commands, the moderator check, and its one error handler.

The group is hidden from non-moderators by ``default_permissions`` (Manage Server) and checked
again at run time: :meth:`CoverageGroup.add_command` attaches :func:`bot.checks.ensure_moderator`
to every command added, including those inside nested groups, so an extension cannot forget it.
An ingestion refusal (:class:`~index.ingest.IngestError`) raised by any subcommand is answered by
:meth:`CoverageGroup.on_error` with a "refused" embed; every other error goes to the tree's
handler (:mod:`bot.tree`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.checks import CHANGES_COVERAGE, ensure_coverage_scope, ensure_moderator
from bot.errors import unwrap
from bot.formatting.admin import (
    feedback_embed,
    progress_text,
    reload_done_text,
    reload_start_text,
    report_embed,
    sources_pages,
    status_embed,
)
from bot.formatting.ingest import refused_embed
from bot.paginator import EmbedPaginator
from bot.progress import ProgressRelay
from bot.tree import mark_reported
from index.ingest import IngestError

if TYPE_CHECKING:
    from bot.bot import CoverBot

log = logging.getLogger(__name__)

AnyCommand = app_commands.Command[Any, ..., Any] | app_commands.Group
StatusSection = Callable[["CoverBot", discord.Embed], Awaitable[None]]
"""Adds fields to the ``/coverage status`` embed (see :func:`add_status_section`)."""


def require_moderator(command: AnyCommand) -> None:
    """Attach the run-time moderator check to ``command`` and everything under it."""
    targets = list(command.walk_commands()) if isinstance(command, app_commands.Group) else []
    for target in [command, *targets]:
        if not isinstance(target, app_commands.Command):
            continue
        if ensure_moderator not in target.checks:
            target.add_check(ensure_moderator)
        if target.extras.get(CHANGES_COVERAGE) and ensure_coverage_scope not in target.checks:
            target.add_check(ensure_coverage_scope)


class CoverageGroup(app_commands.Group):
    """``/coverage``: reload, status, sources and feedback, plus what extensions add."""

    def __init__(self, bot: CoverBot) -> None:
        super().__init__(
            name="coverage",
            description="Moderator tools for the coverage the bot quotes",
            guild_only=True,
            default_permissions=discord.Permissions(manage_guild=True),
            allowed_contexts=app_commands.AppCommandContext(guild=True),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=False),
        )
        self.bot = bot
        self.status_sections: list[StatusSection] = []
        for command in self.commands:
            require_moderator(command)

    def add_command(self, command: AnyCommand, /, *, override: bool = False) -> None:
        """Add a subcommand (or a nested group) with the moderator check attached."""
        require_moderator(command)
        super().add_command(command, override=override)

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        """Answer an ingestion refusal with its embed (the tree then stays quiet); else pass."""
        refusal = unwrap(error)
        if not isinstance(refusal, IngestError):
            return
        mark_reported(interaction)
        embed = refused_embed(refusal_action(interaction.command), refusal)
        try:
            if interaction.response.is_done():
                await interaction.edit_original_response(embed=embed)
            else:
                await interaction.response.send_message(embed=embed)
        except discord.HTTPException:
            log.warning("Could not tell the moderator why a change was refused", exc_info=True)

    @app_commands.command(
        name="reload",
        description="Rebuild the index from the corpus folder",
        extras={CHANGES_COVERAGE: True},
    )
    async def reload(self, interaction: discord.Interaction) -> None:
        """Rebuild in a thread, edit the reply with progress, end with the report."""
        await interaction.response.defer(thinking=True)
        drift = await asyncio.to_thread(self.bot.engine.corpus_changes)
        await interaction.edit_original_response(content=reload_start_text(drift))
        report = await run_reload(self.bot, interaction, self.bot.settings.reload_progress_seconds)
        await interaction.edit_original_response(
            content=reload_done_text(drift), embed=report_embed(report)
        )

    @app_commands.command(name="status", description="Show the index version, size and model")
    async def status(self, interaction: discord.Interaction) -> None:
        """Show what the serving index is."""
        engine = self.bot.engine
        info = await asyncio.to_thread(engine.info)
        drift = await asyncio.to_thread(engine.corpus_changes)
        embed = status_embed(info, engine.rebuilding, drift)
        for section in self.status_sections:
            try:
                await section(self.bot, embed)
            except Exception:
                log.exception("A /coverage status section failed")
        await interaction.response.send_message(embed=embed, ephemeral=True)

    @app_commands.command(name="sources", description="List the articles in the index")
    async def sources(self, interaction: discord.Interaction) -> None:
        """List the indexed articles, a page at a time."""
        articles = await asyncio.to_thread(self.bot.engine.articles)
        paginator = EmbedPaginator(sources_pages(articles), interaction.user.id)
        await paginator.start(interaction, ephemeral=True)

    # Votes hold questions asked in every server: scoped like a change.
    @app_commands.command(
        name="feedback",
        description="Summarise the 👍/👎 votes on answers",
        extras={CHANGES_COVERAGE: True},
    )
    async def feedback(self, interaction: discord.Interaction) -> None:
        """Summarise the feedback database."""
        summary = await self.bot.feedback.asummary()
        await interaction.response.send_message(embed=feedback_embed(summary), ephemeral=True)


def refusal_action(
    command: app_commands.Command[Any, ..., Any] | app_commands.ContextMenu | None,
) -> str:
    """Return what was refused, named after the subcommand of ``/coverage``: "Add", "Feed"."""
    words = command.qualified_name.split() if command is not None else []
    return words[1].capitalize() if len(words) > 1 else "Change"


async def run_reload(bot: CoverBot, interaction: discord.Interaction, interval: float) -> Any:
    """Run ``engine.rebuild`` in a thread, relaying throttled progress to the reply."""

    async def publish(text: str) -> None:
        await interaction.edit_original_response(content=text)

    relay = ProgressRelay(progress_text, publish, interval)
    async with relay:
        return await asyncio.to_thread(bot.engine.rebuild, None, relay)


def coverage_group(bot: CoverBot) -> CoverageGroup:
    """Return the bot's ``/coverage`` group, creating and adding it to the tree on first use."""
    existing = bot.tree.get_command("coverage")
    if isinstance(existing, CoverageGroup):
        return existing
    group = CoverageGroup(bot)
    bot.tree.add_command(group)
    return group


def add_coverage_commands(bot: CoverBot, provider: app_commands.Group) -> list[str]:
    """Move the subcommands of ``provider`` under ``/coverage``; return their names."""
    group = coverage_group(bot)
    names: list[str] = []
    for command in provider.commands:
        group.add_command(command)
        names.append(command.name)
    return names


def remove_coverage_commands(bot: CoverBot, names: list[str]) -> None:
    """Remove the named subcommands from ``/coverage`` (for a cog's ``cog_unload``)."""
    group = coverage_group(bot)
    for name in names:
        group.remove_command(name)


def add_status_section(bot: CoverBot, section: StatusSection) -> None:
    """Have ``/coverage status`` await ``section(bot, embed)`` to add its own fields."""
    group = coverage_group(bot)
    if section not in group.status_sections:
        group.status_sections.append(section)


def remove_status_section(bot: CoverBot, section: StatusSection) -> None:
    """Stop calling ``section`` from ``/coverage status``."""
    group = coverage_group(bot)
    if section in group.status_sections:
        group.status_sections.remove(section)
