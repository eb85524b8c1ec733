"""The bot's own exceptions, and the one table that turns any error into text for the user.

Order of the mapping (first match wins): the bot's exceptions (moderator only, question too long,
busy, cooldown), then the engine's domain errors from ``index.errors``, then discord.py's check
failures. Anything else is unexpected: the user gets a short apology and the log a traceback
(see :mod:`bot.tree`).
"""

from __future__ import annotations

from discord import app_commands

from bot.formatting.markdown import escape
from index import errors as engine

APOLOGY = "Sorry, something went wrong on my side while answering. Please try again later."
BUSY = "I'm busy answering a lot of questions right now; please try again in a moment."


class NotModeratorError(app_commands.CheckFailure):
    """The member may not use a moderator command."""


class CoverageScopeError(app_commands.CheckFailure):
    """A server may not change the coverage, which every server the bot is in shares."""

    def __init__(self, guild_id: int, servers: int, named: bool) -> None:
        super().__init__(f"guild {guild_id} may not change the coverage")
        self.guild_id = guild_id
        self.servers = servers
        self.named = named


class QuestionTooLongError(app_commands.AppCommandError):
    """The question is longer than the configured cap."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(f"question of {length} characters, cap {limit}")
        self.length = length
        self.limit = limit


class BusyError(app_commands.AppCommandError):
    """Too many questions are waiting (see :mod:`bot.ask.pool`); the member may try again."""


def unwrap(error: BaseException) -> BaseException:
    """Return the exception a command raised, out of discord.py's ``CommandInvokeError``."""
    if isinstance(error, app_commands.CommandInvokeError):
        return error.original
    return error


def user_message(error: BaseException) -> str | None:
    """Return the text to show for ``error``, or ``None`` when it is unexpected."""
    error = unwrap(error)
    if isinstance(error, NotModeratorError):
        return "Only moderators (Manage Server, or the moderator role) can use this command."
    if isinstance(error, CoverageScopeError):
        return _scope_message(error)
    if isinstance(error, QuestionTooLongError):
        return (
            f"Your question is {error.length} characters long; please keep it under "
            f"{error.limit} characters."
        )
    if isinstance(error, BusyError):
        return BUSY
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"You're asking quickly! Please wait {error.retry_after:.0f} s and ask again."
    return _engine_message(error) or _discord_message(error)


def _scope_message(error: CoverageScopeError) -> str:
    if error.named:
        return (
            "This server can't change the coverage: the bot's operator lets only the servers "
            f"named in COVERBOT_COVERAGE_GUILD_IDS change it, and this one ({error.guild_id}) "
            "is not among them."
        )
    return (
        f"The coverage is shared by all {error.servers} servers this bot is in, so the bot's "
        "operator must name the servers whose moderators may change it: "
        f"COVERBOT_COVERAGE_GUILD_IDS=[{error.guild_id}] in .env (this server's id)."
    )


def _engine_message(error: BaseException) -> str | None:
    if isinstance(error, engine.RebuildInProgressError):
        return "A reload is already running; I'll keep answering from the current index."
    if isinstance(error, engine.QuestionError):
        return f"I can't ask that: {escape(str(error))}"
    if isinstance(error, engine.IndexMissingError):
        return "The coverage isn't indexed yet. A moderator can build it with `/coverage reload`."
    if isinstance(error, engine.CorpusError):
        return f"The corpus folder can't be used: {escape(str(error))}"
    if isinstance(error, engine.IndexCorruptError | engine.IndexMismatchError):
        return (
            f"The coverage index can't be used: {escape(str(error))}. "
            "A moderator can run `/coverage reload`."
        )
    if isinstance(error, engine.ModelLoadError):
        return "The language model could not be loaded; please tell a moderator."
    if isinstance(error, engine.CoverbotError):
        return escape(str(error)) or None
    return None


def _discord_message(error: BaseException) -> str | None:
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server."
    if isinstance(error, app_commands.MissingPermissions | app_commands.MissingRole):
        return "Only moderators can use this command."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    return None
