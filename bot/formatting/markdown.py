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
from itertools import accumulate
from urllib.parse import urlsplit

from index import hides_host

MAX_URL = 2048
ALWAYS = frozenset("\\*_~`|[]()<>#@:")
"""Escaped wherever they are: emphasis, code, spoilers, masked links, autolinks and bare URLs
(``https\\://`` is not linked), mentions, timestamps, headings and block quotes."""
LINE_START = frozenset("-+")
"""Escaped at the start of a line (after spaces): list items, ``-#`` subtext, setext rules."""
_ALWAYS = re.compile("[" + re.escape("".join(sorted(ALWAYS))) + "]")
_LINE_MARK = re.compile(r"^[ \t]*[" + re.escape("".join(sorted(LINE_START))) + "]", re.MULTILINE)
_ORDERED_MARK = re.compile(r"^[ \t]*\d+[.)]", re.MULTILINE)
"""An ordered list item's ``1.`` or ``1)``: the mark after the number is escaped."""
INVISIBLE = "\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
"""Invisible format characters never shown: the bidirectional marks, embeddings, overrides and
isolates that reorder what is displayed ("Mallory \\u202egnp.exe" shows as "Mallory exe.png"),
zero-width space, word joiner, invisible operators and the byte-order mark. The zero-width
joiner and non-joiner stay: emoji sequences and several scripts need them."""
_DROPPED = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{INVISIBLE}]")
"""Control characters (Unicode category Cc) but tab and line feed, and ``INVISIBLE``."""
_HIDDEN = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{INVISIBLE}]")
_LINK_UNSAFE = {c: f"%{ord(c):02X}" for c in "()<>[]\"'`\\| "}


def plain(text: str) -> str:
    """Return ``text`` as one line without control or invisible characters (footers, names).

    Discord shows footers and author names without markdown, so they need no escaping, only no
    line breaks. Embed titles do render emphasis, code and spoilers: see ``escape_line``.
    """
    return _HIDDEN.sub("", " ".join(text.split()))


def escape_line(text: str) -> str:
    """Return ``text`` as one escaped line: an embed title or name that Discord renders."""
    return escape(plain(text))


def escape_map(text: str) -> tuple[str, list[int]]:
    """Return ``text`` escaped, and where each character (and the end) lands in the result.

    ``positions[i]`` is the index in the result of the escape (or character) for ``text[i]``;
    ``positions[len(text)]`` is the result's length.

    The characters to escape or drop are found by regular expressions and the rest is copied in
    slices, so the cost is in C, not a Python step per character (a quote is rendered several
    times while it is fitted, on the event loop).
    """
    changes = {m.start(): 0 for m in _DROPPED.finditer(text)}
    for pattern in (_ALWAYS, _LINE_MARK, _ORDERED_MARK):
        changes.update((m.end() - 1, 2) for m in pattern.finditer(text))
    if not changes:
        return text, list(range(len(text) + 1))
    widths = [1] * len(text)
    pieces: list[str] = []
    cursor = 0
    for index in sorted(changes):
        width = changes[index]
        widths[index] = width
        pieces.append(text[cursor:index])
        if width:
            pieces.append("\\" + text[index])
        cursor = index + 1
    pieces.append(text[cursor:])
    return "".join(pieces), list(accumulate(widths, initial=0))


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
    """Return ``url`` if it is an http(s) URL of at most 2,048 characters, else ``None``.

    A URL with user-info (``https://discord.com@evil.example/``) is refused: it shows one site
    and leads to another.
    """
    if not url or len(url) > MAX_URL or hides_host(url):
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
