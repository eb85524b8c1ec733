"""The gateway websocket: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE, RESUME, dispatch.

Frames are sent as plain text; discord.py never decompresses text frames, so its
``compress=zlib-stream`` query is ignored. Each IDENTIFY opens a session (one per shard); the
session keeps its dispatched frames so a RESUME replays what the client missed.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

_log = logging.getLogger(__name__)
HELLO, HEARTBEAT, IDENTIFY, RESUME, INVALID_SESSION, HEARTBEAT_ACK = 10, 1, 2, 6, 9, 11


@dataclass
class Session:
    """One gateway session (a shard), which outlives its websocket so it can be resumed."""

    id: str
    shard: tuple[int, int]
    intents: int
    ws: web.WebSocketResponse | None = None
    check: Callable[[str, dict[str, Any]], None] | None = None
    """Called with every dispatch before it is sent (the spec check of the fake's payloads)."""
    seq: int = 0
    frames: list[dict[str, Any]] = field(default_factory=list)

    def owns(self, guild_id: int) -> bool:
        """Whether this shard receives the guild's events (Discord's sharding formula)."""
        shard_id, count = self.shard
        return (guild_id >> 22) % count == shard_id

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        """Send a DISPATCH frame (kept for RESUME replay)."""
        if self.check is not None:
            self.check(event, data)
        self.seq += 1
        frame = {"op": 0, "s": self.seq, "t": event, "d": data}
        self.frames.append(frame)
        if self.ws is not None and not self.ws.closed:
            await self.ws.send_str(json.dumps(frame))


@dataclass
class GatewayConfig:
    """What the gateway needs from the facade: READY/GUILD_CREATE builders and knobs."""

    ready: Callable[[Session], dict[str, Any]]
    guild_create: Callable[[int], dict[str, Any]]
    guild_ids: Callable[[], list[int]]
    notify: Callable[[], None]
    heartbeat_interval_ms: int = 41250
    reject_identify: int | None = None
    expected_token: str | None = None
    check_event: Callable[[str, dict[str, Any]], None] | None = None


class Gateway:
    """Serves ``/gateway`` and routes dispatches to the session owning the guild."""

    def __init__(self, config: GatewayConfig) -> None:
        self.config = config
        self.sessions: dict[str, Session] = {}
        self.sockets: set[web.WebSocketResponse] = set()
        self.identifies = 0
        self.resumes = 0

    def ready_sessions(self) -> list[Session]:
        """Sessions with an open websocket."""
        return [s for s in self.sessions.values() if s.ws is not None and not s.ws.closed]

    def session_for(self, guild_id: int) -> Session | None:
        """Return the live session that receives this guild's events."""
        for session in self.ready_sessions():
            if session.owns(guild_id):
                return session
        return None

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        """Run one websocket connection until it closes."""
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.sockets.add(ws)
        await ws.send_str(
            json.dumps(
                {"op": HELLO, "d": {"heartbeat_interval": self.config.heartbeat_interval_ms}}
            )
        )
        try:
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    await self._receive(ws, json.loads(msg.data))
        finally:
            self.sockets.discard(ws)
            self._bump()
        return ws

    def _bump(self) -> None:
        self.config.notify()

    async def _receive(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        op, data = frame.get("op"), frame.get("d")
        if op == HEARTBEAT:
            await ws.send_str(json.dumps({"op": HEARTBEAT_ACK}))
        elif op == IDENTIFY:
            await self._identify(ws, data or {})
        elif op == RESUME:
            await self._resume(ws, data or {})
        else:
            _log.debug("fake gateway ignores op %s", op)

    def _token_ok(self, token: object) -> bool:
        expected = self.config.expected_token
        return isinstance(token, str) and (expected is None or token == expected)

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        self.identifies += 1
        if self.config.reject_identify is not None:
            _log.info("fake gateway closes with %s on IDENTIFY", self.config.reject_identify)
            await ws.close(code=self.config.reject_identify, message=b"Disallowed intent(s).")
            return
        if not self._token_ok(data.get("token")):
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        shard = data.get("shard") or [0, 1]
        session = Session(
            secrets.token_hex(8),
            (int(shard[0]), int(shard[1])),
            int(data.get("intents") or 0),
            ws,
            self.config.check_event,
        )
        self.sessions[session.id] = session
        await session.dispatch("READY", self.config.ready(session))
        for guild_id in self.config.guild_ids():
            if session.owns(guild_id):
                await session.dispatch("GUILD_CREATE", self.config.guild_create(guild_id))
        _log.info("fake gateway: shard %s/%s identified", *session.shard)
        self._bump()

    async def _resume(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        session = self.sessions.get(str(data.get("session_id")))
        if session is None or not self._token_ok(data.get("token")):
            await ws.send_str(json.dumps({"op": INVALID_SESSION, "d": False}))
            return
        self.resumes += 1
        session.ws = ws
        missed = [f for f in session.frames if f["s"] > int(data.get("seq") or 0)]
        for frame in missed:
            await ws.send_str(json.dumps(frame))
        await session.dispatch("RESUMED", {})
        _log.info("fake gateway: session resumed, %d events replayed", len(missed))
        self._bump()

    async def close_all(self, code: int) -> None:
        """Close every open websocket with ``code``."""
        for ws in list(self.sockets):
            await ws.close(code=code, message=b"closed by test")
