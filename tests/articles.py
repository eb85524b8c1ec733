"""The test articles, written once: the seed coverage, small articles, news pages and feeds.

Plain helpers (no fixtures), imported by the tests of every layer.
"""

from __future__ import annotations

import html
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "corpus"
"""The bundled seed coverage (never changed by a test: copy it, see the ``seed_corpus`` fixture)."""
SHARED = REPO.parent / "shared"
SEED_QUESTION = "How much did the Oregon sheriff's office pay to upload its photos?"
"""Answered by the seed coverage with the $700 quote."""

PARAGRAPHS = [
    "The harbour authority approved a plan on Thursday to dredge the northern channel, "
    "allowing container ships of up to 14 metres draught to reach the inner docks.",
    "Officials said the work would begin in September and take eighteen months, at a cost "
    "of 42 million euros shared between the port and the regional government.",
    "Fishermen's associations objected that the dredging would disturb spawning grounds, "
    "and asked for the work to pause every spring.",
]

IBM_TITLE = "IBM quits facial recognition"
IBM_TEXT = "IBM said on Monday it will get out of the facial-recognition business altogether."


def write_article(folder: Path, name: str, title: str, text: str, **meta: str) -> Path:
    """Write one Markdown article with front matter into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    front = "\n".join(f"{k}: {v}" for k, v in {"title": title, **meta}.items())
    path = folder / name
    path.write_text(f"---\n{front}\n---\n\n{text}\n", encoding="utf-8")
    return path


def add_ibm_article(folder: Path) -> Path:
    """Write the one-paragraph IBM article as ``ibm.md`` (a file a reload reports as added)."""
    return write_article(folder, "ibm.md", IBM_TITLE, IBM_TEXT)


def add_fillers(folder: Path, count: int) -> None:
    """Write ``count`` long filler articles, so that a rebuild takes a while."""
    for i in range(count):
        body = f"Filler article {i} about city budgets and road repairs in a small town. " * 20
        write_article(folder, f"filler-{i}.md", f"Filler {i}", body)


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


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` with its bytes, to show that nothing changed."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }
