"""The address policy and the file naming rules, as pure functions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest.files import safe_child, slugify, write_new
from index.ingest.policy import FetchPolicy


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",  # noqa: S104 - an address under test, nothing binds
        "240.0.0.1",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::1",
        "not-an-address",
    ],
)
def test_private_and_reserved_addresses_are_refused_by_default(address: str) -> None:
    """Loopback, private, link-local, shared, reserved and mapped addresses are refused."""
    assert not FetchPolicy().allows(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address: str) -> None:
    """Globally routable addresses are allowed."""
    assert FetchPolicy().allows(address)


def test_allowed_networks_open_only_themselves() -> None:
    """An allowed network lets its addresses through and nothing else private."""
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",))
    assert policy.allows("127.0.0.1")
    assert not policy.allows("127.0.0.2")
    assert not policy.allows("10.0.0.1")


def test_allow_private_switch_allows_everything() -> None:
    """The configuration switch allows private addresses."""
    assert FetchPolicy(allow_private=True).allows("10.0.0.1")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("..", "article"),
        ("/absolute/path", "absolute-path"),
        ("C:\\Windows\\system32", "c-windows-system32"),
        (".hidden", "hidden"),
        ("Zürich's café: 3 «new» rules", "zurich-s-cafe-3-new-rules"),
        ("", "article"),
        ("中文标题", "article"),
    ],
)
def test_slugs_are_safe_file_names(title: str, slug: str) -> None:
    """Titles with path tricks or no ASCII letters give plain, safe slugs."""
    assert slugify(title) == slug


def test_long_titles_are_cut_at_a_word() -> None:
    """Slugs stay short and end at a word boundary."""
    slug = slugify("word " * 40)
    assert len(slug) <= 80
    assert not slug.endswith("-")


def test_write_new_never_overwrites(tmp_path: Path) -> None:
    """A second file with the same slug gets a numbered name; the first is untouched."""
    first = write_new(tmp_path, "same", ".md", b"one")
    second = write_new(tmp_path, "same", ".md", b"two")
    assert (first.name, second.name) == ("same.md", "same-2.md")
    assert first.read_bytes() == b"one"


def test_safe_child_refuses_escapes(tmp_path: Path) -> None:
    """A relative path that climbs out of its folder is refused."""
    with pytest.raises(ValueError, match="unsafe"):
        safe_child(tmp_path, "../outside.md")
