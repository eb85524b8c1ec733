"""What the fake remembers: recorded requests, stored messages, interactions, commands.

``Store`` is the single mutable state shared by the REST routes, the gateway and the facade, plus a
change notifier so tests can wait for a request or a message without polling sleeps.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import ApiError
from .models import (
    APP_PERMISSIONS_PRIVATE,
    FakeAttachment,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeUser,
    channel_permissions,
    iso_now,
)

EPHEMERAL = 1 << 6
LOADING = 1 << 7
T = TypeVar("T")


@dataclass
class RecordedFile:
    """A file part of a multipart request."""

    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class RecordedRequest:
    """One HTTP request the bot made, with the fake's answer.

    ``route`` is the template (``/channels/{channel_id}/messages``) and ``name`` a short label
    (``message_create``); ``json`` is the JSON body or the multipart ``payload_json``.
    ``since_dispatch`` is seconds since the related interaction was dispatched, else ``None``.
    """

    method: str
    path: str
    route: str
    name: str
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    received_at: float
    interaction_id: int | None = None
    since_dispatch: float | None = None
    status: int = 0
    response: Any = None


@dataclass
class StoredMessage:
    """A message as Discord holds it; edits update it in place."""

    id: int
    channel_id: int
    guild_id: int | None
    author: FakeUser
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[dict[str, Any]] = field(default_factory=list)
    allowed_mentions: dict[str, Any] | None = None
    flags: int = 0
    type: int = 0
    message_reference: dict[str, Any] | None = None
    mentions: list[dict[str, Any]] = field(default_factory=list)
    member: dict[str, Any] | None = None
    webhook_id: int | None = None
    application_id: int | None = None
    interaction_id: int | None = None
    timestamp: str = field(default_factory=iso_now)
    edited_timestamp: str | None = None
    edits: int = 0
    deleted: bool = False

    @property
    def ephemeral(self) -> bool:
        """Whether only the invoking user sees it."""
        return bool(self.flags & EPHEMERAL)

    @property
    def loading(self) -> bool:
        """Whether it is still a deferred "thinking…" placeholder."""
        return bool(self.flags & LOADING)

    @property
    def text(self) -> str:
        """Content plus every embed's title, description, fields and footer, one per line."""
        parts = [self.content] if self.content else []
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            for item in embed.get("fields") or []:
                parts += [item.get("name") or "", item.get("value") or ""]
            parts.append((embed.get("footer") or {}).get("text") or "")
        return "\n".join(p for p in parts if p)

    def custom_ids(self) -> list[str]:
        """Return the custom ids of every component on the message."""
        found: list[str] = []
        stack = list(self.components)
        while stack:
            item = stack.pop(0)
            if item.get("custom_id"):
                found.append(item["custom_id"])
            stack.extend(item.get("components") or [])
        return found

    def find_component(self, custom_id: str) -> dict[str, Any] | None:
        """Return the component with this custom id, if any."""
        stack = list(self.components)
        while stack:
            item = stack.pop(0)
            if item.get("custom_id") == custom_id:
                return item
            stack.extend(item.get("components") or [])
        return None


@dataclass
class InteractionRecord:
    """An interaction the fake dispatched, and how the bot answered it."""

    id: int
    token: str
    type: int
    name: str
    member: FakeMember
    channel_id: int
    guild_id: int | None
    dispatched_at: float
    payload: dict[str, Any]
    source_message_id: int | None = None
    ack_type: int | None = None
    acked_at: float | None = None
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    original_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    choices: list[dict[str, Any]] | None = None
    modal: dict[str, Any] | None = None
    expired: bool = False
    where: str = "guild"
    """Where it came from: guild, bot_dm, private_channel or guild_user_install."""

    @property
    def acknowledged(self) -> bool:
        """Whether a callback was accepted."""
        return self.ack_type is not None

    @property
    def ack_delay(self) -> float | None:
        """Seconds from dispatch to the accepted callback."""
        return None if self.acked_at is None else self.acked_at - self.dispatched_at


@dataclass(frozen=True)
class Seen:
    """What the invoking user sees for one interaction: the original response and followups."""

    interaction: InteractionRecord
    original: StoredMessage | None
    followups: list[StoredMessage]

    @property
    def messages(self) -> list[StoredMessage]:
        """The visible messages, original first, deleted ones left out."""
        every = [self.original, *self.followups] if self.original else list(self.followups)
        return [m for m in every if m is not None and not m.deleted]

    @property
    def text(self) -> str:
        """All visible messages' text, joined by blank lines."""
        return "\n\n".join(m.text for m in self.messages if m.text)

    @property
    def deferred(self) -> bool:
        """Whether the first answer was a deferral (callback type 5 or 6)."""
        return self.interaction.ack_type in (5, 6)


@dataclass
class Injection:
    """A canned failure answered instead of handling matching requests."""

    method: str
    route: str
    error: ApiError
    remaining: int

    def matches(self, method: str, route: str, name: str) -> bool:
        """Whether this injection applies to the request."""
        method_ok = self.method in ("*", method)
        return self.remaining > 0 and method_ok and self.route in ("*", route, name)


@dataclass
class Store:
    """All state of one fake Discord, plus a notifier for waiters."""

    guild: FakeGuild
    members: list[FakeMember]
    bot_member: FakeMember
    app_id: int
    ack_window: float
    base_url: str = ""
    requests: list[RecordedRequest] = field(default_factory=list)
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    interactions: dict[int, InteractionRecord] = field(default_factory=dict)
    tokens: dict[str, InteractionRecord] = field(default_factory=dict)
    commands: dict[int | None, list[dict[str, Any]]] = field(default_factory=dict)
    command_puts: Counter[int | None] = field(default_factory=Counter)
    command_creates: Counter[int | None] = field(default_factory=Counter)
    attachments: dict[int, FakeAttachment] = field(default_factory=dict)
    injections: list[Injection] = field(default_factory=list)
    other_guilds: list[FakeGuild] = field(default_factory=list)
    """Further guilds the bot is in (the first guild is ``guild``)."""
    spec_violations: list[str] = field(default_factory=list)
    """Requests the bot sent, and payloads the fake sent, that Discord's spec does not allow."""
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def notify(self) -> None:
        """Wake every waiter; they re-check their condition."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_until(self, probe: Callable[[], T | None], timeout: float, what: str) -> T:
        """Return ``probe()``'s first non-None result, re-checking on every change."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            found = probe()
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"timed out after {timeout:.1f}s waiting for {what}")
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                continue

    def find_member(self, user_id: int) -> FakeMember | None:
        """Return the guild member (bot included) with this user id."""
        for member in [*self.members, self.bot_member]:
            if member.user.id == user_id:
                return member
        return None

    @property
    def guilds(self) -> list[FakeGuild]:
        """Every guild the bot is in, the default one first."""
        return [self.guild, *self.other_guilds]

    def find_guild(self, guild_id: int) -> FakeGuild | None:
        """Return the guild with this id, if the bot is in it."""
        return next((g for g in self.guilds if g.id == guild_id), None)

    def find_channel(self, channel_id: int) -> tuple[FakeGuild, FakeChannel] | None:
        """Return a guild channel by id, with its guild."""
        for guild in self.guilds:
            for channel in guild.channels:
                if channel.id == channel_id:
                    return guild, channel
        return None

    def channel_ids(self) -> set[int]:
        """Return the ids of every guild's channels."""
        return {c.id for g in self.guilds for c in g.channels}

    def bot_permissions(self, channel_id: int | None) -> int:
        """Return the bot's permissions in a guild channel (overwrites included), else an app's."""
        found = self.find_channel(channel_id or 0)
        if found is None:
            return APP_PERMISSIONS_PRIVATE
        guild, channel = found
        return channel_permissions(guild, self.bot_member, channel)
