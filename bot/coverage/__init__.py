"""``/coverage``: the moderator tools, one feature package.

* :mod:`bot.coverage.group`: the group itself (reload, status, sources, feedback), its run-time
  moderator check and its one ``on_error``, which answers ingestion refusals;
* :mod:`bot.coverage.ingest`: add, remove, restore and feeds, on the bot's ingestion library,
  with the background feed polling;
* :mod:`bot.coverage.extension`: the extension the bot loads. It is a module of its own because
  discord.py forgets an extension's modules when it unloads it (a closing bot does): the group's
  class, which other extensions and tests hold, must outlive that.

Other extensions add subcommands and ``/coverage status`` sections through the functions
exported here. Say ``bot/curation/extension.py`` (listed in :data:`bot.bot.EXTENSIONS`)::

    class CurationCommands(app_commands.Group):
        '''Subcommands that join /coverage; the provider's own name is never shown.'''

        def __init__(self, bot: CoverBot) -> None:
            super().__init__(name="curation", description="-")
            self.bot = bot

        @app_commands.command(name="add", description="Add an article by link")
        async def add(self, interaction: discord.Interaction, url: str) -> None: ...

        feed = app_commands.Group(name="feed", description="RSS and Atom feeds")

        @feed.command(name="list", description="List the feeds")
        async def feed_list(self, interaction: discord.Interaction) -> None: ...

    class Curation(commands.Cog):
        def __init__(self, bot: CoverBot) -> None:
            self.bot = bot
            self.names: list[str] = []

        async def cog_load(self) -> None:
            self.names = add_coverage_commands(self.bot, CurationCommands(self.bot))
            add_status_section(self.bot, curation_status)  # optional: lines in /coverage status

        async def cog_unload(self) -> None:
            remove_coverage_commands(self.bot, self.names)
            remove_status_section(self.bot, curation_status)

    async def curation_status(bot: CoverBot, embed: discord.Embed) -> None:
        embed.add_field(name="Feeds", value="2 followed, 0 failing")

    async def setup(bot: CoverBot) -> None:
        await bot.add_cog(Curation(bot))

Single commands work too: ``coverage_group(bot).add_command(app_commands.Command(...))``. Add
commands before the tree is synced (that is, from ``setup``/``cog_load``); at most 25 per group.
"""

from bot.coverage.group import (
    CoverageGroup,
    StatusSection,
    add_coverage_commands,
    add_status_section,
    coverage_group,
    remove_coverage_commands,
    remove_status_section,
)

__all__ = [
    "CoverageGroup",
    "StatusSection",
    "add_coverage_commands",
    "add_status_section",
    "coverage_group",
    "remove_coverage_commands",
    "remove_status_section",
]
