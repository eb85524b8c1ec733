"""``coverbot golden write|check`` writes a set's file and tells how answers differ from it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coverbot.cli import main
from coverbot.commands.golden_cmds import REGENERATE
from tests.articles import REPO

pytestmark = pytest.mark.model

SET = "developing-absent-attributes"


@pytest.fixture
def manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a manifest of one small set of the repository's, run from the repository root."""
    sets = json.loads((REPO / "tests" / "golden" / "sets.json").read_text(encoding="utf-8"))
    path = tmp_path / "pinned" / "sets.json"
    path.parent.mkdir()
    path.write_text(json.dumps([row for row in sets if row["name"] == SET]), encoding="utf-8")
    monkeypatch.chdir(REPO)
    return path


def test_write_then_check_agree_and_a_changed_answer_is_shown(
    manifest: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A written file checks clean; an edited one fails with the question, field and command."""
    common = ["--sets", str(manifest), "--workdir", str(tmp_path / "work")]
    assert main(["golden", "write", *common]) == 0
    written = manifest.parent / f"{SET}.jsonl"
    assert written.read_text(encoding="utf-8") == (
        REPO / "tests" / "golden" / f"{SET}.jsonl"
    ).read_text(encoding="utf-8")
    assert main(["golden", "check", *common]) == 0
    rows = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    rows[1]["refused"] = not rows[1]["refused"]
    written.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    capsys.readouterr()
    assert main(["golden", "check", *common]) == 1
    out = capsys.readouterr().out
    assert f"[2] {rows[1]['id']}: {rows[1]['question']}" in out
    assert f"refused: {json.dumps(rows[1]['refused'])} -> " in out
    assert REGENERATE in out


def test_an_unknown_set_is_a_usage_error(manifest: Path) -> None:
    """Asking for a set the manifest does not list exits with code 2 before loading anything."""
    assert main(["golden", "check", "--sets", str(manifest), "--only", "nope"]) == 2
