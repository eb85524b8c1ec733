"""A changed corpus is noticed and never answered from silently; hostile text stays harmless."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from pathlib import Path

import pytest

from coverbot.cli import main
from tests.articles import SEED_CORPUS
from tests.conftest import MakeEngine

pytestmark = pytest.mark.model

DOG_PARK = (
    "---\ntitle: Riverton opens its first dog park\noutlet: Riverton Ledger\n---\n\n"
    "The city of Riverton opened its first off-leash dog park on Saturday. The dog park cost "
    "$412,000 to build, paid from the parks bond approved by voters in 2022.\n\n"
    "Residents had asked for a dog park for nearly a decade. The park has separate areas for "
    "large and small dogs, water fountains and shaded benches.\n"
)


def test_the_engine_notices_added_changed_and_removed_files(
    seed_corpus: Path, make_engine: MakeEngine
) -> None:
    engine = make_engine(seed_corpus)
    assert not engine.corpus_changed()
    (seed_corpus / "dog-park.md").write_text(DOG_PARK, encoding="utf-8")
    drift = engine.corpus_changes()
    assert drift.added == ("dog-park.md",) and drift.summary() == "1 file added"
    engine.rebuild()
    assert not engine.corpus_changed()

    seed = next(p for p in seed_corpus.iterdir() if p.name != "dog-park.md")
    info = seed.stat()
    os.utime(seed, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))  # an edit keeping the size
    assert engine.corpus_changes().changed == (seed.name,)
    report = engine.rebuild()  # same text: nothing to re-embed, but the record is updated
    assert report.embedded == 0 and not engine.corpus_changed()

    (seed_corpus / "dog-park.md").unlink()
    assert engine.corpus_changes().removed == ("dog-park.md",)


def test_an_index_without_a_record_of_its_corpus_counts_as_changed(
    seed_corpus: Path, make_engine: MakeEngine
) -> None:
    engine = make_engine(seed_corpus)
    (engine.config.index_dir / "corpus-snapshot.json").unlink()
    assert engine.corpus_changes().unknown
    engine.rebuild()
    assert not engine.corpus_changed()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, corpus)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COVERBOT_CORPUS_DIR", str(corpus))
    monkeypatch.setenv("COVERBOT_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("COVERBOT_DATA_DIR", str(tmp_path / "var"))
    return corpus


def test_ask_updates_a_stale_index_first_and_says_so_in_one_line(project: Path, capsys) -> None:
    """The issue's case: dog-park.md dropped in without a rebuild was answered from elsewhere."""
    assert main(["index", "build"]) == 0
    capsys.readouterr()
    (project / "dog-park.md").write_text(DOG_PARK, encoding="utf-8")
    assert main(["ask", "How much did the dog park cost?"]) == 0
    out, err = capsys.readouterr()
    assert err.strip() == (
        "the corpus changed since the index was built (1 file added); updating the index first…"
    )
    assert out.startswith("[1] “The city of Riverton") and "**The dog park cost $412,000" in out
    assert main(["ask", "How much did the dog park cost?"]) == 0
    assert capsys.readouterr().err == ""  # up to date now: nothing to say


def test_a_question_holding_bytes_that_are_not_utf8_is_answered(project: Path, capsys) -> None:
    """Issue 10 item 8: such a question (argv decoded with surrogateescape) was a traceback."""
    question = os.fsdecode(
        b"How much did the Oregon sheriff's office pay \xff\xfe to upload photos?"
    )
    assert main(["ask", question]) == 0
    out, err = capsys.readouterr()
    assert "$700" in out and "Traceback" not in err


def test_control_characters_in_file_names_and_titles_never_reach_the_terminal(
    project: Path, capsys
) -> None:
    """Issue 10 item 9: a failing file's name and an article's title were printed raw."""
    (project / "evil\x1b]0;pwned\x07\x1b[2J.md").write_text("", encoding="utf-8")
    (project / "title.md").write_text(
        '---\ntitle: "Dog park\\e[2J\\e]0;pwned\\a opens"\n---\n\n' + DOG_PARK.split("---\n\n")[1],
        encoding="utf-8",
    )
    assert main(["index", "build"]) == 0
    out, err = capsys.readouterr()
    assert "failed: evil]0;pwned[2J.md: the file is empty" in out
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert main(["ask", "How much did the dog park cost?"]) == 0
    out = capsys.readouterr().out
    assert "Dog park[2J]0;pwned opens" in out and "\x1b" not in out and "\x07" not in out


def test_index_status_says_whether_the_corpus_changed_since_the_build(
    project: Path, capsys
) -> None:
    """Issue 21 item 5: ``index status`` described the index but not whether it was stale."""
    assert main(["index", "build"]) == 0
    capsys.readouterr()
    assert main(["index", "status"]) == 0
    assert "corpus     unchanged since the build" in capsys.readouterr().out.splitlines()
    (project / "dog-park.md").write_text(DOG_PARK, encoding="utf-8")
    assert main(["index", "status"]) == 0
    assert (
        "corpus     changed since the build (1 file added); `coverbot index build` updates the "
        "index"
    ) in capsys.readouterr().out.splitlines()
    assert main(["index", "status", "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)["corpus_changes"]
    assert changes["stale"] and changes["added"] == ["dog-park.md"]
    assert changes["summary"] == "1 file added"


def test_ask_while_another_process_rebuilds_answers_from_the_current_index(
    project: Path, capsys
) -> None:
    """Issue 21 item 12: ``ask`` exited 1 while another process held the build lock."""
    assert main(["index", "build"]) == 0
    (project / "dog-park.md").write_text(DOG_PARK, encoding="utf-8")
    capsys.readouterr()
    with (project.parent / "index" / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # what a rebuild in another process holds
        assert main(["ask", "How much did the Oregon sheriff's office pay?"]) == 0
    out, err = capsys.readouterr()
    assert err.strip() == (
        "the corpus changed since the index was built (1 file added); another process is "
        "updating the index, so this answer may not have the latest changes"
    )
    assert "$700" in out
