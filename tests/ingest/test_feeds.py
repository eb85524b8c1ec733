"""Feeds from a real RSS document on loopback: added once across restarts, failures isolated."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp import web

from index.ingest import FeedError, IngestConfig, Library
from tests.articles import PARAGRAPHS, article_html, rss
from tests.fakes import CorpusEngine
from tests.loopback import Site

pytestmark = pytest.mark.asyncio(loop_scope="session")


def story(n: int) -> list[str]:
    """Return the paragraphs of the n-th distinct story."""
    return [f"Story {n}: {p}" for p in PARAGRAPHS]


async def test_a_feed_entry_is_added_once_across_a_restart(
    site: Site, config: IngestConfig, corpus: Path
) -> None:
    """A new entry is added at the first poll, not again after a restart on the same data_dir."""
    site.page("/news/1", article_html("First story of the feed", story(1)))
    feed = site.page(
        "/feed.xml",
        rss(site.base, [("g1", "/news/1", "First")]),
        content_type="application/rss+xml",
    )
    first = Library(config, CorpusEngine(corpus))
    info = await first.feeds.follow(feed, actor="discord:1")
    assert info.title == "Loopback News"
    result = await first.feeds.poll(feed)
    assert [a.title for a in result.added] == ["First story of the feed"]

    site.page("/news/2", article_html("Second story of the feed", story(2)))
    feed_v2 = rss(site.base, [("g2", "/news/2", "Second"), ("g1", "/news/1", "First")])
    site.page("/feed.xml", feed_v2, content_type="application/rss+xml")
    restarted = Library(config, CorpusEngine(corpus))
    results = await restarted.feeds.poll_all()
    assert [a.title for r in results for a in r.added] == ["Second story of the feed"]
    assert results[0].skipped == 1
    again = await Library(config, CorpusEngine(corpus)).feeds.poll_all()
    assert again[0].added == () and again[0].skipped == 2
    assert site.hits.count("/news/1") == 1 and site.hits.count("/news/2") == 1
    assert len(list(corpus.iterdir())) == 2


async def test_a_failing_feed_never_stops_the_others(
    site: Site, library: Library, engine: CorpusEngine
) -> None:
    """A feed that breaks keeps its last error for status; the next feed is still polled."""
    site.page("/news/1", article_html("Story from the good feed", story(1)))
    good = site.page(
        "/good.xml", rss(site.base, [("g1", "/news/1", "x")]), content_type="application/rss+xml"
    )
    bad = site.page("/bad.xml", rss(site.base, []), content_type="application/rss+xml")
    await library.feeds.follow(bad, actor="t")
    await library.feeds.follow(good, actor="t")

    async def broken(_: web.Request) -> web.StreamResponse:
        return web.Response(status=500)

    site.routes["/bad.xml"] = broken
    results = await library.feeds.poll_all()
    assert [r.ok for r in results] == [False, True]
    assert len(results[1].added) == 1 and engine.rebuilds == 1
    status = await library.status()
    assert [f.url for f in status.failing_feeds] == [bad]
    assert "500" in (status.failing_feeds[0].last_error or "")
    assert status.feeds[1].articles_added == 1


async def test_a_bad_entry_is_reported_and_not_refetched(site: Site, library: Library) -> None:
    """An entry that is not an article is audited as failed and skipped afterwards."""
    site.page("/stub", article_html("Subscribe", ["Subscribe to read."]))
    feed = site.page(
        "/f.xml", rss(site.base, [("s", "/stub", "stub")]), content_type="application/rss+xml"
    )
    await library.feeds.follow(feed, actor="t")
    first = await library.feeds.poll(feed)
    assert first.failed and "too short" in first.failed[0].reason
    second = await library.feeds.poll(feed)
    assert (second.failed, second.skipped) == ((), 1)
    assert site.hits.count("/stub") == 1
    assert library.audit.recent(1)[0].actor == f"feed:{feed}"


async def test_unreachable_entries_are_retried(site: Site, library: Library) -> None:
    """An entry whose page is down is tried again at the next poll."""
    feed = site.page(
        "/f.xml", rss(site.base, [("d", "/down", "down")]), content_type="application/rss+xml"
    )
    await library.feeds.follow(feed, actor="t")
    assert (await library.feeds.poll(feed)).failed
    site.page("/down", article_html("Back up again story", story(3)))
    assert len((await library.feeds.poll(feed)).added) == 1


async def test_following_needs_a_feed(site: Site, library: Library) -> None:
    """A page that is not a feed, and a feed followed twice, are refused; remove and list work."""
    page = site.page("/page", "<html><body><p>hello</p></body></html>")
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        await library.feeds.follow(page, actor="t")
    feed = site.page("/f.xml", rss(site.base, []), content_type="application/rss+xml")
    await library.feeds.follow(feed, actor="t")
    with pytest.raises(FeedError, match="already following"):
        await library.feeds.follow(feed, actor="t")
    assert [f.url for f in await library.feeds.followed()] == [feed]
    await library.feeds.unfollow(feed, actor="t")
    assert await library.feeds.followed() == ()
    with pytest.raises(FeedError, match="not following"):
        await library.feeds.unfollow(feed, actor="t")
