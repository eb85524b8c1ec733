"""Reading what the bot did: recorded requests, interaction outcomes, messages, commands.

A mixin of ``FakeDiscord``: every method reads the shared ``Store`` and can wait on its change
notifier, so tests never sleep-poll.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from .models import FakeMember
from .state import InteractionRecord, RecordedRequest, Seen, Store, StoredMessage


class Observations:
    """Test-facing read API over the fake's ``Store``."""

    store: Store
    bot: FakeMember

    async def wait_until(
        self, condition: Callable[[], object], timeout: float = 5.0, interval: float = 0.01
    ) -> None:
        """Poll a condition on the bot's side (e.g. a handler's effect) until it is truthy."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            if loop.time() > deadline:
                raise TimeoutError(f"condition still false after {timeout:.1f}s")
            await asyncio.sleep(interval)

    def _default_channel_id(self) -> int:
        return next(c.id for c in self.store.guild.channels if c.type == 0)

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, in order."""
        return self.store.requests

    def requests_for(self, interaction_id: int) -> list[RecordedRequest]:
        """Return the requests tied to one interaction (callback, followups, edits), in order."""
        return [r for r in self.store.requests if r.interaction_id == interaction_id]

    async def wait_for(
        self, predicate: Callable[[RecordedRequest], bool], timeout: float = 5.0
    ) -> RecordedRequest:
        """Return the first recorded request (past or future) matching ``predicate``."""

        def probe() -> RecordedRequest | None:
            return next((r for r in self.store.requests if predicate(r)), None)

        return await self.store.wait_until(probe, timeout, "a matching request")

    async def wait_for_request(
        self, name: str, *, interaction: int | None = None, timeout: float = 5.0
    ) -> RecordedRequest:
        """Wait for a request by route name (``followup_create``...), optionally per interaction."""
        return await self.wait_for(
            lambda r: r.name == name and interaction in (None, r.interaction_id), timeout
        )

    def interaction(self, interaction_id: int) -> InteractionRecord:
        """Return a dispatched interaction's record (ack type and time, callbacks, choices)."""
        return self.store.interactions[interaction_id]

    def seen(self, interaction_id: int) -> Seen:
        """Return what the invoking user sees now: original response and followups (live)."""
        record = self.interaction(interaction_id)
        original = self.store.messages.get(record.original_id or 0)
        followups = [self.store.messages[i] for i in record.followup_ids]
        return Seen(record, original, followups)

    async def wait_seen(
        self,
        interaction_id: int,
        predicate: Callable[[Seen], bool] | None = None,
        timeout: float = 5.0,
    ) -> Seen:
        """Wait until ``predicate(seen)`` holds (default: a non-loading message is visible)."""

        def default(seen: Seen) -> bool:
            return any(not m.loading for m in seen.messages)

        check = predicate or default

        def probe() -> Seen | None:
            seen = self.seen(interaction_id)
            return seen if check(seen) else None

        return await self.store.wait_until(probe, timeout, "the interaction's response")

    def message(self, message_id: int) -> StoredMessage:
        """Return a stored message by id (deleted ones included, flagged ``deleted``)."""
        return self.store.messages[message_id]

    def channel_messages(
        self, channel_id: int | None = None, *, ephemeral: bool = False
    ) -> list[StoredMessage]:
        """Live messages in a channel (default: the first text channel), oldest first."""
        wanted = channel_id or self._default_channel_id()
        found = [
            m
            for m in self.store.messages.values()
            if m.channel_id == wanted and not m.deleted and (ephemeral or not m.ephemeral)
        ]
        return sorted(found, key=lambda m: m.id)

    async def wait_for_message(
        self,
        predicate: Callable[[StoredMessage], bool] | None = None,
        *,
        after: int = 0,
        channel_id: int | None = None,
        timeout: float = 5.0,
    ) -> StoredMessage:
        """Wait for a bot-authored message in the channel with id > ``after`` (e.g. a reply)."""

        def probe() -> StoredMessage | None:
            for message in self.channel_messages(channel_id, ephemeral=True):
                mine = message.author.id == self.bot.user.id
                if mine and message.id > after and (predicate is None or predicate(message)):
                    return message
            return None

        return await self.store.wait_until(probe, timeout, "a bot message")

    def commands(self, guild_id: int | None = None) -> list[dict[str, Any]]:
        """Return registered commands: global when ``guild_id`` is None, else that guild's."""
        return self.store.commands.get(guild_id, [])

    def sync_count(self, guild_id: int | None = None) -> int:
        """How many bulk overwrites (``tree.sync``) the scope received."""
        return self.store.command_puts[guild_id]

    def command_creates(self, guild_id: int | None = None) -> int:
        """How many new commands were created in the scope (Discord: 200 a day per guild)."""
        return self.store.command_creates[guild_id]
