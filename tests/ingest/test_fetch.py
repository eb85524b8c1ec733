"""The safe fetcher against a real loopback server: limits, types, redirects and addresses."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from index.ingest import (
    FetchPolicy,
    FetchRefusedError,
    NotHtmlError,
    PrivateAddressError,
    TooLargeError,
    UnreachableError,
)
from index.ingest.fetch import fetch
from tests.loopback import LOOPBACK, Site

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.fixture
def no_requests(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Fail the test if any HTTP request is even started."""
    started: list[Any] = []

    async def refuse(self: aiohttp.ClientSession, method: str, url: Any, **_: Any) -> None:
        started.append(url)
        raise AssertionError(f"a request to {url} was started")

    monkeypatch.setattr(aiohttp.ClientSession, "_request", refuse)
    yield started
    assert started == []


async def test_fetches_a_page_on_an_allowed_address(site: Site) -> None:
    """A page on an allowed address comes back with its final URL and type."""
    url = site.page("/a", "<html><body><p>hello</p></body></html>")
    page = await fetch(url, LOOPBACK)
    assert page.url == url
    assert page.content_type == "text/html"
    assert b"hello" in page.body


@pytest.mark.parametrize(
    "link",
    [
        "http://10.0.0.1/article",
        "http://169.254.169.254/latest/meta-data/",
        "http://192.168.0.10:8080/x",
        "http://[::1]/x",
        "http://[::ffff:10.0.0.1]/x",
    ],
)
async def test_private_literal_addresses_are_refused_without_any_request(
    link: str, no_requests: list[Any]
) -> None:
    """Links naming a private address are refused before any request is sent."""
    with pytest.raises(PrivateAddressError, match="private or local address"):
        await fetch(link, FetchPolicy())


async def test_loopback_is_refused_by_default(site: Site) -> None:
    """The default policy refuses the loopback server itself: no request reaches it."""
    url = site.page("/a", "<p>x</p>")
    with pytest.raises(PrivateAddressError):
        await fetch(url, FetchPolicy())
    assert site.hits == []


async def test_a_hostname_resolving_to_loopback_is_refused(site: Site) -> None:
    """``localhost`` is checked after DNS resolution and refused; no request reaches it."""
    site.page("/a", "<p>x</p>")
    port = site.base.rsplit(":", 1)[1]
    with pytest.raises(PrivateAddressError, match="localhost"):
        await fetch(f"http://localhost:{port}/a", FetchPolicy())
    assert site.hits == []


async def test_a_hostname_is_fetched_through_its_checked_address(site: Site) -> None:
    """With loopback allowed, ``localhost`` is reached through the checked 127.0.0.1."""
    url = site.page("/a", "<p>via name</p>")
    port = site.base.rsplit(":", 1)[1]
    page = await fetch(f"http://localhost:{port}/a", LOOPBACK)
    assert b"via name" in page.body
    assert url.endswith("/a")


@pytest.mark.parametrize(
    "target", ["http://10.0.0.1/", "http://169.254.169.254/latest/", "http://127.0.0.2:{port}/a"]
)
async def test_a_redirect_to_a_private_address_is_refused(site: Site, target: str) -> None:
    """Each redirect hop is checked: a redirect to a private address is refused."""
    site.page("/a", "<p>secret</p>")
    port = site.base.rsplit(":", 1)[1]
    start = site.redirect("/go", target.format(port=port))
    with pytest.raises(PrivateAddressError):
        await fetch(start, LOOPBACK)
    assert site.hits == ["/go"]


async def test_redirects_are_followed_within_the_bound(site: Site) -> None:
    """A short redirect chain is followed; the page's final URL is reported."""
    final = site.page("/final", "<p>here</p>")
    site.redirect("/two", "/final", status=301)
    start = site.redirect("/one", site.url("/two"))
    page = await fetch(start, LOOPBACK)
    assert page.url == final


async def test_too_many_redirects_are_refused(site: Site) -> None:
    """A redirect loop stops after the configured number of hops."""
    start = site.redirect("/loop", "/loop")
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), max_redirects=3)
    with pytest.raises(FetchRefusedError, match="more than 3 redirects"):
        await fetch(start, policy)
    assert len(site.hits) == 4


async def test_non_html_is_refused(site: Site) -> None:
    """A PDF (or any non-HTML type) is refused with the type it had."""
    url = site.page("/doc", "%PDF-1.4", content_type="application/pdf")
    with pytest.raises(NotHtmlError, match="application/pdf"):
        await fetch(url, LOOPBACK)


async def test_a_large_page_is_refused_by_its_length(site: Site) -> None:
    """A page whose declared length is over the cap is refused."""
    url = site.page("/big", "<p>" + "x" * 5000 + "</p>")
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), max_bytes=1000)
    with pytest.raises(TooLargeError, match="1,000 bytes"):
        await fetch(url, policy)


async def test_a_large_streamed_page_is_cut_off(site: Site) -> None:
    """A chunked page with no declared length is cut off at the cap."""

    async def stream(request: web.Request) -> web.StreamResponse:
        resp = web.StreamResponse(headers={"Content-Type": "text/html"})
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        for _ in range(50):
            await resp.write(b"<p>" + b"y" * 1000 + b"</p>")
        await resp.write_eof()
        return resp

    site.routes["/stream"] = stream
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), max_bytes=10_000)
    with pytest.raises(TooLargeError):
        await fetch(site.url("/stream"), policy)


async def test_a_slow_site_times_out(site: Site) -> None:
    """A site slower than the timeout is reported unreachable."""

    async def slow(_: web.Request) -> web.StreamResponse:
        await asyncio.sleep(3)
        return web.Response(text="<p>late</p>", content_type="text/html")

    site.routes["/slow"] = slow
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), timeout_seconds=0.5)
    with pytest.raises(UnreachableError, match="did not answer"):
        await fetch(site.url("/slow"), policy)


async def test_an_error_status_is_unreachable(site: Site) -> None:
    """A 404 is reported as unreachable with the status."""
    with pytest.raises(UnreachableError, match="404"):
        await fetch(site.url("/missing"), LOOPBACK)


async def test_a_closed_port_is_unreachable() -> None:
    """Nothing listening is reported as unreachable."""
    with pytest.raises(UnreachableError, match="cannot connect"):
        await fetch("http://127.0.0.1:9/", LOOPBACK)


@pytest.mark.parametrize("link", ["ftp://example.com/a", "file:///etc/passwd", "not a link"])
async def test_only_http_links_are_fetched(link: str, no_requests: list[Any]) -> None:
    """Other schemes and non-links are refused before any request."""
    with pytest.raises(FetchRefusedError):
        await fetch(link, FetchPolicy())


@pytest.mark.parametrize("link", ["https://discord.com@evil.example/", "http://u:pw@127.0.0.1/a"])
async def test_a_link_with_user_info_is_refused(link: str, no_requests: list[Any]) -> None:
    """``https://discord.com@evil.example/`` reads as discord.com and leads to evil.example."""
    with pytest.raises(FetchRefusedError, match=r"user name before its host \(user@host\)"):
        await fetch(link, LOOPBACK)


async def test_a_redirect_to_a_link_with_user_info_is_refused(site: Site) -> None:
    """Each redirect hop is checked for user-info as for its address."""
    site.page("/a", "<p>here</p>")
    port = site.base.rsplit(":", 1)[1]
    start = site.redirect("/go", f"http://discord.com@127.0.0.1:{port}/a")
    with pytest.raises(FetchRefusedError, match="user name before its host"):
        await fetch(start, LOOPBACK)
    assert site.hits == ["/go"]
