"""Which addresses the fetcher may connect to, and the limits it keeps: pure and testable."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "text/plain",
    "text/html",
)
"""Feeds are often served with a generic type; feedparser decides whether they are feeds."""


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch and the address rule applied to every connection and redirect."""

    allow_private: bool = False
    """Allow every address (a test or an intranet deployment); off by default."""
    allowed_networks: tuple[str, ...] = ()
    """Networks allowed even though they are private (e.g. ``127.0.0.1/32`` for tests)."""
    max_bytes: int = 3_000_000
    timeout_seconds: float = 15.0
    max_redirects: int = 5
    user_agent: str = "coverbot/0.1 (+news coverage bot)"

    def networks(self) -> tuple[IPNetwork, ...]:
        """Return the explicitly allowed networks, parsed."""
        return tuple(ipaddress.ip_network(n, strict=False) for n in self.allowed_networks)

    def allows(self, address: str) -> bool:
        """Return whether a connection to this IP address is permitted."""
        ip = _parse(address)
        if ip is None:
            return False
        if self.allow_private or any(ip in net for net in self.networks()):
            return True
        return is_public(ip)


def _parse(address: str) -> IPAddress | None:
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def is_public(ip: IPAddress) -> bool:
    """Return whether an address is globally routable (not private, local or reserved)."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None and not is_public(embedded):
            return False
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
        or not ip.is_global
    )


def is_ip_literal(host: str) -> bool:
    """Return whether a URL host is written as an IP address."""
    return _parse(host.strip("[]")) is not None
