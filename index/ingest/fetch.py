"""Fetch one web page safely: bounded in time, size and redirects, never to a private address.

Every hop (the link and each redirect) is checked: an IP written in the URL is checked here, a
host name is resolved by :class:`CheckingResolver`, which hands aiohttp only the addresses it has
checked, so the connection goes to an address that passed the policy (no DNS rebinding between
the check and the connection). Proxies from the environment are ignored for the same reason.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass

import aiohttp
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver
from yarl import URL

from index.corpus.formats import hides_host
from index.ingest.errors import (
    FetchRefusedError,
    NotHtmlError,
    PrivateAddressError,
    TooLargeError,
    UnreachableError,
)
from index.ingest.policy import HTML_TYPES, FetchPolicy, is_ip_literal

log = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchedPage:
    """The body of a page and where it was finally found."""

    url: str
    """The URL after redirects."""
    content_type: str
    charset: str | None
    body: bytes

    def text(self) -> str:
        """Return the body decoded with the declared charset (UTF-8 otherwise)."""
        try:
            return self.body.decode(self.charset or "utf-8", errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


class _RefusedAddress(OSError):
    """Raised inside aiohttp's resolution step when no resolved address is allowed."""

    def __init__(self, host: str) -> None:
        super().__init__(f"no allowed address for {host}")
        self.host = host


class CheckingResolver(AbstractResolver):
    """Resolve with the system resolver, then keep only the addresses the policy allows."""

    def __init__(self, policy: FetchPolicy, inner: AbstractResolver | None = None) -> None:
        self._policy = policy
        self._inner = inner if inner is not None else ThreadedResolver()

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Return the allowed addresses of ``host``; refuse when none is allowed."""
        results = await self._inner.resolve(host, port, family)
        allowed = [r for r in results if self._policy.allows(r["host"])]
        if not allowed:
            log.warning("refused %s: resolves only to non-public addresses", host)
            raise _RefusedAddress(host)
        return allowed

    async def close(self) -> None:
        """Release the inner resolver."""
        await self._inner.close()


def check_url(url: URL, policy: FetchPolicy) -> None:
    """Refuse a link that is not http(s), hides its host or names a forbidden IP address."""
    if url.scheme not in ("http", "https") or not url.host:
        raise FetchRefusedError("refused: only http and https links can be added")
    if url.raw_user is not None or url.raw_password is not None or hides_host(str(url)):
        raise FetchRefusedError(
            "refused: the link has a user name before its host (user@host), which hides "
            "the site it leads to"
        )
    if not host_name_valid(url.raw_host or ""):
        raise FetchRefusedError("refused: the host name is too long or malformed")
    if is_ip_literal(url.host) and not policy.allows(url.host):
        raise PrivateAddressError(url.host)


def host_name_valid(host: str) -> bool:
    """Tell whether a host name can be looked up (at most 253 characters, labels of 1 to 63).

    Measured once IDNA-encoded: a longer name made the resolver raise ``UnicodeError``.
    """
    try:
        encoded = host.rstrip(".").encode("idna")
    except UnicodeError:
        return False
    return 0 < len(encoded) <= 253 and all(0 < len(label) <= 63 for label in encoded.split(b"."))


def parse_url(link: str) -> URL:
    """Return the link as a URL, or refuse it as not a link."""
    try:
        url = URL(link.strip())
    except (ValueError, TypeError) as exc:
        raise FetchRefusedError("refused: not a valid link") from exc
    if not url.is_absolute():
        raise FetchRefusedError("refused: not a valid link")
    return url.with_fragment(None)


async def fetch(
    link: str, policy: FetchPolicy, accept: tuple[str, ...] = HTML_TYPES
) -> FetchedPage:
    """Fetch ``link`` under ``policy`` and return the page; raise an ``IngestError`` otherwise."""
    url = parse_url(link)
    connector = aiohttp.TCPConnector(
        resolver=CheckingResolver(policy), use_dns_cache=False, limit=4
    )
    timeout = aiohttp.ClientTimeout(
        total=policy.timeout_seconds, sock_connect=policy.timeout_seconds / 2
    )
    headers = {"User-Agent": policy.user_agent, "Accept": ", ".join(accept)}
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, trust_env=False, headers=headers
    ) as session:
        for _ in range(policy.max_redirects + 1):
            check_url(url, policy)
            page_or_next = await _get_once(session, url, policy, accept)
            if isinstance(page_or_next, FetchedPage):
                return page_or_next
            url = page_or_next
    raise FetchRefusedError(f"refused: more than {policy.max_redirects} redirects")


async def _get_once(
    session: aiohttp.ClientSession, url: URL, policy: FetchPolicy, accept: tuple[str, ...]
) -> FetchedPage | URL:
    """Do one request: return the page, or the next URL when redirected."""
    host = url.host or "the site"
    try:
        async with session.get(url, allow_redirects=False) as resp:
            if resp.status in _REDIRECTS:
                location = resp.headers.get("Location")
                if not location:
                    raise UnreachableError("unreachable: a redirect without a target")
                return url.join(URL(location)).with_fragment(None)
            if resp.status >= 400:
                raise UnreachableError(f"unreachable: {host} answered {resp.status}")
            if resp.content_type not in accept:
                raise NotHtmlError(resp.content_type)
            if resp.content_length is not None and resp.content_length > policy.max_bytes:
                raise TooLargeError(policy.max_bytes)
            body = await _read_capped(resp, policy.max_bytes)
            return FetchedPage(str(url), resp.content_type, resp.charset, body)
    except aiohttp.ClientConnectorError as exc:
        if isinstance(exc.os_error, _RefusedAddress):
            raise PrivateAddressError(exc.os_error.host) from None
        log.info("cannot connect to %s: %s", host, exc)
        raise UnreachableError(f"unreachable: cannot connect to {host}") from exc
    except TimeoutError as exc:
        raise UnreachableError(
            f"unreachable: {host} did not answer within {policy.timeout_seconds:g} s"
        ) from exc
    except (aiohttp.InvalidURL, UnicodeError) as exc:
        raise FetchRefusedError("refused: not a valid link") from exc
    except aiohttp.ClientError as exc:
        log.info("fetching %s failed: %s", url, exc)
        raise UnreachableError(f"unreachable: {host} could not be read") from exc


async def _read_capped(resp: aiohttp.ClientResponse, limit: int) -> bytes:
    """Read the (decompressed) body, stopping as soon as it passes ``limit`` bytes."""
    parts: list[bytes] = []
    size = 0
    async for chunk in resp.content.iter_chunked(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise TooLargeError(limit)
        parts.append(chunk)
    return b"".join(parts)


__all__ = ["CheckingResolver", "FetchedPage", "check_url", "fetch", "parse_url"]
