"""The one way untrusted text (quotes, titles, file names, reasons) reaches Discord markdown.

Everything an article, a file name, a feed or a fetched page says is shown literally: every
character that Discord's markdown gives a meaning is backslash-escaped (a backslash before ASCII
punctuation renders as that character alone), so no masked link ``[text](url)``, autolink
``<url>``, mention, emphasis, code, spoiler, heading, list or block quote can come from it.
``discord.utils.escape_markdown`` is not enough: it escapes only the first ``[`` of a line.

Bold highlights are placed on the escaped text through an offset map, so a highlight boundary
can never fall between a backslash and the character it escapes. URLs are shown only when they
are http(s) and at most 2,048 characters (Discord's limit for an embed URL); otherwise dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import urlsplit

MAX_URL = 2048
ALWAYS = frozenset("\\*_~`|[]()<>#@:")
"""Escaped wherever they are: emphasis, code, spoilers, masked links, autolinks and bare URLs
(``https\\://`` is not linked), mentions, timestamps, headings and block quotes."""
LINE_START = frozenset("-+")
"""Escaped at the start of a line (after spaces): list items, ``-#`` subtext, setext rules."""
_ORDERED = re.compile(r"[ \t]*\d+(?=[.)])")
_LINK_UNSAFE = {c: f"%{ord(c):02X}" for c in "()<>[]\"'`\\| "}


def plain(text: str) -> str:
    """Return ``text`` as one line without control characters (embed titles, footers, names).

    Discord shows those parts without links, so they need no escaping, only no line breaks.
    """
    text = " ".join(text.split())
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cc")


def escape_map(text: str) -> tuple[str, list[int]]:
    """Return ``text`` escaped, and where each character (and the end) lands in the result.

    ``positions[i]`` is the index in the result of the escape (or character) for ``text[i]``;
    ``positions[len(text)]`` is the result's length.
    """
    out: list[str] = []
    positions: list[int] = []
    size = 0
    line_start = True
    ordered_end = -1
    for index, ch in enumerate(text):
        positions.append(size)
        if line_start and ch not in " \t":
            match = _ORDERED.match(text, index)
            ordered_end = match.end() if match else -1
        needs = ch in ALWAYS or (line_start and ch in LINE_START) or index == ordered_end
        if ch == "\r" or (unicodedata.category(ch) == "Cc" and ch not in "\n\t"):
            piece = ""  # control characters never reach Discord (nor a terminal)
        else:
            piece = "\\" + ch if needs else ch
        out.append(piece)
        size += len(piece)
        if ch == "\n":
            line_start = True
        elif ch not in " \t":
            line_start = False
    positions.append(size)
    return "".join(out), positions


def escape(text: str) -> str:
    """Return ``text`` so that Discord shows it literally (see the module's docstring)."""
    return escape_map(text)[0]


def escape_with_bold(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Return ``text`` escaped, with the characters inside ``spans`` in bold.

    Spans are trimmed to non-space characters (markdown bolds only then) and merged when they
    touch; the ``**`` markers go between escapes, never inside one.
    """
    escaped, positions = escape_map(text)
    marks: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        a, b = max(a, 0), min(b, len(text))
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a >= b:
            continue
        if marks and a <= marks[-1][1]:
            marks[-1] = (marks[-1][0], max(b, marks[-1][1]))
        else:
            marks.append((a, b))
    pieces: list[str] = []
    cursor = 0
    for a, b in marks:
        pieces += [escaped[cursor : positions[a]], "**", escaped[positions[a] : positions[b]], "**"]
        cursor = positions[b]
    pieces.append(escaped[cursor:])
    return "".join(pieces)


def safe_url(url: str | None) -> str | None:
    """Return ``url`` if it is an http(s) URL of at most 2,048 characters, else ``None``."""
    if not url or len(url) > MAX_URL:
        return None
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def link_target(url: str | None) -> str | None:
    """Return ``url`` ready for a masked link's ``(<...>)``, or ``None`` if not a safe URL.

    Characters that could close the link or the brackets are percent-encoded.
    """
    safe = safe_url(url)
    if safe is None:
        return None
    encoded = "".join(_LINK_UNSAFE.get(ch, ch) for ch in safe)
    return encoded if len(encoded) <= MAX_URL else None


def masked_link(text: str, url: str | None) -> str:
    """Return ``text`` escaped, as a masked link to ``url`` when it is safe, else in bold."""
    target = link_target(url)
    shown = escape(text)
    return f"[{shown}](<{target}>)" if target else f"**{shown}**"
