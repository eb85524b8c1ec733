"""The ``/coverage`` extension: the group in the bot's tree, the ingestion commands in the group."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.coverage.group import coverage_group
from bot.coverage.ingest import CoverageIngest

if TYPE_CHECKING:
    from bot.bot import CoverBot


async def setup(bot: CoverBot) -> None:
    """Add the group to the bot's command tree, and the ingestion commands to the group."""
    coverage_group(bot)
    await bot.add_cog(CoverageIngest(bot))


async def teardown(bot: CoverBot) -> None:
    """Remove the ingestion cog (it stops polling and leaves the group), then the group."""
    await bot.remove_cog(CoverageIngest.__cog_name__)
    bot.tree.remove_command("coverage")
