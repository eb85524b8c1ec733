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
    BOT_DM,
    DEFAULT_ATTACHMENT_LIMIT,
    GUILD,
    GUILD_INSTALL,
    PRIVATE_CHANNEL,
    USER_INSTALL,
    OptionEncoder,
    interaction_payload,
    message_payload,
)
from .gateway import Gateway, Session
from .models import (
    APP_PERMISSIONS_BOT_DM,
    APP_PERMISSIONS_PRIVATE,
    VIEW_CHANNEL,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    channel_payload,
    channel_permissions,
    iso_now,
    member_payload,
    member_permissions,
    snowflake,
    user_payload,
)
from .state import InteractionRecord, Store, StoredMessage

_log = logging.getLogger(__name__)
GUILD_MESSAGES_INTENT = 1 << 9
MESSAGE_CONTENT_INTENT = 1 << 15
UserRef = FakeMember | FakeUser | int | str | None
Schema = Callable[[str], dict[str, Any] | None]
WHERE = ("guild", "bot_dm", "private_channel", "guild_user_install")
"""Where an interaction comes from: a guild the bot is in; the bot's DM; a DM or group DM
between users (user install); a guild the bot is not in (user install)."""


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

    def _session(self, guild_id: int | None = None) -> Session:
        session = self.gateway.session_for(guild_id or self.store.guild.id)
        if session is None:
            raise RuntimeError("no gateway session receives the guild: call start_client first")
        return session

    def _channel(self, channel_id: int | None) -> tuple[FakeGuild, FakeChannel]:
        if channel_id is None:
            return self.store.guild, self.default_channel
        found = self.store.find_channel(channel_id)
        if found is None:
            raise LookupError(f"no channel {channel_id} in the fake guilds")
        return found

    def encoder(self, guild: FakeGuild | None = None) -> OptionEncoder:
        """Return an option encoder bound to a guild's permission rules."""
        guild = guild or self.store.guild
        return OptionEncoder(guild.id, lambda m: member_permissions(guild, m))

    def _source(
        self, where: str, member: FakeMember, channel_id: int | None, perms: int | None
    ) -> dict[str, Any]:
        """Return the payload fields that say where an interaction comes from."""
        if where not in WHERE:
            raise ValueError(f"where must be one of {WHERE}")
        user = user_payload(member.user)
        if where in ("bot_dm", "private_channel"):
            recipients = [user, user_payload(self.store.bot_member.user)]
            if where == "private_channel":
                recipients = [user, user_payload(FakeUser(username="friend"))]
            dm: dict[str, object] = {"id": str(channel_id or snowflake()), "type": 1, "flags": 0}
            dm["recipients"] = recipients
            owner = {USER_INSTALL: str(member.user.id)}
            if where == "bot_dm":
                owner = {GUILD_INSTALL: "0", **owner}
            return {
                "channel": dm,
                "user": user,
                "context": BOT_DM if where == "bot_dm" else PRIVATE_CHANNEL,
                "owners": owner,
                "app_permissions": (
                    APP_PERMISSIONS_BOT_DM if where == "bot_dm" else APP_PERMISSIONS_PRIVATE
                ),
            }
        if where == "guild_user_install":
            guild = FakeGuild(name="A server without coverbot")
            fake_channel = FakeChannel(id=channel_id or snowflake())
            member_perms = perms if perms is not None else member_permissions(guild, member)
            return {
                "guild": guild,
                "fake_channel": fake_channel,
                "channel": channel_payload(fake_channel, guild.id)
                | {"permissions": str(member_perms)},
                "member": member_payload(member, permissions=member_perms, guild=guild),
                "context": GUILD,
                "owners": {USER_INSTALL: str(member.user.id)},
                "app_permissions": APP_PERMISSIONS_PRIVATE,
            }
        guild, channel = self._channel(channel_id)
        member_perms = perms if perms is not None else channel_permissions(guild, member, channel)
        return {
            "guild": guild,
            "fake_channel": channel,
            "channel": channel_payload(channel, guild.id) | {"permissions": str(member_perms)},
            "member": member_payload(member, permissions=member_perms, guild=guild),
            "context": GUILD,
            "owners": {GUILD_INSTALL: str(guild.id)},
            "app_permissions": channel_permissions(guild, self.store.bot_member, channel),
        }

    async def create_thread(self, name: str, parent_id: int | None) -> FakeChannel:
        """Open a public thread in a channel of the guild; THREAD_CREATE tells the bot."""
        guild, parent = self._channel(parent_id)
        thread = FakeChannel(name=name, type=11, parent_id=parent.id)
        guild.channels.append(thread)
        data = channel_payload(thread, guild.id) | {"newly_created": True}
        await self._session(guild.id).dispatch("THREAD_CREATE", data)
        self.store.notify()
        return thread

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
        where: str = "guild",
    ) -> InteractionRecord:
        """Dispatch one INTERACTION_CREATE and return its record."""
        store = self.store
        member = self.member(user)
        if roles is not None:
            member = replace(member, roles=[r.id if isinstance(r, FakeRole) else r for r in roles])
        source = self._source(
            where, member, message.channel_id if message else channel_id, permissions
        )
        guild: FakeGuild | None = source.get("guild")
        if "guild_id" in data:
            rest = {k: v for k, v in data.items() if k != "guild_id"}
            data = rest if guild is None else {**rest, "guild_id": str(guild.id)}
        interaction_id = snowflake()
        token = f"interaction-token-{interaction_id}-{secrets.token_hex(8)}"
        payload = interaction_payload(
            interaction_id=interaction_id,
            token=token,
            kind=kind,
            app_id=store.app_id,
            channel=source["channel"],
            data=data,
            context=source["context"],
            owners=source["owners"],
            app_permissions=source["app_permissions"],
            guild_id=guild.id if guild is not None else None,
            member=source.get("member"),
            user=source.get("user"),
            attachment_size_limit=attachment_size_limit,
            locale=locale,
        )
        if message is not None:
            payload["message"] = messages.render(message)
        in_bot_guild = guild is not None and store.find_guild(guild.id) is not None
        session = self._session(guild.id if in_bot_guild and guild else None)
        record = InteractionRecord(
            id=interaction_id,
            token=token,
            type=kind,
            name=name,
            member=member,
            channel_id=int(source["channel"]["id"]),
            guild_id=guild.id if guild is not None else None,
            dispatched_at=asyncio.get_running_loop().time(),
            payload=payload,
            source_message_id=message.id if message else None,
            where=where,
        )
        store.interactions[interaction_id] = record
        store.tokens[token] = record
        await session.dispatch("INTERACTION_CREATE", payload)
        _log.debug("fake discord dispatched interaction type %s (%s) in %s", kind, name, where)
        return record

    def command_data(
        self,
        command: str,
        options: dict[str, Any] | list[dict[str, Any]] | None,
        focused: str | None,
        guild: FakeGuild | None = None,
    ) -> dict[str, Any]:
        """Build ``data`` for a slash command or autocomplete (``"group sub"`` names nest)."""
        path = command.split()
        schema = self.schema(path[0])
        encoder = self.encoder(guild)
        if isinstance(options, list):
            encoded = options
        else:
            encoded = encoder.command_options(path[1:], dict(options or {}), schema, focused)
        data: dict[str, Any] = {
            "id": str((schema or {}).get("id") or snowflake()),
            "name": path[0],
            "type": 1,
            "options": encoded,
            "guild_id": str((guild or self.store.guild).id),
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
        self,
        content: str,
        *,
        user: UserRef,
        channel_id: int | None,
        mentions: list[FakeMember],
        reply_to: int | None = None,
    ) -> StoredMessage:
        """Post a user's message; MESSAGE_CREATE follows the intents and View Channel.

        ``reply_to``: the id of a stored message this one replies to, in that message's channel.
        """
        store = self.store
        author = self.member(user)
        reference = None
        if reply_to is not None:
            replied = store.messages[reply_to]
            channel_id = replied.channel_id
            reference = {
                "type": 0,
                "message_id": str(replied.id),
                "channel_id": str(replied.channel_id),
                "guild_id": str(replied.guild_id) if replied.guild_id else None,
            }
        guild, channel = self._channel(channel_id)
        message = StoredMessage(
            id=snowflake(),
            channel_id=channel.id,
            guild_id=guild.id,
            author=author.user,
            content=content,
            member=member_payload(author, with_user=False, guild=guild),
            type=19 if reference else 0,
            message_reference=reference,
        )
        store.messages[message.id] = message
        session = self._session(guild.id)
        if not session.intents & GUILD_MESSAGES_INTENT:
            _log.warning("bot lacks the guild_messages intent: MESSAGE_CREATE not delivered")
            return message
        if not channel_permissions(guild, store.bot_member, channel) & VIEW_CHANNEL:
            _log.info("bot cannot view #%s: MESSAGE_CREATE not delivered", channel.name)
            return message
        mentioned = any(m.user.id == store.bot_member.user.id for m in mentions)
        if not (session.intents & MESSAGE_CONTENT_INTENT or mentioned):
            content = ""
        data = message_payload(
            message_id=message.id,
            channel_id=channel.id,
            guild=guild,
            author=author,
            content=content,
            mentions=mentions,
            timestamp=iso_now(),
        )
        if reference is not None:
            data |= {"type": 19, "message_reference": reference}
        await session.dispatch("MESSAGE_CREATE", data)
        store.notify()
        return message
