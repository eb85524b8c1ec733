"""Layer 2: real ``discord.Interaction`` objects through the command tree.

On the real engine wherever what is answered or rebuilt is asserted; on the stand-in
(:class:`tests.fakes.CorpusEngine`) where only the bot's own rules are.
"""

from __future__ import annotations

import asyncio
import logging

import discord
import pytest

from bot.coverage import add_coverage_commands
from tests.articles import (
    SEED_CORPUS,
    SEED_QUESTION,
    add_fillers,
    add_ibm_article,
    write_article,
)
from tests.discord.harness import MANAGE_GUILD, command_payload, interaction
from tests.fakes import CorpusEngine

EPHEMERAL = 64
DEFERRED = 5
MESSAGE = 4


async def call(bot, payload):
    """Run one interaction through the tree, as discord.py dispatches it."""
    await bot.tree._call(interaction(bot, payload))


async def test_ask_defers_then_quotes_with_source(make_bot, seed_engine, adapter):
    """/ask acknowledges first, then sends the $700 quote with bold, source and buttons."""
    bot = await make_bot(seed_engine)
    await call(bot, command_payload("ask", {"question": SEED_QUESTION}))
    assert adapter.requests[0].is_callback and adapter.requests[0].payload["type"] == DEFERRED
    followup = adapter.last
    assert followup.method == "POST" and "/webhooks/" in followup.path
    quotes = [e["description"] for e in followup.embeds]
    assert any("$700" in q for q in quotes)
    assert any("**" in q for q in quotes)
    first = followup.embeds[0]
    assert first["title"].startswith("Amazon bans police")
    assert first["footer"]["text"].startswith("The Washington Post · 2020-06-10 · ¶ ")
    assert followup.payload["allowed_mentions"] == {"parse": []}
    labels = [
        c.get("label") or c["emoji"]["name"]
        for c in followup.payload["components"][0]["components"]
    ]
    assert labels == ["More", "👍", "👎"]


async def test_ask_abstains_with_closest_titles(make_bot, seed_engine, adapter):
    """An off-topic question is answered with a plain abstention naming the closest article."""
    bot = await make_bot(seed_engine)
    await call(bot, command_payload("ask", {"question": "How do I bake sourdough bread?"}))
    text = adapter.last.text()
    assert "No answer in the coverage" in text and "does not mention" in text
    assert "Amazon bans police use of its facial-recognition technology" in text


async def test_too_long_question_is_refused_politely(make_bot, seed_engine, adapter):
    """A question over the cap gets an ephemeral explanation and the engine is not asked."""
    bot = await make_bot(seed_engine, max_question_chars=50)
    await call(bot, command_payload("ask", {"question": "why " * 30}))
    assert len(adapter.requests) == 1
    ack = adapter.ack
    assert ack.payload["type"] == MESSAGE and ack.data["flags"] & EPHEMERAL
    assert "under 50 characters" in ack.content


async def test_cooldown_per_member(make_bot, seed_engine, adapter):
    """The second question within the cooldown is refused; another member is still answered."""
    bot = await make_bot(seed_engine, cooldown_rate=1, cooldown_seconds=60)
    await call(bot, command_payload("ask", {"question": SEED_QUESTION}, user_id=1))
    await call(bot, command_payload("ask", {"question": SEED_QUESTION}, user_id=1))
    assert "Please wait" in adapter.last.content
    await call(bot, command_payload("ask", {"question": SEED_QUESTION}, user_id=2))
    assert any("$700" in e["description"] for e in adapter.last.embeds)


async def test_ask_without_index_says_so(make_bot, make_engine, adapter):
    """With no index loaded, /ask explains that the coverage is not indexed yet."""
    bot = await make_bot(make_engine(SEED_CORPUS, build=False))
    await call(bot, command_payload("ask", {"question": SEED_QUESTION}))
    assert "isn't indexed yet" in adapter.last.content


async def test_reload_refused_for_non_moderator(make_bot, seed_engine, adapter):
    """A member without Manage Server or the role is told so and nothing is rebuilt."""
    bot = await make_bot(seed_engine)
    version = seed_engine.info().version
    await call(bot, command_payload("coverage", sub="reload", permissions="0"))
    assert "Only moderators" in adapter.ack.content and adapter.ack.data["flags"] & EPHEMERAL
    assert seed_engine.info().version == version


async def test_reload_by_moderator_reports(make_bot, make_engine, seed_corpus, adapter):
    """A moderator's reload defers, and ends with the report of what was added."""
    engine = make_engine(seed_corpus)
    add_ibm_article(seed_corpus)
    bot = await make_bot(engine, corpus_dir=seed_corpus)
    await call(bot, command_payload("coverage", sub="reload", permissions=MANAGE_GUILD))
    assert adapter.ack.payload["type"] == DEFERRED
    final = adapter.last
    assert final.method == "PATCH" and final.path.endswith("/messages/@original")
    assert "Reload finished" in final.text() and "ibm.md" in final.text()
    assert "added 1" in final.text()


async def test_reload_by_configured_role(make_bot, make_engine, seed_corpus, adapter):
    """A member with the configured moderator role (by id) may reload."""
    engine = make_engine(seed_corpus)
    bot = await make_bot(engine, corpus_dir=seed_corpus, moderator_role="777")
    await call(bot, command_payload("coverage", sub="reload", roles=(777,)))
    assert "Reload finished" in adapter.last.text()


async def test_second_reload_is_told_one_runs(make_bot, make_engine, seed_corpus, adapter):
    """While a rebuild runs, another reload is told so; a question is still answered."""
    engine = make_engine(seed_corpus)
    add_fillers(seed_corpus, 40)
    bot = await make_bot(engine, corpus_dir=seed_corpus)
    first = asyncio.create_task(
        call(bot, command_payload("coverage", sub="reload", permissions=MANAGE_GUILD))
    )
    while not engine.rebuilding:
        await asyncio.sleep(0.01)
    await call(bot, command_payload("coverage", sub="reload", permissions=MANAGE_GUILD))
    await call(bot, command_payload("ask", {"question": SEED_QUESTION}))
    answered = adapter.last
    await first
    texts = [r.text() for r in adapter.requests]
    assert any("already running" in t for t in texts)
    assert any(t.startswith("Reloading the coverage…") for t in texts)
    assert any("$700" in e["description"] for e in answered.embeds)
    assert "Reload finished" in adapter.last.text()


async def test_status_shows_version_and_model(make_bot, seed_engine, adapter):
    """/coverage status shows the serving version, model and size to a moderator."""
    bot = await make_bot(seed_engine)
    await call(bot, command_payload("coverage", sub="status", permissions=MANAGE_GUILD))
    text = adapter.ack.text()
    assert seed_engine.info().version in text and "all-MiniLM-L6-v2" in text


async def test_feedback_summary_empty(make_bot, seed_engine, adapter):
    """/coverage feedback with no votes says so."""
    bot = await make_bot(seed_engine)
    await call(bot, command_payload("coverage", sub="feedback", permissions=MANAGE_GUILD))
    assert "No feedback" in adapter.ack.text()


async def test_unexpected_error_apologises_and_logs(
    make_bot, seed_engine, adapter, tmp_path, caplog
):
    """An unexpected failure (unwritable feedback file) gets an apology; the log a traceback."""
    blocker = tmp_path / "blocked"
    blocker.write_text("not a folder")
    bot = await make_bot(seed_engine, data_dir=blocker / "sub")
    with caplog.at_level(logging.ERROR):
        await call(bot, command_payload("coverage", sub="feedback", permissions=MANAGE_GUILD))
    assert "Sorry, something went wrong" in adapter.ack.content
    assert "Traceback" not in adapter.ack.content
    assert any(r.exc_info for r in caplog.records)


class Extra(discord.app_commands.Group):
    """A provider of extra /coverage subcommands, as another module would write it."""

    def __init__(self) -> None:
        super().__init__(name="extra", description="-")
        self.calls: list[str] = []

    @discord.app_commands.command(name="extra-add", description="Add something")
    async def add(self, interaction: discord.Interaction, url: str) -> None:
        """Record the call."""
        self.calls.append(url)
        await interaction.response.send_message(f"added {url}")

    feed = discord.app_commands.Group(name="extra-feed", description="Feeds")

    @feed.command(name="list", description="List feeds")
    async def feed_list(self, interaction: discord.Interaction) -> None:
        """Record the call."""
        self.calls.append("list")
        await interaction.response.send_message("no feeds")


@pytest.mark.parametrize(("permissions", "allowed"), [("0", False), (MANAGE_GUILD, True)])
async def test_extension_subcommands_get_moderator_check(make_bot, adapter, permissions, allowed):
    """Subcommands added by another module, nested ones too, are moderator-only at run time."""
    bot = await make_bot(CorpusEngine(SEED_CORPUS))
    extra = Extra()
    assert add_coverage_commands(bot, extra) == ["extra-add", "extra-feed"]
    await call(
        bot,
        command_payload("coverage", {"url": "https://x"}, sub="extra-add", permissions=permissions),
    )
    await call(
        bot, command_payload("coverage", sub="list", group="extra-feed", permissions=permissions)
    )
    assert extra.calls == (["https://x", "list"] if allowed else [])
    contents = [r.content for r in adapter.requests]
    if allowed:
        assert contents == ["added https://x", "no feeds"]
    else:
        assert all("Only moderators" in c for c in contents)


async def test_status_sections_from_other_modules(make_bot, adapter, caplog):
    """A registered status section adds its fields; a failing one is logged, not shown."""
    from bot.coverage import add_status_section

    bot = await make_bot(CorpusEngine(SEED_CORPUS))

    async def feeds(_bot, embed):
        embed.add_field(name="Feeds", value="2 followed, 0 failing")

    async def broken(_bot, embed):
        raise RuntimeError("boom")

    add_status_section(bot, broken)
    add_status_section(bot, feeds)
    with caplog.at_level(logging.ERROR):
        await call(bot, command_payload("coverage", sub="status", permissions=MANAGE_GUILD))
    assert "2 followed, 0 failing" in adapter.ack.text() and "boom" not in adapter.ack.text()
    assert any("status section" in r.getMessage() for r in caplog.records)


async def test_an_ingestion_refusal_is_answered_once_by_the_group(make_bot, adapter):
    """Unfollowing a feed nobody follows: one "Feed: refused" embed, the tree adds nothing."""
    bot = await make_bot(CorpusEngine(SEED_CORPUS))
    payload = command_payload(
        "coverage", {"url": "https://nowhere.example/feed"}, sub="remove", group="feed",
        permissions=MANAGE_GUILD,
    )
    await call(bot, payload)
    assert len(adapter.requests) == 1
    embed = adapter.ack.embeds[0]
    assert embed["title"] == "Feed: refused"
    assert embed["description"].startswith("not following https")


async def test_coverage_restore_takes_part_of_a_title(make_bot, adapter, tmp_path):
    """Issue 21 item 8: /coverage restore wanted a whole title or file, unlike /coverage remove."""
    corpus = tmp_path / "corpus"
    text = "The harbour authority approved the plan on Tuesday after a long debate."
    write_article(corpus, "a.md", "Harbour dredging approved", text)
    write_article(corpus, "b.md", "Harbour dredging delayed", text.replace("approved", "delayed"))
    bot = await make_bot(CorpusEngine(corpus), corpus_dir=corpus)
    for title in ("Harbour dredging approved", "Harbour dredging delayed"):
        await bot.library.remove(title, actor="t")

    options = {"article": "DREDGING"}
    await call(bot, command_payload("coverage", options, sub="restore", permissions=MANAGE_GUILD))
    embed = adapter.last.data["embeds"][0]
    shown = {key: embed[key].replace("\\", "") for key in ("title", "description")}  # escapes
    assert shown["title"] == "Restore: refused"
    assert shown["description"].startswith("2 articles match")
    assert "Harbour dredging delayed; Harbour dredging approved" in shown["description"]

    options = {"article": "delayed"}
    await call(bot, command_payload("coverage", options, sub="restore", permissions=MANAGE_GUILD))
    title = adapter.last.data["embeds"][0]["title"].replace("\\", "")
    assert title == "Restored: Harbour dredging delayed"
    assert (corpus / "b.md").is_file() and not (corpus / "a.md").exists()
