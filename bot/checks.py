"""Who counts as a moderator, and the check that enforces it when a command runs.

Guild admins can override a command's ``default_permissions``, so every moderator command checks
again at run time: a moderator has Manage Server, or the role named (or with the id given) in
``settings.moderator_role``. Use :func:`moderator_only` as a decorator on any app command, or
call :func:`ensure_moderator` from an ``interaction_check``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import discord
from discord import app_commands

from bot.errors import NotModeratorError

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
    """Return ``True`` for a moderator; raise :class:`NotModeratorError` for anyone else."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    role = _configured_role(interaction)
    if not is_moderator(interaction.user, role, interaction.permissions):
        raise NotModeratorError("not a moderator")
    return True


def moderator_only() -> Callable[[T], T]:
    """Return a decorator that adds the run-time moderator check to an app command."""
    return app_commands.check(ensure_moderator)
