"""End to end: moderators add and remove articles through the loopback Discord, audited."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.__main__ import build_bot
from bot.bot import CoverBot
from fakediscord import FakeDiscord
from tests.articles import PARAGRAPHS, article_html, rss
from tests.discord.harness import make_settings
from tests.loopback import Site

pytestmark = [pytest.mark.e2e, pytest.mark.model, pytest.mark.asyncio(loop_scope="session")]

TOKEN = "test-token"  # noqa: S105 - the loopback Discord's token, not a secret
TITLE = "Harbour authority approves dredging of the northern channel"
QUESTION = "How much will dredging the northern channel cost?"
GOOD_MD = (
    b"---\ntitle: Council approves budget\noutlet: Daily\npublished: 2024-01-09\n---\n\n"
    b"The council approved the budget on Tuesday after a long debate about road repairs.\n"
)


@asynccontextmanager
async def running(
    tmp_path: Path, corpus: Path, engine: Any
) -> AsyncIterator[tuple[FakeDiscord, CoverBot]]:
    """Start the loopback Discord and the bot; loopback fetches allowed, no feed polling."""
    async with FakeDiscord(token=TOKEN) as fake:
        settings = make_settings(
            tmp_path,
            corpus_dir=corpus,
            guild_ids=[fake.guild.id],
            fetch_allowed_networks=["127.0.0.1/32"],
            min_article_chars=200,
            feed_poll_minutes=0,
        )
        bot = build_bot(settings, engine)
        await fake.start_client(bot, token=TOKEN)
        try:
            yield fake, bot
        finally:
            await fake.stop_client()


def user_id(fake: FakeDiscord, name: str) -> int:
    """Return the id of a member of the loopback guild."""
    return next(m.user.id for m in fake.members if m.user.username == name)


def audit(bot: CoverBot) -> list[Any]:
    """Return the bot's audit entries, newest first."""
    library = bot.get_cog("CoverageIngest").library  # type: ignore[union-attr]
    return list(library.audit.recent(20))


async def test_add_by_link_is_answerable_and_audited(
    tmp_path: Path,
    seed_corpus: Path,
    make_engine: Any,
    site: Site,
) -> None:
    """/coverage add url: replies with title, outlet, date and passages; /ask then quotes it."""
    url = site.page("/harbour", article_html(TITLE, PARAGRAPHS))
    async with running(tmp_path, seed_corpus, make_engine(seed_corpus)) as (fake, bot):
        refused = await fake.slash("coverage add", {"url": url}, user="alice")
        assert "Only moderators" in (await fake.wait_seen(refused)).text
        assert site.hits == []

        iid = await fake.slash("coverage add", {"url": url}, user="mod")
        seen = await fake.wait_seen(iid, lambda s: "Added" in s.text, timeout=60)
        assert seen.deferred
        reply = seen.messages[-1].embeds[0]
        assert reply["title"] == f"Added: {TITLE}"
        fields = {f["name"]: f["value"] for f in reply["fields"]}
        assert fields["Outlet"] == "The Loopback Gazette"
        assert fields["Date"] == "2024-05-02"
        assert int(fields["Passages"]) >= 1

        ask = await fake.slash("ask", {"question": QUESTION}, user="alice")
        assert "42 million euros" in (await fake.wait_seen(ask, timeout=30)).text

        again = await fake.slash("coverage add", {"url": url}, user="mod")
        dup = await fake.wait_seen(again, lambda s: "refused" in s.text, timeout=30)
        assert f'duplicate of "{TITLE}"' in dup.text

        entries = audit(bot)
        mod = f"discord:{user_id(fake, 'mod')}"
        assert [(e.actor, e.action, e.ok) for e in entries[:2]] == [
            (mod, "add-url", False),
            (mod, "add-url", True),
        ]

        status = await fake.slash("coverage status", user="mod")
        assert "Changes" in (await fake.wait_seen(status)).text


async def test_add_file_refuses_a_bad_attachment_and_changes_nothing(
    tmp_path: Path, seed_corpus: Path, make_engine: Any
) -> None:
    """/coverage add file: refuses a broken file with its reason, then adds a good one."""
    engine = make_engine(seed_corpus)
    before = sorted(p.name for p in seed_corpus.iterdir())
    version = engine.info().version
    async with running(tmp_path, seed_corpus, engine) as (fake, _bot):
        bad = fake.attachment("notes.md", b"---\ntitle: [\n---\n\nSome article text.")
        iid = await fake.slash("coverage add", {"file": bad}, user="mod")
        seen = await fake.wait_seen(iid, lambda s: "refused" in s.text, timeout=30)
        assert "front matter is not valid YAML" in seen.text
        assert sorted(p.name for p in seed_corpus.iterdir()) == before
        assert engine.info().version == version

        good = fake.attachment("upload.md", GOOD_MD)
        iid = await fake.slash("coverage add", {"file": good}, user="mod")
        seen = await fake.wait_seen(iid, lambda s: "Added" in s.text, timeout=60)
        assert "Added: Council approves budget" in seen.text
        assert (seed_corpus / "council-approves-budget.md").read_bytes() == GOOD_MD


async def test_remove_with_autocomplete_and_restore(
    tmp_path: Path,
    seed_corpus: Path,
    make_engine: Any,
    site: Site,
) -> None:
    """/coverage remove offers titles, moves the file to removed/ and unindexes it; restorable."""
    url = site.page("/harbour", article_html(TITLE, PARAGRAPHS))
    async with running(tmp_path, seed_corpus, make_engine(seed_corpus)) as (fake, bot):
        added = await fake.slash("coverage add", {"url": url}, user="mod")
        await fake.wait_seen(added, lambda s: "Added" in s.text, timeout=60)

        choices = await fake.autocomplete("coverage remove", "article", "dredging", user="mod")
        assert [c["name"] for c in choices] == [TITLE]
        assert await fake.autocomplete("coverage remove", "article", "dredging", user="alice") == []

        iid = await fake.slash("coverage remove", {"article": choices[0]["value"]}, user="mod")
        seen = await fake.wait_seen(iid, lambda s: "Removed" in s.text, timeout=60)
        assert f"Removed: {TITLE}" in seen.text
        removed = list((tmp_path / "removed").iterdir())
        assert [p.name for p in removed] == [choices[0]["value"]]
        assert not (seed_corpus / choices[0]["value"]).exists()
        ask = await fake.slash("ask", {"question": QUESTION}, user="alice")
        assert "42 million euros" not in (await fake.wait_seen(ask, timeout=30)).text

        iid = await fake.slash("coverage restore", user="mod")
        seen = await fake.wait_seen(iid, lambda s: "Restored" in s.text, timeout=60)
        assert (seed_corpus / choices[0]["value"]).is_file()
        assert [e.action for e in audit(bot)[:3]] == ["restore", "remove", "add-url"]


async def test_feed_add_list_and_status(
    tmp_path: Path,
    seed_corpus: Path,
    make_engine: Any,
    site: Site,
) -> None:
    """/coverage feed add follows and polls a feed; feed list and status show its health."""
    site.page("/news/1", article_html(TITLE, PARAGRAPHS))
    feed = site.page(
        "/feed.xml", rss(site.base, [("g1", "/news/1", "x")]), content_type="application/rss+xml"
    )
    async with running(tmp_path, seed_corpus, make_engine(seed_corpus)) as (fake, _bot):
        iid = await fake.slash("coverage feed add", {"url": feed}, user="mod")
        seen = await fake.wait_seen(iid, lambda s: "Following" in s.text, timeout=60)
        assert "1 added, 0 already seen" in seen.text
        listed = await fake.wait_seen(await fake.slash("coverage feed list", user="mod"))
        assert "Loopback News" in listed.text and "1 added" in listed.text
        status = await fake.wait_seen(await fake.slash("coverage status", user="mod"))
        assert "1 followed, 0 failing" in status.text
