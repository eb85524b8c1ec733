"""The fake guild's cast: users, roles, members, channels, and their Discord JSON payloads.

These are plain dataclasses a test builds (or takes from the defaults) and hands to
``FakeDiscord``; the ``*_payload`` functions render them the way Discord's API does, with every
field discord.py 2.7 reads without a default.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000
ADMINISTRATOR = 1 << 3
ALL_PERMISSIONS = (1 << 53) - 1
# @everyone in a fresh guild: view channels, send messages, embed links, attach files,
# read history, use application commands (roughly Discord's default set).
DEFAULT_EVERYONE_PERMISSIONS = (
    (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 31) | (1 << 38)
)
SEND_MESSAGES_IN_THREADS = 1 << 38
THREAD_TYPES = (10, 11, 12)
"""Announcement, public and private threads: they take their permissions from their parent."""
MANAGE_GUILD = 1 << 5
VIEW_CHANNEL, SEND_MESSAGES, EMBED_LINKS, ATTACH_FILES = 1 << 10, 1 << 11, 1 << 14, 1 << 15
READ_MESSAGE_HISTORY, ADD_REACTIONS, MENTION_EVERYONE, SEND_TTS = 1 << 16, 1 << 6, 1 << 17, 1 << 12
# app_permissions where the app has no bot member (Discord's docs): in DMs and group DMs,
# Attach Files, Embed Links and Mention Everyone; in the DM with the app's bot, also Use External
# Emojis. A guild reached through a user install is given the same set here.
APP_PERMISSIONS_PRIVATE = ATTACH_FILES | EMBED_LINKS | MENTION_EVERYONE
APP_PERMISSIONS_BOT_DM = APP_PERMISSIONS_PRIVATE | (1 << 18)

_counter = itertools.count(1)


def snowflake() -> int:
    """Return a new, increasing snowflake whose timestamp is now (so discord.py can date it)."""
    ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return (ms << 22) | (next(_counter) % (1 << 22))


def iso_now() -> str:
    """Return the current time as Discord's ISO-8601 timestamp."""
    return datetime.now(UTC).isoformat()


@dataclass
class FakeUser:
    """A Discord user account."""

    id: int = field(default_factory=snowflake)
    username: str = "user"
    bot: bool = False
    global_name: str | None = None


@dataclass
class FakeRole:
    """A guild role with a permissions bitfield."""

    id: int = field(default_factory=snowflake)
    name: str = "role"
    permissions: int = 0
    position: int = 1


@dataclass
class FakeMember:
    """A user's membership in the guild: role ids and an optional nickname."""

    user: FakeUser = field(default_factory=FakeUser)
    roles: list[int] = field(default_factory=list)
    nick: str | None = None


@dataclass(frozen=True)
class FakeOverwrite:
    """A channel permission overwrite of a role (type 0; @everyone: the guild id) or member (1)."""

    id: int
    type: int = 0
    allow: int = 0
    deny: int = 0


@dataclass
class FakeChannel:
    """A guild channel (type 0 is a text channel) with its permission overwrites."""

    id: int = field(default_factory=snowflake)
    name: str = "general"
    type: int = 0
    position: int = 0
    overwrites: list[FakeOverwrite] = field(default_factory=list)
    parent_id: int | None = None
    """A thread's channel (type 11: a public thread)."""

    @property
    def thread(self) -> bool:
        """Tell whether the channel is a thread."""
        return self.type in THREAD_TYPES


@dataclass
class FakeGuild:
    """A guild: its channels and roles. The @everyone role has the guild's id."""

    id: int = field(default_factory=snowflake)
    name: str = "Coverage Guild"
    channels: list[FakeChannel] = field(default_factory=lambda: [FakeChannel()])
    roles: list[FakeRole] = field(default_factory=list)
    owner_id: int = 0
    everyone_permissions: int = DEFAULT_EVERYONE_PERMISSIONS

    def all_roles(self) -> list[FakeRole]:
        """Return the roles including @everyone (id == guild id)."""
        everyone = FakeRole(
            id=self.id, name="@everyone", permissions=self.everyone_permissions, position=0
        )
        return [everyone, *self.roles]


@dataclass
class FakeAttachment:
    """A file the fake serves on loopback, usable as an attachment option's value."""

    id: int
    filename: str
    data: bytes
    content_type: str
    url: str = ""

    def payload(self) -> dict[str, Any]:
        """Render as a Discord attachment object."""
        return {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": self.url,
            "proxy_url": self.url,
            "content_type": self.content_type,
        }


def default_guild() -> FakeGuild:
    """Return a guild with #general and a Moderator role (Manage Server)."""
    guild = FakeGuild()
    guild.roles.append(FakeRole(name="Moderator", permissions=MANAGE_GUILD, position=1))
    return guild


def default_members(guild: FakeGuild) -> list[FakeMember]:
    """Return two human members: ``alice`` (no role) and ``mod`` (the guild's first role)."""
    mod_roles = [guild.roles[0].id] if guild.roles else []
    return [
        FakeMember(user=FakeUser(username="alice")),
        FakeMember(user=FakeUser(username="mod"), roles=mod_roles),
    ]


def member_permissions(guild: FakeGuild, member: FakeMember) -> int:
    """Compute a member's guild-level permissions the way Discord does (owner/admin: all)."""
    if member.user.id == guild.owner_id:
        return ALL_PERMISSIONS
    perms = 0
    for role in guild.all_roles():
        if role.id == guild.id or role.id in member.roles:
            perms |= role.permissions
    return ALL_PERMISSIONS if perms & ADMINISTRATOR else perms


def channel_permissions(guild: FakeGuild, member: FakeMember, channel: FakeChannel) -> int:
    """Compute a member's permissions in a channel: Discord's overwrite order and implicit rules.

    Base (roles) → @everyone overwrite → role overwrites together → member overwrite. Without
    View Channel nothing is left; without Send Messages, neither are Embed Links, Attach Files,
    Mention Everyone nor TTS (Discord's "implicit permissions").
    """
    if channel.thread:
        parent = next((c for c in guild.channels if c.id == channel.parent_id), FakeChannel())
        perms = channel_permissions(guild, member, parent)
        # In a thread, sending takes Send Messages in Threads instead of Send Messages.
        return perms | SEND_MESSAGES if perms & SEND_MESSAGES_IN_THREADS else perms & ~SEND_MESSAGES
    perms = member_permissions(guild, member)
    if perms & ADMINISTRATOR or perms == ALL_PERMISSIONS:
        return ALL_PERMISSIONS
    by_id = {o.id: o for o in channel.overwrites}
    everyone = by_id.get(guild.id)
    if everyone is not None:
        perms = (perms & ~everyone.deny) | everyone.allow
    allow = deny = 0
    for overwrite in channel.overwrites:
        if overwrite.type == 0 and overwrite.id in member.roles:
            allow, deny = allow | overwrite.allow, deny | overwrite.deny
    perms = (perms & ~deny) | allow
    own = by_id.get(member.user.id)
    if own is not None and own.type == 1:
        perms = (perms & ~own.deny) | own.allow
    if not perms & VIEW_CHANNEL:
        return 0
    if not perms & SEND_MESSAGES:
        perms &= ~(EMBED_LINKS | ATTACH_FILES | MENTION_EVERYONE | SEND_TTS)
    return perms


def user_payload(user: FakeUser) -> dict[str, Any]:
    """Render a user object."""
    return {
        "id": str(user.id),
        "username": user.username,
        "discriminator": "0",
        "global_name": user.global_name,
        "avatar": None,
        "bot": user.bot,
        "public_flags": 0,
        "flags": 0,
        "primary_guild": None,
    }


def member_payload(
    member: FakeMember,
    *,
    with_user: bool = True,
    permissions: int | None = None,
    guild: FakeGuild | None = None,
) -> dict[str, Any]:
    """Render a guild member (roles of ``guild`` only); ``permissions`` is for interactions."""
    role_ids = {r.id for r in guild.roles} if guild is not None else None
    data: dict[str, Any] = {
        "roles": [str(r) for r in member.roles if role_ids is None or r in role_ids],
        "avatar": None,
        "banner": None,
        "premium_since": None,
        "communication_disabled_until": None,
        "nick": member.nick,
        "joined_at": iso_now(),
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
    }
    if with_user:
        data["user"] = user_payload(member.user)
    if permissions is not None:
        data["permissions"] = str(permissions)
    return data


def role_payload(role: FakeRole) -> dict[str, Any]:
    """Render a role object."""
    return {
        "id": str(role.id),
        "name": role.name,
        "permissions": str(role.permissions),
        "position": role.position,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "icon": None,
        "unicode_emoji": None,
        "hoist": False,
        "managed": False,
        "mentionable": True,
        "flags": 0,
    }


def channel_payload(channel: FakeChannel, guild_id: int) -> dict[str, Any]:
    """Render a guild channel object (a thread object for a thread)."""
    if channel.thread:
        return thread_payload(channel, guild_id)
    return {
        "id": str(channel.id),
        "type": channel.type,
        "name": channel.name,
        "position": channel.position,
        "guild_id": str(guild_id),
        "flags": 0,
        "permission_overwrites": [
            {"id": str(o.id), "type": o.type, "allow": str(o.allow), "deny": str(o.deny)}
            for o in channel.overwrites
        ],
        "nsfw": False,
        "parent_id": None,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
    }


def thread_payload(thread: FakeChannel, guild_id: int) -> dict[str, Any]:
    """Render a thread object: its parent, an open thread's metadata, no overwrites of its own."""
    return {
        "id": str(thread.id),
        "type": thread.type,
        "name": thread.name,
        "guild_id": str(guild_id),
        "parent_id": str(thread.parent_id) if thread.parent_id else None,
        "owner_id": str(guild_id),
        "flags": 0,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "thread_metadata": {
            "archived": False,
            "archive_timestamp": iso_now(),
            "auto_archive_duration": 1440,
            "locked": False,
        },
    }


def guild_payload(guild: FakeGuild, members: list[FakeMember]) -> dict[str, Any]:
    """Render GUILD_CREATE's data: ``member_count == len(members)`` so no chunking is needed."""
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "owner_id": str(guild.owner_id),
        "unavailable": False,
        "large": False,
        "member_count": len(members),
        "joined_at": iso_now(),
        "features": [],
        "preferred_locale": "en-US",
        "roles": [role_payload(r) for r in guild.all_roles()],
        "channels": [channel_payload(c, guild.id) for c in guild.channels if not c.thread],
        "members": [member_payload(m, guild=guild) for m in members],
        "threads": [thread_payload(c, guild.id) for c in guild.channels if c.thread],
        "presences": [],
        "voice_states": [],
        "emojis": [],
        "stickers": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "premium_tier": 0,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "mfa_level": 0,
        "nsfw_level": 0,
        "system_channel_flags": 0,
        **_GUILD_DEFAULTS,
    }


# The fields of a guild object that the spec requires and the fake has no use for.
_GUILD_DEFAULTS: dict[str, Any] = {
    "description": None,
    "home_header": None,
    "splash": None,
    "discovery_splash": None,
    "banner": None,
    "application_id": None,
    "region": "deprecated",
    "afk_channel_id": None,
    "afk_timeout": 300,
    "system_channel_id": None,
    "widget_enabled": False,
    "widget_channel_id": None,
    "max_presences": None,
    "max_members": 500000,
    "max_stage_video_channel_users": 50,
    "max_video_channel_users": 25,
    "vanity_url_code": None,
    "premium_subscription_count": 0,
    "rules_channel_id": None,
    "safety_alerts_channel_id": None,
    "public_updates_channel_id": None,
    "premium_progress_bar_enabled": False,
    "nsfw": False,
    "incidents_data": None,
}
