"""Registers the ``/coverage`` moderator group (see :mod:`bot.coverage`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.coverage import coverage_group

if TYPE_CHECKING:
    from bot.bot import CoverBot


async def setup(bot: CoverBot) -> None:
    """Add the group to the bot's command tree."""
    coverage_group(bot)


async def teardown(bot: CoverBot) -> None:
    """Remove the group from the tree."""
    bot.tree.remove_command("coverage")
