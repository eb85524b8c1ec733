"""Fixtures for ingestion tests: a real HTTP server on loopback, pages, feeds and a library."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import pytest_asyncio
from aiohttp import web

from index.config import MAX_FILE_BYTES
from index.corpus import load_corpus
from index.ingest import FetchPolicy, IngestConfig, Library
from index.models import ArticleInfo, BuildReport

LOOPBACK = FetchPolicy(allowed_networks=("127.0.0.1/32",), timeout_seconds=5.0)
"""The policy switch for tests: loopback only, everything else refused as by default."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def article_html(
    title: str,
    paragraphs: list[str],
    site: str = "The Loopback Gazette",
    author: str = "Ada Reporter",
    date: str = "2024-05-02",
) -> str:
    """Return a news page with navigation, one article and a footer."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{html.escape(title)} | {site}</title>"
        f'<meta property="og:site_name" content="{site}">'
        f'<meta name="author" content="{author}">'
        f'<meta property="article:published_time" content="{date}T08:00:00Z">'
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    )


def rss(base: str, items: list[tuple[str, str, str]]) -> str:
    """Return an RSS 2.0 document with ``(guid, path, title)`` items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{base}{p}</link><guid>{g}</guid></item>"
        for g, p, t in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title>'
        f"<link>{base}/</link><description>test</description>{entries}</channel></rss>"
    )


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


@pytest_asyncio.fixture(loop_scope="session")
async def site() -> AsyncIterator[Site]:
    """Serve a fresh :class:`Site` on an ephemeral loopback port."""
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


class CorpusEngine:
    """A stand-in for the engine in fast tests: "rebuilds" by reading the corpus as the loader does.

    Model-backed tests use the real engine; this one lets the rest run without a model.
    """

    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = corpus_dir
        self.rebuilds = 0
        self.rebuilding = False
        self._served: tuple[ArticleInfo, ...] = ()

    def rebuild(self, corpus_dir: Path | None = None) -> BuildReport:
        """Read the corpus and serve its articles (one passage per paragraph)."""
        self.rebuilds += 1
        contents = load_corpus(corpus_dir or self.corpus_dir, MAX_FILE_BYTES)
        self._served = tuple(
            ArticleInfo(a.source, a.title, a.outlet, a.published, a.url, a.text.count("\n\n") + 1)
            for a in contents.articles
        )
        return BuildReport(
            str(self.rebuilds),
            (),
            (),
            (),
            (),
            contents.failed,
            contents.duplicates,
            len(contents.articles),
            sum(a.passages for a in self._served),
            0,
        )

    def articles(self) -> tuple[ArticleInfo, ...]:
        """Return what the last rebuild served."""
        return self._served


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Return an empty corpus folder inside the test's own folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


@pytest.fixture
def config(tmp_path: Path, corpus: Path) -> IngestConfig:
    """Return an ingestion configuration allowing loopback only, with a low length minimum."""
    return IngestConfig(
        corpus_dir=corpus, data_dir=tmp_path / "var", policy=LOOPBACK, min_article_chars=200
    )


@pytest.fixture
def engine(corpus: Path) -> CorpusEngine:
    """Return the fast stand-in engine over the test corpus."""
    return CorpusEngine(corpus)


@pytest.fixture
def library(config: IngestConfig, engine: CorpusEngine) -> Library:
    """Return a library over the test corpus with the stand-in engine."""
    return Library(config, engine)


PARAGRAPHS = [
    "The harbour authority approved a plan on Thursday to dredge the northern channel, "
    "allowing container ships of up to 14 metres draught to reach the inner docks.",
    "Officials said the work would begin in September and take eighteen months, at a cost "
    "of 42 million euros shared between the port and the regional government.",
    "Fishermen's associations objected that the dredging would disturb spawning grounds, "
    "and asked for the work to pause every spring.",
]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` with its bytes, to show that nothing changed."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
