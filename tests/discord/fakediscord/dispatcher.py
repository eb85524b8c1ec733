"""Sending what a user does to the bot: slash commands, clicks, autocomplete, modals, mentions.

Every interaction is recorded (``InteractionRecord``) with its dispatch time, so the REST side can
enforce the acknowledgement window and time each request relative to the dispatch.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from . import messages
from .events import (
    DEFAULT_ATTACHMENT_LIMIT,
    OptionEncoder,
    interaction_payload,
    message_payload,
)
from .gateway import Gateway, Session
from .models import (
    FakeChannel,
    FakeMember,
    FakeRole,
    FakeUser,
    channel_payload,
    iso_now,
    member_payload,
    member_permissions,
    snowflake,
)
from .state import InteractionRecord, Store, StoredMessage

_log = logging.getLogger(__name__)
GUILD_MESSAGES_INTENT = 1 << 9
MESSAGE_CONTENT_INTENT = 1 << 15
UserRef = FakeMember | FakeUser | int | str | None
Schema = Callable[[str], dict[str, Any] | None]


class Dispatcher:
    """Builds user actions into gateway events and sends them to the owning shard."""

    def __init__(self, store: Store, gateway: Gateway, schema: Schema) -> None:
        self.store = store
        self.gateway = gateway
        self.schema = schema

    @property
    def default_channel(self) -> FakeChannel:
        """The guild's first text channel."""
        return next(c for c in self.store.guild.channels if c.type == 0)

    def member(self, user: UserRef) -> FakeMember:
        """Resolve a member by object, user id or username (``None``: the first member)."""
        store = self.store
        if user is None:
            return store.members[0]
        if isinstance(user, FakeMember):
            return user
        for member in store.members:
            if user in (member.user, member.user.id, member.user.username):
                return member
        if isinstance(user, FakeUser):
            return FakeMember(user=user)
        raise LookupError(f"no member {user!r} in the fake guild")

    def _session(self) -> Session:
        session = self.gateway.session_for(self.store.guild.id)
        if session is None:
            raise RuntimeError("no gateway session receives the guild: call start_client first")
        return session

    def _channel(self, channel_id: int | None) -> FakeChannel:
        if channel_id is None:
            return self.default_channel
        for channel in self.store.guild.channels:
            if channel.id == channel_id:
                return channel
        raise LookupError(f"no channel {channel_id} in the fake guild")

    def encoder(self) -> OptionEncoder:
        """Return an option encoder bound to this guild's permission rules."""
        return OptionEncoder(self.store.guild.id, lambda m: member_permissions(self.store.guild, m))

    async def interaction(
        self,
        kind: int,
        name: str,
        data: dict[str, Any],
        *,
        user: UserRef = None,
        permissions: int | None = None,
        roles: list[int | FakeRole] | None = None,
        channel_id: int | None = None,
        message: StoredMessage | None = None,
        attachment_size_limit: int = DEFAULT_ATTACHMENT_LIMIT,
        locale: str = "en-US",
    ) -> InteractionRecord:
        """Dispatch one INTERACTION_CREATE and return its record."""
        store = self.store
        member = self.member(user)
        if roles is not None:
            member = replace(member, roles=[r.id if isinstance(r, FakeRole) else r for r in roles])
        perms = permissions if permissions is not None else member_permissions(store.guild, member)
        channel = self._channel(message.channel_id if message else channel_id)
        interaction_id = snowflake()
        token = f"interaction-token-{interaction_id}-{secrets.token_hex(8)}"
        payload = interaction_payload(
            interaction_id=interaction_id,
            token=token,
            kind=kind,
            app_id=store.app_id,
            guild_id=store.guild.id,
            channel=channel_payload(channel, store.guild.id) | {"permissions": str(perms)},
            member=member_payload(member, permissions=perms),
            data=data,
            attachment_size_limit=attachment_size_limit,
            locale=locale,
        )
        if message is not None:
            payload["message"] = messages.render(message)
        session = self._session()
        record = InteractionRecord(
            id=interaction_id,
            token=token,
            type=kind,
            name=name,
            member=member,
            channel_id=channel.id,
            guild_id=store.guild.id,
            dispatched_at=asyncio.get_running_loop().time(),
            payload=payload,
            source_message_id=message.id if message else None,
        )
        store.interactions[interaction_id] = record
        store.tokens[token] = record
        await session.dispatch("INTERACTION_CREATE", payload)
        _log.debug("fake discord dispatched interaction type %s (%s)", kind, name)
        return record

    def command_data(
        self,
        command: str,
        options: dict[str, Any] | list[dict[str, Any]] | None,
        focused: str | None,
    ) -> dict[str, Any]:
        """Build ``data`` for a slash command or autocomplete (``"group sub"`` names nest)."""
        path = command.split()
        schema = self.schema(path[0])
        encoder = self.encoder()
        if isinstance(options, list):
            encoded = options
        else:
            encoded = encoder.command_options(path[1:], dict(options or {}), schema, focused)
        data: dict[str, Any] = {
            "id": str((schema or {}).get("id") or snowflake()),
            "name": path[0],
            "type": 1,
            "options": encoded,
            "guild_id": str(self.store.guild.id),
        }
        if encoder.resolved:
            data["resolved"] = encoder.resolved
        return data

    def clicked(self, message_id: int, custom_id: str) -> tuple[StoredMessage, dict[str, Any]]:
        """Find a live message and the enabled component a user can click on it."""
        message = self.store.messages.get(message_id)
        if message is None or message.deleted:
            raise LookupError(f"no message {message_id}")
        component = message.find_component(custom_id)
        if component is None:
            raise LookupError(f"no component {custom_id!r} on message; has {message.custom_ids()}")
        if component.get("disabled"):
            raise ValueError(f"component {custom_id!r} is disabled")
        return message, component

    async def post(
        self, content: str, *, user: UserRef, channel_id: int | None, mentions: list[FakeMember]
    ) -> StoredMessage:
        """Post a user's message; MESSAGE_CREATE goes out under Discord's intent rules."""
        store = self.store
        author = self.member(user)
        channel = self._channel(channel_id)
        message = StoredMessage(
            id=snowflake(),
            channel_id=channel.id,
            guild_id=store.guild.id,
            author=author.user,
            content=content,
            member=member_payload(author, with_user=False),
        )
        store.messages[message.id] = message
        session = self._session()
        if not session.intents & GUILD_MESSAGES_INTENT:
            _log.warning("bot lacks the guild_messages intent: MESSAGE_CREATE not delivered")
            return message
        mentioned = any(m.user.id == store.bot_member.user.id for m in mentions)
        if not (session.intents & MESSAGE_CONTENT_INTENT or mentioned):
            content = ""
        data = message_payload(
            message_id=message.id,
            channel_id=channel.id,
            guild_id=store.guild.id,
            author=author,
            content=content,
            mentions=mentions,
            timestamp=iso_now(),
        )
        await session.dispatch("MESSAGE_CREATE", data)
        store.notify()
        return message
