"""Layer 3: compact answers through the loopback Discord: reply, More, plain text, refusal.

Every request is checked against Discord's OpenAPI spec by the loopback Discord, as elsewhere.
"""

from __future__ import annotations

import pytest

from fakediscord.models import EMBED_LINKS
from tests.articles import SEED_QUESTION
from tests.discord.e2e import buttons, running_bot
from tests.discord.test_discord_rules_e2e import guild_denying

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="function")]

COMPACT_BUDGET = 700


def reply_size(message) -> int:
    """Return the characters of a message's text and embeds (titles, descriptions, footers)."""
    embeds = sum(
        len(e.get("title", ""))
        + len(e.get("description", ""))
        + len(e.get("footer", {}).get("text", ""))
        for e in message.embeds
    )
    return len(message.content) + embeds


async def test_compact_reply_leads_with_the_answering_sentence(tmp_path, seed_engine):
    """/ask answers in one small embed whose quote opens on the bold $700 sentence."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        answer = (await fake.wait_seen(iid)).messages[-1]
        (embed,) = answer.embeds
        bold = embed["description"].split("**")[1]
        assert "$700" in bold and embed["description"].startswith("… **")
        assert embed["footer"]["text"].startswith("The Washington Post · 2020-06-10 · ¶ ")
        assert embed["title"].startswith("Amazon bans police use")
        assert reply_size(answer) <= COMPACT_BUDGET
        assert list(buttons(answer)) == ["More", "👍", "👎"]
        assert all(r.status < 400 for r in fake.requests_for(iid))


async def test_more_shows_the_full_passages_to_the_member_alone(tmp_path, seed_engine):
    """More shows the clicking member, ephemerally, the passages in full, then further ones."""
    async with running_bot(tmp_path, seed_engine, answers_shown=3) as (fake, _bot):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        answer = (await fake.wait_seen(iid)).messages[-1]
        before = len(fake.channel_messages())
        more = buttons(answer)["More"]["custom_id"]
        first = (await fake.wait_seen(await fake.click(answer.id, more, user="alice"))).messages[-1]
        assert first.ephemeral and first.content.startswith("Full passages · **Q:**")
        assert len(first.embeds) == 3 and "$700" in first.embeds[0]["description"]
        assert sum(len(e["description"]) for e in first.embeds) > reply_size(answer)
        second = (await fake.wait_seen(await fake.click(answer.id, more, user="alice"))).messages
        assert second[-1].ephemeral and second[-1].content.startswith("More passages")
        other = (await fake.wait_seen(await fake.click(answer.id, more, user="mod"))).messages[-1]
        assert other.ephemeral and other.content.startswith("Full passages")
        for _ in range(3):  # the further passages run out; the member is told so
            last = await fake.wait_seen(await fake.click(answer.id, more, user="alice"))
        assert last.messages[-1].ephemeral and "every passage" in last.messages[-1].content
        assert len(fake.channel_messages()) == before  # nothing more in the channel
        assert not buttons(fake.message(answer.id))["More"].get("disabled")


async def test_plain_text_fallback_is_compact_too(tmp_path, seed_engine):
    """Without Embed Links the mention's reply has the same shape, as short plain text."""
    options = guild_denying(EMBED_LINKS)
    async with running_bot(tmp_path, seed_engine, fake_options=options) as (fake, _bot):
        mid = await fake.mention(SEED_QUESTION, user="alice")
        reply = await fake.wait_for_message(after=mid)
        lines = reply.content.splitlines()
        assert reply.embeds == [] and len(reply.content) <= COMPACT_BUDGET
        assert lines[0].startswith("**Q:** How much did the Oregon")
        assert any(line.startswith("**Amazon bans police use") for line in lines)
        assert any("$700" in line and "**" in line for line in lines)
        assert lines[-1].startswith("— The Washington Post · 2020-06-10 · ¶ ")
        assert list(buttons(reply)) == ["More", "👍", "👎"]


async def test_refusal_is_short(tmp_path, seed_engine):
    """A question the coverage does not answer gets one sentence of reason and closest titles."""
    async with running_bot(tmp_path, seed_engine) as (fake, _bot):
        iid = await fake.slash("ask", {"question": "How do I bake sourdough bread?"}, user="alice")
        refusal = (await fake.wait_seen(iid)).messages[-1]
        (embed,) = refusal.embeds
        assert embed["title"] == "No answer in the coverage"
        reason, titles = embed["description"].split("\n\n", 1)
        assert reason.count(".") == 1 and "does not answer" not in reason
        assert titles.startswith("**Closest articles:**\n• Amazon bans police use")
        assert reply_size(refusal) <= 400
        assert list(buttons(refusal)) == ["👍", "👎"]


async def test_full_style_keeps_the_passages_view(tmp_path, seed_engine):
    """COVERBOT_ANSWER_STYLE=full answers with every passage at length, as before."""
    async with running_bot(tmp_path, seed_engine, answer_style="full") as (fake, _bot):
        iid = await fake.slash("ask", {"question": SEED_QUESTION}, user="alice")
        answer = (await fake.wait_seen(iid)).messages[-1]
        assert len(answer.embeds) == 3 and reply_size(answer) > COMPACT_BUDGET
        assert answer.embeds[0]["footer"]["text"].startswith("The Washington Post · 2020-06-10")
