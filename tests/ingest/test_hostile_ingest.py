"""Hostile attachments, pages and feeds: alias bombs, over-long metadata, links, duplicate floods."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from index.corpus.formats import FIELD_LIMITS
from index.ingest import BadFileError, IngestConfig, Library
from tests.articles import PARAGRAPHS, article_html, rss
from tests.fakes import CorpusEngine
from tests.index.test_hostile_corpus import ALIAS_BOMB
from tests.loopback import Site

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_an_alias_bomb_attachment_is_refused(library: Library, corpus: Path) -> None:
    """The 751-byte alias bomb sent as an attachment is refused by name; nothing is written."""
    with pytest.raises(BadFileError, match="alias"):
        await library.add_file("bomb.md", ALIAS_BOMB.encode(), actor="discord:1")
    assert list(corpus.iterdir()) == []


async def test_a_page_with_huge_metadata_is_added_with_capped_fields(
    site: Site, library: Library
) -> None:
    """A 1,979-character author and 1,500-character site name are cut at parse time."""
    page = article_html(
        "A page with absurd metadata",
        PARAGRAPHS,
        site="S" * 1500,
        author="Reporter " * 220,
    )
    result = await library.add_url(site.page("/huge", page), actor="discord:1")
    assert result.author is not None and len(result.author) <= FIELD_LIMITS["author"]
    assert result.outlet is not None and len(result.outlet) <= FIELD_LIMITS["outlet"]


async def test_a_link_in_the_corpus_can_be_removed_by_its_name(
    library: Library, corpus: Path, config: IngestConfig
) -> None:
    """`/coverage remove passwd.txt` moves the link itself out; its target is untouched."""
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    before = Path("/etc/passwd").read_bytes()
    result = await library.remove("passwd.txt", actor="discord:1")
    assert result.path == "passwd.txt"
    assert not (corpus / "passwd.txt").is_symlink()
    moved = config.removed_folder / result.removed_path
    assert moved.is_symlink() and Path("/etc/passwd").read_bytes() == before


async def test_a_feed_poll_is_bounded_by_fetches_not_admissions(
    site: Site, config: IngestConfig, corpus: Path
) -> None:
    """400 entries whose pages share one text cost at most the cap (10) GETs in one poll."""
    same = article_html("The same story everywhere", PARAGRAPHS)
    items = []
    for n in range(400):
        site.page(f"/copy/{n}", same)
        items.append((f"g{n}", f"/copy/{n}", html.escape(f"Copy {n}")))
    feed = site.page("/flood.xml", rss(site.base, items), content_type="application/rss+xml")
    library = Library(config, CorpusEngine(corpus))
    await library.feeds.follow(feed, actor="t")
    result = await library.feeds.poll(feed)
    fetched = [hit for hit in site.hits if hit.startswith("/copy/")]
    assert len(fetched) <= config.feed_max_entries
    assert len(result.added) == 1
    again = await library.feeds.poll(feed)
    assert len([h for h in site.hits if h.startswith("/copy/")]) <= 2 * config.feed_max_entries
    assert again.added == ()
