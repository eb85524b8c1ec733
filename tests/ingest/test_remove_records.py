"""``remove`` takes one article out of a multi-record file, restorably; the match list is exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coverbot.cli import main
from tests.articles import PARAGRAPHS
from tests.settings_env import fresh_folders


def record(title: str, topic: str) -> dict[str, str]:
    text = "\n\n".join(p.replace("harbour", topic) for p in PARAGRAPHS)
    return {"title": title, "outlet": "Riverton Ledger", "text": f"{topic.capitalize()}. {text}"}


ARBORIST = record("Riverton hires a city arborist", "arborist")
MARKET = record("Riverton farmers market reopens", "market")
BRIDGE = record("Riverton bridge closes for repairs", "bridge")
LIBRARY = record("Riverton library extends its hours", "library")


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    corpus = fresh_folders(tmp_path, monkeypatch)
    (corpus / "local.jsonl").write_text(
        json.dumps(ARBORIST) + "\n\n" + json.dumps(MARKET) + "\n", encoding="utf-8"
    )
    (corpus / "more.json").write_text(json.dumps([BRIDGE, LIBRARY]), "utf-8")
    return corpus


@pytest.mark.model
def test_remove_takes_one_record_and_restore_brings_it_back(env: Path, capsys) -> None:
    """The issue's case: removing "arborist" also removed the farmers market sharing its file."""
    assert main(["remove", "arborist"]) == 0
    out = capsys.readouterr().out
    assert 'removed "Riverton hires a city arborist": record 1 of local.jsonl taken out' in out
    kept = [json.loads(line) for line in (env / "local.jsonl").read_text().splitlines() if line]
    assert [r["title"] for r in kept] == [MARKET["title"]]
    assert main(["index", "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 3

    assert main(["restore", "city ARBORIST"]) == 0  # part of the title, as remove takes
    out = capsys.readouterr().out
    assert (
        'restored "Riverton hires a city arborist" as riverton-hires-a-city-arborist.jsonl' in out
    )
    restored = env / "riverton-hires-a-city-arborist.jsonl"  # its own name, not local-2.jsonl
    assert json.loads(restored.read_text())["title"] == ARBORIST["title"]


def test_the_match_list_counts_and_names_the_same_articles(env: Path, capsys) -> None:
    """The issue's case: "4 articles match" listed 5 titles."""
    assert main(["remove", "Riverton"]) == 1
    err = capsys.readouterr().err
    assert "4 articles match" in err
    for title in (ARBORIST["title"], MARKET["title"], BRIDGE["title"], LIBRARY["title"]):
        assert title in err
    assert (env / "local.jsonl").read_text().count("\n") == 3  # nothing touched
