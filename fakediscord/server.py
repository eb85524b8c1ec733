"""The aiohttp server on 127.0.0.1 (random free port), and pointing discord.py at it.

Exactly two class attributes are patched while the server runs, and restored afterwards:
``discord.http.Route.BASE`` (REST, webhooks and interaction callbacks all build ``Route``s) and
``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY``.
"""

from __future__ import annotations

import logging
import socket

import discord.gateway
import discord.http
import yarl
from aiohttp import web

from .gateway import Gateway
from .rest_core import add_core_routes, unknown_route
from .rest_messages import add_message_routes
from .rest_support import API_PREFIX, CONFIG_KEY, STORE_KEY, ServerConfig, recording_middleware
from .state import Store

_log = logging.getLogger(__name__)


def build_app(store: Store, config: ServerConfig, gateway: Gateway) -> web.Application:
    """Assemble the REST routes, the recording middleware and the gateway endpoint."""
    app = web.Application(middlewares=[recording_middleware], client_max_size=64 * 1024 * 1024)
    app[STORE_KEY] = store
    app[CONFIG_KEY] = config
    add_core_routes(app)
    add_message_routes(app)
    app.router.add_route("*", API_PREFIX + "/{tail:.*}", unknown_route, name="unknown")
    app.router.add_get("/gateway", gateway.handle)
    return app


class Server:
    """Runs the app on loopback and patches discord.py's two base URLs while running."""

    def __init__(self, app: web.Application) -> None:
        self.app = app
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._saved: tuple[str, yarl.URL] | None = None

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def gateway_url(self) -> str:
        """``ws://127.0.0.1:PORT/gateway``."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    async def start(self) -> None:
        """Bind a free loopback port, serve, and patch discord.py."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        self._saved = (discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY)
        discord.http.Route.BASE = self.origin + API_PREFIX
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        _log.info("fake discord listening on %s", self.origin)

    async def stop(self) -> None:
        """Restore discord.py's URLs and stop serving."""
        if self._saved is not None:
            discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = self._saved
            self._saved = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
