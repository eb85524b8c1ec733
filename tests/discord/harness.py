"""Layer 2 harness: real ``discord.Interaction`` objects, and a webhook adapter that records.

Interaction responses and follow-ups go through discord.py's ``AsyncWebhookAdapter``; the
recording adapter stands in for Discord's HTTP endpoints only (never for the engine), checks
each payload against Discord's limits as the API would, and answers with minimal valid bodies.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord
from discord.webhook.async_ import AsyncWebhookAdapter

from bot.formatting import limits
from coverbot.settings import Settings
from tests.articles import SEED_CORPUS

APP_ID = 900_000_000_000_000_001
GUILD_ID = 900_000_000_000_000_002
CHANNEL_ID = 900_000_000_000_000_003
BOT_USER_ID = 900_000_000_000_000_004
BOT_USER = {
    "id": str(BOT_USER_ID),
    "username": "coverbot",
    "discriminator": "0",
    "avatar": None,
    "bot": True,
}
MANAGE_GUILD = str(discord.Permissions(manage_guild=True).value)

def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Return settings for a test: data under ``tmp_path``, generous cooldown, no .env file."""
    values: dict[str, Any] = {
        "discord_token": "test-token",
        "data_dir": tmp_path / "data",
        "corpus_dir": SEED_CORPUS,
        "index_dir": tmp_path / "index",
        "cooldown_rate": 100,
        "reload_progress_seconds": 0.05,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


_ids = itertools.count(1_000_000_000_000_000_000)


def next_id() -> int:
    """Return a fresh snowflake."""
    return next(_ids)


@dataclass(frozen=True)
class Request:
    """One HTTP request the bot made for an interaction."""

    method: str
    path: str
    payload: dict[str, Any] | None

    @property
    def data(self) -> dict[str, Any]:
        """Return the message data: ``payload["data"]`` for callbacks, else the payload."""
        payload = self.payload or {}
        return payload.get("data", payload) if self.is_callback else payload

    @property
    def is_callback(self) -> bool:
        """Tell whether this is an interaction callback (the acknowledgement)."""
        return self.path.endswith("/callback")

    @property
    def content(self) -> str:
        """Return the message content sent."""
        return self.data.get("content") or ""

    @property
    def embeds(self) -> list[dict[str, Any]]:
        """Return the embeds sent."""
        return self.data.get("embeds") or []

    def text(self) -> str:
        """Return content and every embed's visible text, for searching."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title", ""), embed.get("description", "")]
            parts += [f"{f['name']} {f['value']}" for f in embed.get("fields", [])]
            parts.append(embed.get("footer", {}).get("text", ""))
        return "\n".join(parts)


def message_payload(content: str = "", channel_id: int = CHANNEL_ID, **extra: Any) -> dict:
    """Return a minimal message as Discord returns it."""
    return {
        "id": str(next_id()),
        "channel_id": str(channel_id),
        "type": 0,
        "content": content,
        "author": {
            "id": str(BOT_USER_ID),
            "username": "coverbot",
            "discriminator": "0",
            "avatar": None,
            "bot": True,
        },
        "embeds": [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "pinned": False,
        "mention_everyone": False,
        "tts": False,
        "timestamp": "2026-01-01T00:00:00+00:00",
        "edited_timestamp": None,
        "flags": 0,
        "components": [],
        **extra,
    }


class RecordingAdapter(AsyncWebhookAdapter):
    """Records interaction HTTP calls and answers like Discord, rejecting oversized payloads."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[Request] = []

    async def request(self, route: Any, session: Any, *, payload: Any = None, **kwargs: Any) -> Any:
        """Record the request, enforce the limits, return a plausible body."""
        request = Request(route.method, route.path.format_map(_Keep(route)), payload)
        self.requests.append(request)
        data = request.data
        limits.check_message(
            data.get("content"), [discord.Embed.from_dict(e) for e in data.get("embeds") or []]
        )
        if request.is_callback:
            return {"interaction": {"id": "1", "type": 2}}
        if route.method in ("POST", "PATCH"):
            return message_payload(**{k: v for k, v in data.items() if k == "content"})
        return None

    def after_ack(self) -> list[Request]:
        """Return the requests made after the acknowledgement."""
        return [r for r in self.requests if not r.is_callback]

    @property
    def ack(self) -> Request:
        """Return the interaction callback."""
        return next(r for r in self.requests if r.is_callback)

    @property
    def last(self) -> Request:
        """Return the last request."""
        return self.requests[-1]


class _Keep(dict):
    def __init__(self, route: Any) -> None:
        super().__init__()
        self.route = route

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def member_payload(user_id: int, permissions: str = "0", roles: tuple[int, ...] = ()) -> dict:
    """Return a guild member as an interaction carries it."""
    return {
        "user": {
            "id": str(user_id),
            "username": f"user{user_id % 1000}",
            "discriminator": "0",
            "avatar": None,
        },
        "roles": [str(r) for r in roles],
        "flags": 0,
        "joined_at": "2025-01-01T00:00:00+00:00",
        "permissions": permissions,
    }


def command_payload(
    name: str,
    options: dict[str, str] | None = None,
    *,
    sub: str | None = None,
    group: str | None = None,
    user_id: int = 42,
    permissions: str = "0",
    roles: tuple[int, ...] = (),
) -> dict:
    """Return an INTERACTION_CREATE payload for a (sub)command with string options."""
    opts: list[dict[str, Any]] = [
        {"name": k, "type": 3, "value": v} for k, v in (options or {}).items()
    ]
    if sub is not None:
        opts = [{"name": sub, "type": 1, "options": opts}]
    if group is not None:
        opts = [{"name": group, "type": 2, "options": opts}]
    return {
        "id": str(next_id()),
        "application_id": str(APP_ID),
        "type": 2,
        "token": f"token-{next_id()}",
        "version": 1,
        "attachment_size_limit": 8_000_000,
        "guild_id": str(GUILD_ID),
        "channel_id": str(CHANNEL_ID),
        "channel": {"id": str(CHANNEL_ID), "type": 0, "name": "news", "position": 0},
        "member": member_payload(user_id, permissions, roles),
        "authorizing_integration_owners": {"0": str(GUILD_ID)},
        "context": 0,
        "data": {"id": str(next_id()), "name": name, "type": 1, "options": opts},
    }


def component_payload(custom_id: str, message: dict, *, user_id: int = 42) -> dict:
    """Return an INTERACTION_CREATE payload for a button press on ``message``."""
    payload = command_payload("x", user_id=user_id)
    payload["type"] = 3
    payload["data"] = {"custom_id": custom_id, "component_type": 2}
    payload["message"] = message
    return payload


def interaction(client: discord.Client, payload: dict) -> discord.Interaction:
    """Return a real interaction built from ``payload`` for ``client``."""
    return discord.Interaction(data=payload, state=client._connection)  # type: ignore[arg-type]
