"""The bot never hides a stale index: /coverage status and /coverage reload say the corpus changed."""

from __future__ import annotations

import logging

import discord
import pytest

from bot.__main__ import build_bot, build_engine
from tests.articles import write_article
from tests.discord.e2e import running_bot
from tests.discord.harness import make_settings

pytestmark = [pytest.mark.e2e, pytest.mark.asyncio(loop_scope="function")]


async def test_status_and_reload_report_a_changed_corpus(tmp_path, make_engine, seed_corpus):
    engine = make_engine(seed_corpus)
    async with running_bot(tmp_path, engine, corpus_dir=seed_corpus) as (fake, _bot):
        status = (await fake.wait_seen(await fake.slash("coverage status", user="mod"))).text
        assert "Changed since" not in status
        write_article(seed_corpus, "dog-park.md", "Riverton dog park", "The dog park cost $412,000.")
        status = (await fake.wait_seen(await fake.slash("coverage status", user="mod"))).text
        assert "Changed since this index was built (1 file added: `dog-park.md`)" in status
        assert "/coverage reload" in status

        iid = await fake.slash("coverage reload", user="mod")
        done = await fake.wait_seen(iid, lambda s: "Reload finished" in s.text)
        assert "The corpus had changed since the last build (1 file added)" in done.text
        status = (await fake.wait_seen(await fake.slash("coverage status", user="mod"))).text
        assert "Changed since" not in status


async def test_no_voice_warnings_when_the_bot_is_made(tmp_path, caplog, monkeypatch):
    """discord.py's "PyNaCl/davey is not installed" warnings were printed on every run."""
    monkeypatch.setattr(discord.VoiceClient, "warn_nacl", True)  # discord.py warns once a process
    monkeypatch.setattr(discord.VoiceClient, "warn_dave", True, raising=False)
    caplog.set_level(logging.WARNING)
    settings = make_settings(tmp_path)
    async with build_bot(settings, build_engine(settings)):
        pass
    assert not [r for r in caplog.records if "voice" in r.getMessage()]
