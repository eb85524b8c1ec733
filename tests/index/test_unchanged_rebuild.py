"""A rebuild of a corpus folder that did not change reads no file, and reports as the build did."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import index.corpus.reader
from coverbot.commands.index_cmds import format_report
from index.engine import Engine
from index.records import BuildReport
from tests.articles import PARAGRAPHS, write_article
from tests.conftest import MakeEngine


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Record every corpus file the loader opens (the real reader still reads it)."""
    opened: list[Path] = []
    real = index.corpus.reader.read_corpus_file

    def reading(path: Path, *args, **kwargs):
        opened.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(index.corpus.reader, "read_corpus_file", reading)
    return opened


def _corpus(seed_corpus: Path) -> Path:
    write_article(seed_corpus, "harbour.md", "Harbour dredging approved", "\n\n".join(PARAGRAPHS))
    (seed_corpus / "harbour-copy.md").write_bytes((seed_corpus / "harbour.md").read_bytes())
    (seed_corpus / "empty.md").write_text("", encoding="utf-8")
    for path in seed_corpus.iterdir():
        _age(path, seconds=-60)
    return seed_corpus


def _age(path: Path, seconds: int) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + seconds * 10**9))


def test_nothing_changed_reads_nothing_and_reports_the_same(
    seed_corpus: Path, make_engine: MakeEngine, reads: list[Path]
) -> None:
    """Issue 21 item 13: an unchanged rebuild re-read every file (14 s for 20,000 files)."""
    corpus = _corpus(seed_corpus)
    engine = make_engine(corpus)
    first = engine.rebuild()  # the build itself already recorded the folder
    reads.clear()
    again = engine.rebuild()
    assert reads == []
    assert again.version == first.version and again.embedded == 0
    assert (again.failed, again.duplicates) == (first.failed, first.duplicates)
    assert again.duplicates == ("harbour.md",) or again.duplicates == ("harbour-copy.md",)
    assert [f.path for f in again.failed] == ["empty.md"]
    assert again.unchanged == first.unchanged and len(again.unchanged) == again.articles == 2

    fresh = Engine(engine.config)  # another process: nothing loaded, no model
    assert fresh.rebuild().version == first.version and reads == []
    assert fresh.ask("When will the dredging begin?").hits

    _age(corpus / "harbour.md", seconds=1)
    assert engine.rebuild().version == first.version and reads  # read again, nothing to embed


def test_a_file_written_just_before_the_build_is_read_again(
    seed_corpus: Path, make_engine: MakeEngine
) -> None:
    """Its next edit may keep its size and fall in the same timestamp tick: it must be read."""
    harbour = write_article(seed_corpus, "harbour.md", "Harbour dredging", PARAGRAPHS[0])
    engine = make_engine(seed_corpus)
    before = harbour.stat()
    harbour.write_text(harbour.read_text().replace("Thursday", "Saturday"), encoding="utf-8")
    os.utime(harbour, ns=(before.st_atime_ns, before.st_mtime_ns))  # the same size and time
    assert engine.rebuild().changed == ("harbour.md",)


def _report(duplicates: int) -> BuildReport:
    names = tuple(f"copy-{n:05}.md" for n in range(duplicates))
    return BuildReport("v1", (), (), (), ("a.md",), (), names, 1, 3, 0, {"total": 1.0})


def test_thousands_of_duplicates_are_one_line_with_their_count() -> None:
    """Issue 21 item 13: 20,000 tiny copies printed 19,001 lines."""
    lines = format_report(_report(19_001)).splitlines()
    assert len(lines) == 3
    assert lines[2] == (
        "  duplicates (indexed once): 19,001 articles, e.g. copy-00000.md, copy-00001.md, "
        "copy-00002.md (`--json` lists them all)"
    )
    assert format_report(_report(2)).splitlines()[2:] == [
        "  duplicate (indexed once): copy-00000.md",
        "  duplicate (indexed once): copy-00001.md",
    ]
