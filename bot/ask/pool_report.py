"""The answering pool's figures: a section of ``/coverage status``, and a line in the log.

Queued, answered and refused for load (see :mod:`bot.ask.pool`) are logged once a minute while
they change, so a busy spell shows in the log without a line per question.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands, tasks

from bot.ask.pool import AnsweringFigures
from bot.coverage import add_status_section, remove_status_section

if TYPE_CHECKING:
    from bot.bot import CoverBot

log = logging.getLogger(__name__)
LOG_SECONDS = 60.0


def figures_text(figures: AnsweringFigures) -> str:
    """Return the figures as one short paragraph for the status embed."""
    return (
        f"{figures.queued} waiting now (peak {figures.peak_queued}, limit {figures.limit}) · "
        f"{figures.answered} answered · {figures.refused} refused for load (busy) · "
        f"{figures.failed} failed · {figures.threads} threads · {figures.rate:.1f} answers/s"
    )


async def answering_status(bot: CoverBot, embed: discord.Embed) -> None:
    """Add the answering figures to the ``/coverage status`` embed."""
    embed.add_field(name="Answering", value=figures_text(bot.answering.figures()), inline=False)


class AnsweringFiguresCog(commands.Cog, name="Answering"):
    """Shows the answering pool's figures to moderators and in the log."""

    def __init__(self, bot: CoverBot) -> None:
        self.bot = bot
        self.last: tuple[int, int, int, int] | None = None

    async def cog_load(self) -> None:
        """Join ``/coverage status`` and start logging."""
        add_status_section(self.bot, answering_status)
        self.log_figures.start()

    async def cog_unload(self) -> None:
        """Leave ``/coverage status`` and stop logging."""
        remove_status_section(self.bot, answering_status)
        self.log_figures.cancel()

    @tasks.loop(seconds=LOG_SECONDS)
    async def log_figures(self) -> None:
        """Log the figures when they changed since the last line."""
        figures = self.bot.answering.figures()
        key = (figures.queued, figures.answered, figures.refused, figures.failed)
        if key != self.last and figures.answered + figures.refused + figures.failed:
            log.info("Answering: %s", figures_text(figures))
        self.last = key


async def setup(bot: CoverBot) -> None:
    """Add the cog."""
    await bot.add_cog(AnsweringFiguresCog(bot))
