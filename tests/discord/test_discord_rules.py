"""Discord's rules as pure functions: permissions, plain-text answers, coverage scope, buttons."""

from __future__ import annotations

import discord

from bot.checks import may_change_coverage
from bot.feedback import FeedbackStore
from bot.formatting.plain import plain_text
from bot.views import TOKEN_LIFETIME, AnswerView
from fakediscord.models import (
    EMBED_LINKS,
    SEND_MESSAGES,
    FakeOverwrite,
    channel_permissions,
    default_guild,
    default_members,
)
from tests.articles import SEED_QUESTION


def test_channel_permissions_follow_discords_order():
    """@everyone overwrite, then role overwrites together, then the member's; no view, nothing."""
    guild = default_guild()
    alice, mod = default_members(guild)
    channel = guild.channels[0]
    role = guild.roles[0].id
    channel.overwrites += [
        FakeOverwrite(guild.id, type=0, deny=SEND_MESSAGES),
        FakeOverwrite(role, type=0, allow=SEND_MESSAGES),
        FakeOverwrite(mod.user.id, type=1, deny=EMBED_LINKS),
    ]
    assert not channel_permissions(guild, alice, channel) & SEND_MESSAGES
    assert not channel_permissions(guild, alice, channel) & EMBED_LINKS  # implicit: no send
    mod_perms = channel_permissions(guild, mod, channel)
    assert mod_perms & SEND_MESSAGES and not mod_perms & EMBED_LINKS
    channel.overwrites.append(FakeOverwrite(alice.user.id, type=1, deny=1 << 10))
    assert channel_permissions(guild, alice, channel) == 0


def test_buttons_never_outlive_the_token(seed_engine, tmp_path):
    """An hour's button timeout is cut to what the interaction token has left."""
    answer = seed_engine.ask(SEED_QUESTION, 3)
    store = FeedbackStore(tmp_path / "f.sqlite3")
    view = AnswerView(answer, store, page_size=3, timeout=3600, token_left=TOKEN_LIFETIME - 60)
    assert view.timeout == TOKEN_LIFETIME - 60
    assert AnswerView(answer, store, page_size=3, timeout=60).timeout == 60


def test_plain_text_keeps_whole_quotes_within_2000():
    """Embeds become title, link, quote and source lines; whole quotes while they fit."""
    embeds = [
        discord.Embed(
            title=f"T{i}", url=f"https://example.com/{i}", description="q" * 700
        ).set_footer(text=f"Outlet {i}")
        for i in range(4)
    ]
    text = plain_text("Intro", embeds)
    assert len(text) <= 2000 and text.startswith("Intro")
    assert "**T0** <https://example.com/0>" in text and "— Outlet 1" in text
    assert "T2" not in text  # the third quote would not fit whole
    assert len(plain_text(None, [discord.Embed(description="w " * 3000)])) <= 2000


def test_coverage_scope_rule():
    """Named servers only; none named: allowed only while the bot is in a single server."""
    assert may_change_coverage(1, [], 1)
    assert not may_change_coverage(1, [], 2)
    assert may_change_coverage(1, [1], 5) and not may_change_coverage(2, [1], 1)
