"""``FakeDiscord``: the test-facing API (start a client, act as a user, read what was sent).

See the package docstring for a usage summary.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import mimetypes
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import discord

from .dispatcher import Dispatcher, UserRef
from .errors import ApiError, rate_limited
from .events import DEFAULT_ATTACHMENT_LIMIT, modal_submission
from .gateway import Gateway, GatewayConfig, Session
from .models import (
    FakeAttachment,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    FakeUser,
    default_guild,
    default_members,
    guild_payload,
    snowflake,
    user_payload,
)
from .observations import Observations
from .rest_support import ServerConfig
from .server import Server, build_app
from .spec import load_spec
from .state import Injection, Store

_log = logging.getLogger(__name__)


class FakeDiscord(Observations):
    """A Discord (REST + gateway) on 127.0.0.1 that an unmodified discord.py client logs in to."""

    def __init__(
        self,
        *,
        guild: FakeGuild | None = None,
        other_guilds: Sequence[FakeGuild] = (),
        members: Sequence[FakeMember] | None = None,
        shards: int = 1,
        ack_window: float = 3.0,
        token: str | None = None,
        bot_name: str = "coverbot",
        heartbeat_interval_ms: int = 41250,
        spec_check: bool = True,
    ) -> None:
        self.guild = guild or default_guild()
        self.members = list(members) if members is not None else default_members(self.guild)
        self.bot = FakeMember(user=FakeUser(username=bot_name, bot=True))
        self.store = Store(self.guild, self.members, self.bot, self.bot.user.id, ack_window)
        self.store.other_guilds = list(other_guilds)
        spec = load_spec() if spec_check else None
        self.config = ServerConfig(expected_token=token, shards=shards, spec=spec)
        self.gateway = Gateway(
            GatewayConfig(
                ready=self._ready_payload,
                guild_create=self._guild_create,
                guild_ids=lambda: [g.id for g in self.store.guilds],
                notify=self.store.notify,
                heartbeat_interval_ms=heartbeat_interval_ms,
                expected_token=token,
                check_event=self._check_event if spec is not None else None,
            )
        )
        self.server = Server(build_app(self.store, self.config, self.gateway))
        self.dispatcher = Dispatcher(self.store, self.gateway, self._schema)
        self.client: discord.Client | None = None
        self.client_error: BaseException | None = None
        self._client_task: asyncio.Task[None] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
        if exc is None and self.store.spec_violations:
            found = "\n  ".join(self.take_violations())
            raise AssertionError(f"Discord's API spec was broken:\n  {found}")

    async def start(self) -> None:
        """Serve on a free loopback port and point discord.py at it."""
        await self.server.start()
        self.store.base_url = self.server.origin
        self.config.gateway_url = self.server.gateway_url

    async def close(self) -> None:
        """Stop any client, close websockets, stop serving and restore discord.py."""
        await self.stop_client()
        await self.gateway.close_all(1001)
        await self.server.stop()

    async def start_client(
        self,
        client: discord.Client,
        token: str = "fake-token",  # noqa: S107 - a placeholder the fake accepts
        *,
        timeout: float = 10.0,
    ) -> None:
        """Run ``client.start(token)`` in a task and return once it is ready (``on_ready``).

        A client left at the default ``guild_ready_timeout`` (2 s) gets 0.05 s. If the client
        stops first (e.g. ``PrivilegedIntentsRequired``), its exception is raised here.
        """
        state = client._connection
        if state.guild_ready_timeout == 2.0:
            state.guild_ready_timeout = 0.05
        self.client = client
        self._client_task = task = asyncio.create_task(
            client.start(token), name="fakediscord-client"
        )
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not client.is_ready():
            if task.done():
                self._client_task = None
                error = task.exception()
                raise error or RuntimeError("client stopped before it was ready")
            if loop.time() > deadline:
                raise TimeoutError(f"client not ready after {timeout}s")
            await asyncio.sleep(0.01)
        for _ in range(3):
            await asyncio.sleep(0)

    async def stop_client(self) -> None:
        """Close the client started by ``start_client`` and wait for its task."""
        client, task = self.client, self._client_task
        self.client, self._client_task = None, None
        if client is not None and not client.is_closed():
            await client.close()
        if task is not None:
            try:
                await asyncio.wait_for(task, 5.0)
            except (Exception, asyncio.CancelledError) as error:
                self.client_error = error
                _log.info("fake discord: client task ended with %r", error)

    # -- acting as users ----------------------------------------------------------------------

    async def slash(
        self,
        command: str,
        options: dict[str, Any] | list[dict[str, Any]] | None = None,
        *,
        user: UserRef = None,
        permissions: int | None = None,
        roles: list[int | FakeRole] | None = None,
        channel_id: int | None = None,
        attachment_size_limit: int = DEFAULT_ATTACHMENT_LIMIT,
        locale: str = "en-US",
        where: str = "guild",
    ) -> int:
        """Invoke ``/command`` (``"group sub"`` for subcommands); return the interaction id.

        ``where``: ``guild`` (a guild the bot is in; ``channel_id`` picks the channel and so the
        guild), ``bot_dm``, ``private_channel`` (a DM between users, through a user install) or
        ``guild_user_install`` (a guild the bot is not in, through a user install).
        """
        found = self.store.find_channel(channel_id) if channel_id else None
        guild = found[0] if found else None
        data = self.dispatcher.command_data(command, options, None, guild)
        record = await self.dispatcher.interaction(
            2,
            command,
            data,
            user=user,
            permissions=permissions,
            roles=roles,
            channel_id=channel_id,
            attachment_size_limit=attachment_size_limit,
            locale=locale,
            where=where,
        )
        return record.id

    async def autocomplete(
        self,
        command: str,
        focused: str,
        value: str,
        options: dict[str, Any] | None = None,
        *,
        user: UserRef = None,
        timeout: float = 5.0,
        channel_id: int | None = None,
    ) -> list[dict[str, Any]]:
        """Type ``value`` into option ``focused``; return the choices the bot answers with."""
        found = self.store.find_channel(channel_id) if channel_id else None
        data = self.dispatcher.command_data(
            command, {**(options or {}), focused: value}, focused, found[0] if found else None
        )
        record = await self.dispatcher.interaction(
            4, command, data, user=user, channel_id=channel_id
        )
        return await self.store.wait_until(lambda: record.choices, timeout, "autocomplete choices")

    async def click(
        self,
        message_id: int,
        custom_id: str,
        *,
        user: UserRef = None,
        values: list[str] | None = None,
    ) -> int:
        """Click a button (or pick ``values`` in a select) on a stored message; return the id."""
        message, component = self.dispatcher.clicked(message_id, custom_id)
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component["type"]}
        if component["type"] != 2:
            data["values"] = list(values or [])
        origin = self.store.interactions.get(message.interaction_id or 0)
        record = await self.dispatcher.interaction(
            3,
            custom_id,
            data,
            user=user,
            message=message,
            where=origin.where if origin else "guild",
        )
        return record.id

    async def submit_modal(
        self, interaction_id: int, values: dict[str, str], *, user: UserRef = None
    ) -> int:
        """Submit the modal the bot opened for ``interaction_id``; return the new interaction id.

        ``values`` are keyed by an input's label or custom_id; unknown keys raise ``KeyError``.
        """
        opened = self.interaction(interaction_id)
        if opened.modal is None:
            raise LookupError(f"interaction {interaction_id} did not open a modal")
        custom_id = opened.modal["custom_id"]
        data = {"custom_id": custom_id, "components": modal_submission(opened.modal, values)}
        source = self.store.messages.get(opened.source_message_id or 0)
        record = await self.dispatcher.interaction(
            5,
            custom_id,
            data,
            user=user or opened.member,
            message=source,
            channel_id=opened.channel_id,
            where=opened.where,
        )
        return record.id

    async def mention(
        self, content: str, *, user: UserRef = None, channel_id: int | None = None
    ) -> int:
        """Post ``<@bot> content`` as a user (content is delivered: the bot is mentioned)."""
        tag = f"<@{self.bot.user.id}>"
        text = content if tag in content else f"{tag} {content}"
        message = await self.dispatcher.post(
            text, user=user, channel_id=channel_id, mentions=[self.bot]
        )
        return message.id

    async def post(
        self, content: str, *, user: UserRef = None, channel_id: int | None = None
    ) -> int:
        """Post a message that does not mention the bot (content only with the intent)."""
        message = await self.dispatcher.post(content, user=user, channel_id=channel_id, mentions=[])
        return message.id

    async def reply(
        self, message_id: int, content: str, *, user: UserRef = None, ping: bool = True
    ) -> int:
        """Reply to a stored message; ``ping`` mentions its author (content then delivered)."""
        replied = self.store.messages[message_id]
        pinged = [self.bot] if ping and replied.author.id == self.bot.user.id else []
        message = await self.dispatcher.post(
            content, user=user, channel_id=None, mentions=pinged, reply_to=message_id
        )
        return message.id

    async def create_thread(self, name: str = "thread", *, parent_id: int | None = None) -> int:
        """Open a public thread in a channel (the default one); return the thread's id."""
        thread = await self.dispatcher.create_thread(name, parent_id)
        return thread.id

    def attachment(
        self, filename: str, data: bytes, content_type: str | None = None
    ) -> FakeAttachment:
        """Serve ``data`` on loopback; pass the result as an attachment option's value."""
        kind = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
        attachment = FakeAttachment(snowflake(), filename, data, kind)
        attachment.url = f"{self.server.origin}/attachments/{attachment.id}/{filename}"
        self.store.attachments[attachment.id] = attachment
        return attachment

    # -- failures -----------------------------------------------------------------------------

    def inject_error(
        self, route: str, error: ApiError, *, method: str = "*", count: int = 1
    ) -> None:
        """Answer the next ``count`` matching requests with ``error`` (route: template or name)."""
        self.store.injections.append(Injection(method.upper(), route, error, count))

    def inject_429(
        self,
        route: str,
        *,
        method: str = "*",
        count: int = 1,
        retry_after: float = 0.5,
        is_global: bool = False,
        via: bool = False,
    ) -> None:
        """Rate-limit matching requests; without ``via`` discord.py raises ``HTTPException``."""
        error = rate_limited(retry_after, is_global=is_global, via=via)
        self.inject_error(route, error, method=method, count=count)

    def reject_identify(self, close_code: int | None = 4014) -> None:
        """Close the gateway with ``close_code`` on IDENTIFY (4014: disallowed intents)."""
        self.gateway.config.reject_identify = close_code

    async def close_gateway(self, code: int = 4000) -> None:
        """Close open websockets with ``code`` (4000: the client resumes)."""
        await self.gateway.close_all(code)

    async def wait_resumed(self, count: int = 1, timeout: float = 5.0) -> None:
        """Wait until ``count`` RESUMEs have succeeded."""
        await self.store.wait_until(
            lambda: True if self.gateway.resumes >= count else None, timeout, "a RESUME"
        )

    # -- the spec ----------------------------------------------------------------------------

    @property
    def spec_checked(self) -> bool:
        """Whether requests and payloads are checked against Discord's OpenAPI spec."""
        return self.config.spec is not None

    def take_violations(self) -> list[str]:
        """Return (and forget) what broke the spec so far; left ones fail the test on exit."""
        found = list(self.store.spec_violations)
        self.store.spec_violations.clear()
        return found

    def _check_event(self, event: str, data: dict[str, Any]) -> None:
        spec = self.config.spec
        if spec is not None:
            problems = spec.check_event(event, data)
            self.store.spec_violations.extend(f"loopback {p}" for p in problems)

    # -- facts --------------------------------------------------------------------------------

    @property
    def channel(self) -> FakeChannel:
        """The guild's first text channel (where events go by default)."""
        return self.dispatcher.default_channel

    @property
    def app_id(self) -> int:
        """The application id (equal to the bot user's id, as for most bots)."""
        return self.store.app_id

    @property
    def identifies(self) -> int:
        """How many IDENTIFYs the gateway received."""
        return self.gateway.identifies

    @property
    def resumes(self) -> int:
        """How many RESUMEs succeeded."""
        return self.gateway.resumes

    def _guild_create(self, guild_id: int) -> dict[str, Any]:
        guild = self.store.find_guild(guild_id)
        if guild is None:
            raise LookupError(guild_id)
        return guild_payload(guild, [*self.members, self.bot])

    def _ready_payload(self, session: Session) -> dict[str, Any]:
        guilds = [
            {"id": str(g.id), "unavailable": True} for g in self.store.guilds if session.owns(g.id)
        ]
        return {
            "v": 10,
            "user": user_payload(self.bot.user),
            "guilds": guilds,
            "session_id": session.id,
            "resume_gateway_url": self.server.gateway_url,
            "shard": list(session.shard),
            "application": {"id": str(self.app_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "user_settings": {},
        }

    def _schema(self, name: str) -> dict[str, Any] | None:
        """Return a command's schema: as synced to Discord, else from the client's tree."""
        for scope in (self.guild.id, None):
            for command in self.store.commands.get(scope, []):
                if command.get("name") == name and command.get("type", 1) == 1:
                    return command
        tree = getattr(getattr(self.client, "_connection", None), "_command_tree", None)
        if tree is None:
            return None
        found = tree.get_command(name, guild=discord.Object(self.guild.id)) or tree.get_command(
            name
        )
        with contextlib.suppress(AttributeError, TypeError):
            return found.to_dict(tree) if found is not None else None
        return None
