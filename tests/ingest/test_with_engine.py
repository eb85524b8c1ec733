"""Ingestion with the real engine: answerable after one rebuild; refusals change nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from index.ingest import BadFileError, IngestConfig, Library
from tests.articles import PARAGRAPHS, article_html, snapshot
from tests.conftest import MakeEngine
from tests.loopback import LOOPBACK, Site

pytestmark = [pytest.mark.model, pytest.mark.asyncio(loop_scope="session")]

TITLE = "Harbour authority approves dredging of the northern channel"
QUESTION = "How much will dredging the northern channel cost?"


def make_library(corpus: Path, tmp_path: Path, make_engine: MakeEngine) -> Library:
    """Return a library over ``corpus`` with a real engine already built on it."""
    config = IngestConfig(corpus_dir=corpus, data_dir=tmp_path / "var", policy=LOOPBACK)
    return Library(dataclasses.replace(config, min_article_chars=200), make_engine(corpus))


async def test_an_added_link_is_answerable_after_one_rebuild(
    site: Site, seed_corpus: Path, tmp_path: Path, make_engine: MakeEngine
) -> None:
    """A link added by a moderator is quoted in answers right after the add's single rebuild."""
    library = make_library(seed_corpus, tmp_path, make_engine)
    before = library.engine.info()
    url = site.page("/harbour", article_html(TITLE, PARAGRAPHS))
    result = await library.add_url(url, actor="test:mod")
    assert result.indexed and result.passages >= 1
    after = library.engine.info()
    assert before is not None and after is not None and after.version != before.version
    assert after.articles == before.articles + 1
    answer = library.engine.ask(QUESTION)
    assert not answer.abstained
    assert answer.hits[0].title == TITLE
    assert answer.hits[0].url == url
    assert "42 million euros" in answer.hits[0].quote


async def test_a_bad_attachment_leaves_corpus_and_index_unchanged(
    seed_corpus: Path, tmp_path: Path, make_engine: MakeEngine
) -> None:
    """A broken file is refused with its reason; the served index keeps its version."""
    library = make_library(seed_corpus, tmp_path, make_engine)
    before_files = snapshot(seed_corpus)
    before = library.engine.info()
    with pytest.raises(BadFileError, match="front matter"):
        await library.add_file("x.md", b"---\ntitle: [\n---\n\nText of the article.", "t")
    assert snapshot(seed_corpus) == before_files
    assert library.engine.info() == before


async def test_removal_and_restore_change_the_answers(
    site: Site, seed_corpus: Path, tmp_path: Path, make_engine: MakeEngine
) -> None:
    """A removed article stops being quoted; restored from removed/, it is quoted again."""
    library = make_library(seed_corpus, tmp_path, make_engine)
    await library.add_url(site.page("/h", article_html(TITLE, PARAGRAPHS)), actor="t")
    removed = await library.remove(TITLE, actor="discord:5")
    assert removed.indexed
    assert TITLE not in [h.title for h in library.engine.ask(QUESTION).hits]
    assert (tmp_path / "removed" / removed.removed_path).is_file()
    await library.restore(TITLE, actor="discord:5")
    assert library.engine.ask(QUESTION).hits[0].title == TITLE
