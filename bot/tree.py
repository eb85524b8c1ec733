"""The command tree, whose ``on_error`` is the one place app-command errors become user text.

Known errors (see :func:`bot.errors.user_message`) are answered with their short text; anything
else is logged with its traceback and answered with an apology. The bot keeps serving either way.
A group that answered an error itself (``/coverage``'s refusals) marks the interaction with
:func:`mark_reported`, and the tree then says nothing more.

An interaction Discord no longer knows (10062: not acknowledged within its 3 s, as under a
burst the bot cannot keep up with) can be told nothing: it is counted and logged in one line, with
no traceback and no further request, so that an overloaded bot does not spend its time on them
(formatting a traceback costs more than acknowledging an interaction).
"""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.errors import APOLOGY, unwrap, user_message

log = logging.getLogger(__name__)

UNKNOWN_INTERACTION = 10062
"""Discord's error code for an interaction it no longer knows (acknowledged too late)."""

REPORTED = "coverbot.error_reported"
"""Key of ``Interaction.extras``: true once a group's own ``on_error`` answered the error."""


def mark_reported(interaction: discord.Interaction) -> None:
    """Note that ``interaction``'s error has been answered, so the tree does not answer again."""
    interaction.extras[REPORTED] = True


async def report_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the member what went wrong (briefly), and log unexpected errors with a traceback."""
    if interaction.extras.get(REPORTED):
        return
    if expired(error):
        note_expired(interaction)
        return
    text = user_message(error)
    if text is None:
        command = interaction.command.qualified_name if interaction.command else "?"
        log.error("Error in %s", command, exc_info=error)
        text = APOLOGY
    try:
        await send_notice(interaction, text)
    except discord.HTTPException as failure:
        if expired(failure):
            note_expired(interaction)
        else:
            log.warning("Could not tell the member about an error", exc_info=True)


def expired(error: BaseException) -> bool:
    """Tell whether ``error`` is Discord's "Unknown interaction" (10062)."""
    error = unwrap(error)
    return isinstance(error, discord.NotFound) and error.code == UNKNOWN_INTERACTION


def note_expired(interaction: discord.Interaction) -> None:
    """Log, in one line, an interaction that expired before the bot could acknowledge it."""
    command = interaction.command.qualified_name if interaction.command else "?"
    log.warning("/%s %s expired before it was acknowledged (10062)", command, interaction.id)


async def send_notice(interaction: discord.Interaction, text: str) -> None:
    """Send ``text`` as the interaction's reply, whatever state its response is in."""
    response = interaction.response
    if not response.is_done():
        await response.send_message(text, ephemeral=True)
    elif response.type == discord.InteractionResponseType.deferred_channel_message:
        await interaction.edit_original_response(content=text, embeds=[], view=None)
    else:
        await interaction.followup.send(text, ephemeral=True)


class CoverTree(app_commands.CommandTree):
    """A command tree that maps every error through :func:`report_error`."""

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError, /
    ) -> None:
        """Answer the member and log; never re-raise."""
        await report_error(interaction, error)
