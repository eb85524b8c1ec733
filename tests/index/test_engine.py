"""The engine on the real model and real FAISS: answers, abstentions, rebuilds, broken indexes."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

from index.engine import Engine
from index.errors import (
    CorpusError,
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
    QuestionError,
    RebuildInProgressError,
)
from tests.articles import SEED_QUESTION
from tests.conftest import MakeEngine

pytestmark = pytest.mark.model

EXTRA = """---
title: City opens a floating library
outlet: Harbor Times
published: 2024-03-02
url: https://example.org/library
---

The harbor city opened a floating library on Saturday, moored at pier nine.

The barge holds twelve thousand books and a reading room for forty people, the librarian said.
"""


def test_seed_question_is_answered_with_the_700_dollar_quote(seed_engine: Engine) -> None:
    """The Oregon sheriff question is answered by the $700 passage with its source."""
    answer = seed_engine.ask(SEED_QUESTION)
    assert not answer.abstained
    top = answer.hits[0]
    assert "$700" in top.quote
    assert "$700" in top.highlighted_text
    assert top.title == "Amazon bans police use of its facial-recognition technology for a year"
    assert (top.outlet, top.published) == ("The Washington Post", "2020-06-10")


def test_off_topic_question_abstains_with_reason_and_titles(seed_engine: Engine) -> None:
    """A question the coverage cannot answer gets an abstention, not the least bad passage."""
    answer = seed_engine.ask("How do I bake sourdough bread?")
    assert answer.abstained and answer.hits == ()
    assert answer.reason
    assert answer.closest_titles


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is Rekognition?", "Rekognition is a tool offered by Amazon Web Services"),
        ("Who is Ron Wyden?", "Sen. Ron Wyden (D-Ore.)"),
        ("What did the ACLU want Amazon to commit to?", "blanket moratorium on law enforcement"),
        ("Which company left the facial recognition business?", "IBM said it will get out"),
    ],
)
def test_seed_questions_find_the_answering_passage(
    seed_engine: Engine, question: str, expected: str
) -> None:
    """Each seed question's answer appears among the three quoted passages."""
    answer = seed_engine.ask(question)
    assert not answer.abstained
    assert any(expected in hit.quote for hit in answer.hits)


def test_quotes_are_verbatim_article_text(seed_engine: Engine, seed_corpus: Path) -> None:
    """Every quote and highlight is an exact substring of its article at the stated offsets."""
    text = (seed_corpus / "amazon-rekognition-police-moratorium.md").read_text(encoding="utf-8")
    for question in (SEED_QUESTION, "What did Microsoft do?", "Who is Joy Buolamwini?"):
        answer = seed_engine.ask(question, k=5)
        for hit in answer.hits + answer.more:
            assert hit.quote in text
            for start, end in hit.highlight:
                assert hit.quote[start:end] in hit.quote
                assert hit.quote[start:end].strip() == hit.quote[start:end]
            assert set(hit.highlight) <= set(hit.sentences)  # the engine's sentences, one split
            assert " ".join(hit.quote[a:b] for a, b in hit.sentences).split() == hit.quote.split()


def test_empty_question_is_refused(seed_engine: Engine) -> None:
    """An empty question raises a clear error instead of searching."""
    with pytest.raises(QuestionError):
        seed_engine.ask("   ")


def test_rebuild_after_one_change_embeds_only_that_article(
    make_engine: MakeEngine, seed_corpus: Path
) -> None:
    """Changing one article re-embeds only its passages; the others come from the cache."""
    (seed_corpus / "library.md").write_text(EXTRA, encoding="utf-8")
    engine = make_engine(seed_corpus)
    first = engine.info()
    assert first is not None and first.articles == 2
    library_passages = sum(
        1 for a in engine.articles() if a.source == "library.md" for _ in range(a.passages)
    )
    changed = EXTRA.replace("twelve thousand", "fifteen thousand")
    (seed_corpus / "library.md").write_text(changed, encoding="utf-8")
    report = engine.rebuild()
    assert report.changed == ("library.md",)
    assert report.unchanged == ("amazon-rekognition-police-moratorium.md",)
    assert report.embedded == library_passages
    assert (
        "fifteen thousand"
        in engine.ask("How many books does the floating library hold?").hits[0].quote
    )
    (seed_corpus / "library.md").unlink()
    report = engine.rebuild()
    assert report.removed == ("library.md",) and report.embedded == 0


def test_unchanged_corpus_keeps_the_index(make_engine: MakeEngine, seed_corpus: Path) -> None:
    """Rebuilding an unchanged corpus embeds nothing and keeps the published version."""
    engine = make_engine(seed_corpus)
    version = engine.info().version  # type: ignore[union-attr]
    report = engine.rebuild()
    assert (report.version, report.embedded) == (version, 0)


def test_broken_files_are_reported_and_the_rest_answer(
    make_engine: MakeEngine, seed_corpus: Path
) -> None:
    """A corpus with broken files indexes the rest and names each broken one in the report."""
    (seed_corpus / "broken.md").write_bytes(b"\xff\xfe\x00\x01binary")
    (seed_corpus / "bad-front.md").write_text("---\ntitle: [x\n---\nText text text text.\n")
    engine = make_engine(seed_corpus, build=False)
    report = engine.rebuild()
    assert {f.path for f in report.failed} == {"broken.md", "bad-front.md"}
    assert "$700" in engine.ask(SEED_QUESTION).hits[0].quote


def test_corpus_without_articles_is_refused_and_index_untouched(
    make_engine: MakeEngine, seed_corpus: Path, tmp_path: Path
) -> None:
    """A rebuild from a folder with nothing usable fails clearly and keeps serving the old index."""
    engine = make_engine(seed_corpus)
    version = engine.info().version  # type: ignore[union-attr]
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.md").write_text("")
    with pytest.raises(CorpusError, match=r"x\.md"):
        engine.rebuild(corpus_dir=empty)
    with pytest.raises(CorpusError, match="does not exist"):
        engine.rebuild(corpus_dir=tmp_path / "missing")
    assert engine.info().version == version  # type: ignore[union-attr]
    assert "$700" in engine.ask(SEED_QUESTION).hits[0].quote


def test_missing_corrupt_and_mismatched_indexes_say_what_is_wrong(
    make_engine: MakeEngine, seed_corpus: Path, tmp_path: Path, embedder
) -> None:
    """Loading names the problem: nothing built, a damaged file, another model."""
    engine = make_engine(seed_corpus)
    index_dir = engine.config.index_dir
    with pytest.raises(IndexMissingError, match="coverbot index build"):
        Engine(engine.config.__class__(index_dir=tmp_path / "none"), embedder=embedder).load()

    version_dir = index_dir / "versions" / engine.info().version  # type: ignore[union-attr]
    manifest_path = version_dir / "manifest.json"
    original = manifest_path.read_text()
    manifest = json.loads(original)
    manifest["model"] = "sentence-transformers/all-mpnet-base-v2"
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError, match="all-mpnet-base-v2"):
        Engine(engine.config, embedder=embedder).load()
    manifest_path.write_text(original)

    vectors = version_dir / "vectors.npy"
    vectors.write_bytes(vectors.read_bytes()[:-100])
    with pytest.raises(IndexCorruptError, match="vectors.npy"):
        Engine(engine.config, embedder=embedder).load()
    vectors.unlink()
    with pytest.raises(IndexCorruptError, match="vectors.npy is missing"):
        Engine(engine.config, embedder=embedder).load()


def test_asks_during_a_rebuild_use_the_old_index(
    make_engine: MakeEngine, seed_corpus: Path
) -> None:
    """Questions asked while a rebuild runs are answered from the old index; one rebuild at once."""
    engine = make_engine(seed_corpus)
    shutil.copy(seed_corpus / "amazon-rekognition-police-moratorium.md", seed_corpus / "copy.md")
    (seed_corpus / "library.md").write_text(EXTRA, encoding="utf-8")
    entered, release = threading.Event(), threading.Event()
    answers: list[str] = []
    errors: list[BaseException] = []

    def slow_progress(stage: str, done: int, total: int) -> None:
        if stage == "embedding":
            entered.set()
            release.wait(30)

    def rebuild() -> None:
        try:
            engine.rebuild(progress=slow_progress)
        except BaseException as exc:  # reported to the test thread
            errors.append(exc)

    worker = threading.Thread(target=rebuild)
    worker.start()
    assert entered.wait(60)
    askers = [
        threading.Thread(target=lambda: answers.append(engine.ask(SEED_QUESTION).hits[0].quote))
        for _ in range(4)
    ]
    for thread in askers:
        thread.start()
    for thread in askers:
        thread.join(30)
    assert engine.rebuilding
    with pytest.raises(RebuildInProgressError):
        engine.rebuild()
    assert engine.info().articles == 1  # type: ignore[union-attr]
    release.set()
    worker.join(60)
    assert not errors
    assert len(answers) == 4 and all("$700" in a for a in answers)
    assert engine.info().articles == 2  # type: ignore[union-attr]
