"""Hostile article metadata and text, end to end through the loopback Discord."""

from __future__ import annotations

import json

import pytest

from tests.discord.e2e import running_bot
from tests.discord.test_hostile_formatting import live_links

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="function")]

PARAGRAPH = (
    "The harbour authority approved dredging of the northern channel because container ships "
    "could no longer reach the inner docks at low tide. Officials named "
    "[a](https://evil.example/1) and [b](https://evil.example/2) as the plan's sources. "
    "The dredging will deepen the channel to 14 metres over eighteen months."
)


async def test_an_article_with_hostile_metadata_is_answered_without_live_links(
    tmp_path, make_engine, seed_corpus
):
    """Huge author and outlet, `javascript:` URL, links in text: no link reaches members.

    /ask and /coverage sources are accepted by Discord and show no link the article made.
    """
    record = {
        "title": "Dredging approved](https://evil.example/t) [now",
        "author": "Reporter " * 220,
        "outlet": "S" * 1500,
        "url": "javascript:alert(1)",
        "text": "\n\n".join(f"{PARAGRAPH} Part {n}." for n in range(6)),
    }
    (seed_corpus / "hostile.json").write_text(json.dumps(record), encoding="utf-8")
    engine = make_engine(seed_corpus)
    async with running_bot(tmp_path, engine, corpus_dir=seed_corpus) as (fake, _bot):
        iid = await fake.slash(
            "ask", {"question": "Why was the northern channel dredging approved?"}, user="alice"
        )
        answer = (await fake.wait_seen(iid)).messages[-1]
        assert "dredging" in answer.text
        for embed in answer.embeds:
            assert live_links(embed.get("description", "")) == []
            assert embed.get("url", "https://").startswith("https://")
        page = (await fake.wait_seen(await fake.slash("coverage sources", user="mod"))).messages
        text = page[-1].text
        assert "Dredging approved" in text and live_links(text) == []
