"""A view that pages through embeds with ◀ ▶ buttons, for the member who asked."""

from __future__ import annotations

import logging
from typing import Any

import discord

log = logging.getLogger(__name__)


class EmbedPaginator(discord.ui.View):
    """Show ``pages`` one at a time; only ``owner_id`` may turn them."""

    def __init__(self, pages: list[discord.Embed], owner_id: int, timeout: float = 300.0) -> None:
        super().__init__(timeout=timeout)
        self.pages = pages
        self.owner_id = owner_id
        self.index = 0
        self._interaction: discord.Interaction | None = None
        self._sync_buttons()

    async def start(self, interaction: discord.Interaction, *, ephemeral: bool = False) -> None:
        """Send the first page as the interaction's reply (no buttons for a single page)."""
        self._interaction = interaction
        if len(self.pages) <= 1:
            await interaction.response.send_message(embed=self.pages[0], ephemeral=ephemeral)
            self.stop()
            return
        await interaction.response.send_message(embed=self.pages[0], view=self, ephemeral=ephemeral)

    def _sync_buttons(self) -> None:
        self.previous.disabled = self.index == 0
        self.next.disabled = self.index >= len(self.pages) - 1

    async def _show(self, interaction: discord.Interaction, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        self._sync_buttons()
        await interaction.response.edit_message(embed=self.pages[self.index], view=self)

    @discord.ui.button(label="◀", style=discord.ButtonStyle.secondary)
    async def previous(
        self, interaction: discord.Interaction, button: discord.ui.Button[Any]
    ) -> None:
        """Show the previous page."""
        await self._show(interaction, self.index - 1)

    @discord.ui.button(label="▶", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        """Show the next page."""
        await self._show(interaction, self.index + 1)

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        """Let only the member who asked turn the pages."""
        if interaction.user.id == self.owner_id:
            return True
        await interaction.response.send_message(
            "These pages belong to someone else.", ephemeral=True
        )
        return False

    async def on_timeout(self) -> None:
        """Disable the buttons through the original interaction."""
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self._interaction is None:
            return
        try:
            await self._interaction.edit_original_response(view=self)
        except discord.HTTPException:
            log.debug("Could not disable the page buttons", exc_info=True)
