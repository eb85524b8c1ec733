"""Every expected CLI failure is one line and exit 1; usage errors exit 2; --debug shows more."""

from __future__ import annotations

import socket
from pathlib import Path

import aiohttp
import pytest

from coverbot.cli import main
from coverbot.settings import Settings
from tests.settings_env import fresh_folders


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    corpus = fresh_folders(tmp_path, monkeypatch)
    return corpus


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("COVERBOT_INDEX_KIND", "foo", "COVERBOT_INDEX_KIND"),
        ("COVERBOT_GUILD_IDS", "abc", "COVERBOT_GUILD_IDS"),
        ("COVERBOT_GUILD_IDS", "[1,", "COVERBOT_GUILD_IDS"),
        ("COVERBOT_COOLDOWN_SECONDS", "soon", "COVERBOT_COOLDOWN_SECONDS"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_variable(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys, variable: str, value: str, named: str
) -> None:
    monkeypatch.setenv(variable, value)
    assert main(["ask", "what happened?"]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert line.startswith("coverbot: error: invalid setting ") and named in line


@pytest.mark.parametrize(
    ("value", "ids"), [("123456789", [123456789]), ("1,2", [1, 2]), ("[3, 4]", [3, 4])]
)
def test_guild_ids_are_read_as_people_write_them(
    monkeypatch: pytest.MonkeyPatch, value: str, ids: list[int]
) -> None:
    monkeypatch.setenv("COVERBOT_GUILD_IDS", value)
    assert Settings(_env_file=None).guild_ids == ids


def test_an_empty_question_is_a_usage_error(env: Path, capsys) -> None:
    assert main(["ask", "   "]) == 2
    assert "the question is empty" in capsys.readouterr().err


def test_a_missing_corpus_is_one_line_and_leaves_no_folder_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    for name in ("COVERBOT_CORPUS_DIR", "COVERBOT_INDEX_DIR", "COVERBOT_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    assert main(["index", "build"]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert str(elsewhere / "corpus") in line and "COVERBOT_CORPUS_DIR" in line
    assert list(elsewhere.iterdir()) == []


def test_debug_shows_the_traceback_then_the_same_line(
    env: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.setenv("COVERBOT_INDEX_KIND", "foo")
    assert main(["--debug", "ask", "what happened?"]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert err.strip().splitlines()[-1].startswith("coverbot: error: invalid setting")


def test_an_unreachable_discord_is_one_actionable_line() -> None:
    from coverbot.errors import describe

    key = aiohttp.client_reqrep.ConnectionKey("discord.com", 443, True, True, None, None, None)
    exc = aiohttp.ClientConnectorError(key, socket.gaierror(-2, "Name or service not known"))
    line = describe(exc)
    assert line.startswith("cannot connect to discord.com") and "network" in line


def test_an_over_long_host_name_is_refused_in_one_line(env: Path, capsys) -> None:
    """Issue 10 item 8: the resolver's ``UnicodeError … idna`` was a traceback."""
    assert main(["add", "http://" + "a" * 300 + ".example/x"]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert "host name is too long" in line
    assert main(["add", "http://" + "a." * 200 + "example/x"]) == 1
    assert "host name is too long" in one_error_line(capsys.readouterr().err)


def _commands(parser, path=()):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*path, name), sub
                yield from _commands(sub, (*path, name))


def test_every_command_has_a_description_in_its_help() -> None:
    from coverbot.cli import build_parser

    found = dict(_commands(build_parser()))
    assert ("run",) in found and ("feed", "poll") in found
    missing = [" ".join(path) for path, sub in found.items() if not sub.description]
    assert missing == []


def test_a_missing_corpus_given_as_an_absolute_path_is_named_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Issue 21 item 6: "the corpus folder /x (/x) does not exist" named the path twice."""
    fresh_folders(tmp_path, monkeypatch)
    missing = tmp_path / "nowhere"
    assert main(["index", "build", "--corpus", str(missing)]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert line.count(str(missing)) == 1, line
    assert main(["index", "build", "--corpus", "nowhere"]) == 1
    line = one_error_line(capsys.readouterr().err)
    assert f"the corpus folder nowhere ({missing}) does not exist" in line
