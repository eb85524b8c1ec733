"""The bot's CLI commands: a missing token is reported plainly, and sync needs one too."""

from __future__ import annotations

import argparse

import pytest

from coverbot.commands import bot_cmds


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    bot_cmds.register(parser.add_subparsers())
    return parser.parse_args(argv)


@pytest.mark.parametrize("command", ["run", "sync"])
def test_missing_token_is_a_clear_message(command, monkeypatch, tmp_path, capsys):
    """Without COVERBOT_DISCORD_TOKEN, run and sync exit 1 with a sentence, no traceback."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COVERBOT_DISCORD_TOKEN", raising=False)
    args = parse(command)
    assert args.handler(args) == 1
    err = capsys.readouterr().err
    assert "No Discord bot token configured" in err and "Traceback" not in err


def test_feedback_export_empty(monkeypatch, tmp_path, capsys):
    """Exporting with no votes prints just the CSV header."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COVERBOT_DATA_DIR", str(tmp_path / "var"))
    args = parse("feedback", "export")
    assert args.handler(args) == 0
    assert capsys.readouterr().out.strip() == "created_at,vote,question,shown,user_hash,message_id"
