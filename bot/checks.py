"""Who counts as a moderator, and the check that enforces it when a command runs.

Guild admins can override a command's ``default_permissions``, so every moderator command checks
again at run time: a moderator has Manage Server, or the role named (or with the id given) in
``settings.moderator_role``. Call :func:`ensure_moderator` from an ``interaction_check``.
"""

from __future__ import annotations

from typing import TypeVar

import discord
from discord import app_commands

from bot.errors import CoverageScopeError, NotModeratorError

T = TypeVar("T")


def is_moderator(
    member: discord.abc.User,
    moderator_role: str | None,
    permissions: discord.Permissions | None = None,
) -> bool:
    """Return whether ``member`` has Manage Server or the configured moderator role.

    ``permissions`` are the member's resolved permissions when Discord sent them (interactions
    do); otherwise they are computed from the cached guild.
    """
    if not isinstance(member, discord.Member):
        return False
    if (permissions or member.guild_permissions).manage_guild:
        return True
    if not moderator_role:
        return False
    wanted = moderator_role.strip().lower()
    if wanted.isdigit() and member.get_role(int(wanted)) is not None:
        return True
    # Role ids arrive with the member even when the guild's roles are not cached.
    if wanted.isdigit() and int(wanted) in getattr(member, "_roles", ()):
        return True
    return any(role.name.lower() == wanted for role in member.roles)


def _configured_role(interaction: discord.Interaction) -> str | None:
    settings = getattr(interaction.client, "settings", None)
    return getattr(settings, "moderator_role", None)


async def ensure_moderator(interaction: discord.Interaction) -> bool:
    """Return ``True`` for a moderator; raise :class:`NotModeratorError` for anyone else.

    Only in a server that installed the bot: not in DMs, nor through a member's own install.
    """
    if interaction.guild_id is None or not interaction.is_guild_integration():
        raise app_commands.NoPrivateMessage()
    role = _configured_role(interaction)
    if not is_moderator(interaction.user, role, interaction.permissions):
        raise NotModeratorError("not a moderator")
    return True


CHANGES_COVERAGE = "changes_coverage"
"""Key of an app command's ``extras``: true when the command changes (or reveals) the shared
coverage, so only the servers the operator names may use it."""


def may_change_coverage(guild_id: int, named: list[int], servers: int) -> bool:
    """Return whether server ``guild_id`` may change the coverage every server shares.

    Named servers only; with none named, only while the bot is in a single server.
    """
    return guild_id in named if named else servers <= 1


async def ensure_coverage_scope(interaction: discord.Interaction) -> bool:
    """Raise :class:`CoverageScopeError` unless this server may change the coverage."""
    settings = getattr(interaction.client, "settings", None)
    named = list(getattr(settings, "coverage_guild_ids", None) or [])
    guild_id = interaction.guild_id or 0
    servers = len(interaction.client.guilds)
    if not may_change_coverage(guild_id, named, servers):
        raise CoverageScopeError(guild_id, servers, bool(named))
    return True
