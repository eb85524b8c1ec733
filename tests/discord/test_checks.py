"""Who is a moderator, the per-member cooldown, and the table that turns errors into replies."""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from bot.ask.cooldown import UserCooldowns
from bot.checks import is_moderator
from bot.errors import (
    APOLOGY,
    BUSY,
    BusyError,
    CoverageScopeError,
    NotModeratorError,
    QuestionTooLongError,
    user_message,
)
from index import errors as engine
from index.ingest import FeedError
from tests.discord.harness import BOT_USER, MANAGE_GUILD, command_payload, interaction

MOD_ROLE = 555_000_000_000_000_001


def member_interaction(permissions: str = "0", roles: tuple[int, ...] = ()) -> discord.Interaction:
    """Return an interaction from a server member with these permissions and role ids."""
    client = discord.Client(intents=discord.Intents.none())
    client._connection.user = discord.ClientUser(state=client._connection, data=BOT_USER)
    return interaction(client, command_payload("ask", permissions=permissions, roles=roles))


@pytest.mark.parametrize(
    ("permissions", "roles", "configured", "expected"),
    [
        (MANAGE_GUILD, (), None, True),  # Manage Server is enough, whatever the role
        ("0", (), None, False),  # no permission, no role configured
        ("0", (MOD_ROLE,), str(MOD_ROLE), True),  # the role by id, guild roles not cached
        ("0", (MOD_ROLE,), f" {MOD_ROLE} ", True),  # the id as typed in .env, with spaces
        ("0", (MOD_ROLE + 1,), str(MOD_ROLE), False),  # another role
    ],
)
def test_a_moderator_has_manage_server_or_the_configured_role(
    permissions: str, roles: tuple[int, ...], configured: str | None, expected: bool
) -> None:
    """Manage Server, or the role given by id in the settings; nobody else."""
    asked = member_interaction(permissions, roles)
    assert is_moderator(asked.user, configured, asked.permissions) is expected


def test_someone_outside_a_server_is_never_a_moderator() -> None:
    """A user met in DMs is no member, so no moderator, even with the role id configured."""
    asked = member_interaction(MANAGE_GUILD, (MOD_ROLE,))
    user = discord.User(state=asked._state, data={**BOT_USER, "id": "7", "bot": False})
    assert not is_moderator(user, str(MOD_ROLE))


def test_the_cooldown_counts_each_member_apart() -> None:
    """Two questions per minute each: the third is refused with the wait; others still ask."""
    cooldowns = UserCooldowns(rate=2, per=60)
    cooldowns.hit(1)
    cooldowns.hit(1)
    with pytest.raises(app_commands.CommandOnCooldown) as refused:
        cooldowns.hit(1)
    assert 0 < refused.value.retry_after <= 60
    cooldowns.hit(2)
    cooldowns.hit(2)


def test_a_rate_of_zero_turns_the_cooldown_off() -> None:
    """With ``cooldown_rate`` 0 nobody is ever told to wait."""
    cooldowns = UserCooldowns(rate=0, per=60)
    for _ in range(100):
        cooldowns.hit(1)


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (NotModeratorError("x"), "Only moderators (Manage Server, or the moderator role)"),
        (CoverageScopeError(5, 2, named=True), "only the servers\nnamed"),
        (CoverageScopeError(5, 2, named=False), "COVERBOT_COVERAGE_GUILD_IDS=[5]"),
        (QuestionTooLongError(900, 500), "900 characters long; please keep it under 500"),
        (BusyError(), BUSY),
        (engine.RebuildInProgressError("x"), "A reload is already running"),
        (engine.QuestionError("empty"), "I can't ask that: empty"),
        (engine.IndexMissingError("x"), "isn't indexed yet"),
        (engine.CorpusError("no folder"), "The corpus folder can't be used: no folder"),
        (engine.IndexCorruptError("bad hash"), "can't be used: bad hash. A moderator"),
        (engine.IndexMismatchError("other model"), "can't be used: other model."),
        (engine.ModelLoadError("x"), "language model could not be loaded"),
        (FeedError("not following x"), "not following x"),  # any other engine error: its text
        (app_commands.NoPrivateMessage(), "only works in a server"),
        (app_commands.MissingPermissions(["manage_guild"]), "Only moderators can use"),
        (app_commands.CheckFailure(), "You can't use this command here."),
    ],
)
def test_every_known_error_has_its_short_reply(error: Exception, shown: str) -> None:
    """The first matching row of the table gives the reply; its gist is in the text."""
    text = user_message(error)
    assert text is not None and shown.replace("\n", " ") in text.replace("\n", " ")


def test_the_cooldown_reply_says_how_long_to_wait() -> None:
    """A member asking too quickly is told the wait in whole seconds."""
    cooldown = app_commands.Cooldown(1, 60)
    assert "wait 42 s" in str(user_message(app_commands.CommandOnCooldown(cooldown, 42.3)))


def test_a_command_error_is_looked_up_by_its_cause_and_the_unexpected_by_no_one() -> None:
    """discord.py's wrapper is looked through; an unknown error has no reply (an apology)."""
    command = app_commands.Command(name="x", description="x", callback=_noop)
    wrapped = app_commands.CommandInvokeError(command, engine.IndexMissingError("x"))
    assert "isn't indexed yet" in str(user_message(wrapped))
    assert user_message(ValueError("secret path /etc/x")) is None
    assert user_message(app_commands.CommandInvokeError(command, KeyError("k"))) is None
    assert "try again later" in APOLOGY


async def _noop(interaction: discord.Interaction) -> None:
    """Do nothing (a callback for a command object)."""
