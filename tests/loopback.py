"""A real HTTP server on 127.0.0.1 for ingestion tests, and the fetch policy that allows it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

from index.ingest import FetchPolicy

LOOPBACK = FetchPolicy(allowed_networks=("127.0.0.1/32",), timeout_seconds=5.0)
"""The policy switch for tests: loopback only, everything else refused as by default."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Site:
    """A real aiohttp server on 127.0.0.1 whose routes a test fills in."""

    base: str = ""
    routes: dict[str, Handler] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        """Return the absolute URL of ``path`` on this server."""
        return f"{self.base}{path}"

    def page(self, path: str, text: str, content_type: str = "text/html") -> str:
        """Serve ``text`` at ``path`` and return its URL."""

        async def handler(_: web.Request) -> web.StreamResponse:
            return web.Response(text=text, content_type=content_type)

        self.routes[path] = handler
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        """Redirect ``path`` to ``location`` and return its URL."""

        async def handler(_: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": location})

        self.routes[path] = handler
        return self.url(path)


async def serve_site() -> AsyncIterator[Site]:
    """Serve a fresh :class:`Site` on an ephemeral loopback port until closed."""
    served = Site()

    async def dispatch(request: web.Request) -> web.StreamResponse:
        served.hits.append(request.path)
        handler = served.routes.get(request.path)
        if handler is None:
            raise web.HTTPNotFound()
        return await handler(request)

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", dispatch)
    runner = web.AppRunner(app)
    await runner.setup()
    tcp = web.TCPSite(runner, "127.0.0.1", 0)
    await tcp.start()
    port = runner.addresses[0][1]
    served.base = f"http://127.0.0.1:{port}"
    yield served
    await runner.cleanup()
