"""A loaded index parses each article when it is first read, and reads older versions whole."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from index.engine import Engine
from index.records import Article
from index.store.articles import DAYS, LINES, ArticleTable, article_line
from tests.articles import IBM_TEXT, PARAGRAPHS, write_article
from tests.conftest import MakeEngine

ARTICLES = (
    Article(text="Line one.\u2028Still line one.\n\nSecond.", title="Odd", source="a.md"),
    Article(text="Plain text.", title="Plain", source="b.md", published="2024-05-01"),
    Article(text="Ünïcödé “quotes” and \\ backslash.", title="Unicode", source="c.md#2"),
)


def _written(tmp_path: Path, articles: tuple[Article, ...] = ARTICLES) -> ArticleTable:
    lines = [0]
    path = tmp_path / "articles.jsonl"
    with path.open("wb") as handle:
        for article in articles:
            lines.append(lines[-1] + handle.write(article_line(article)))
    return ArticleTable(path, np.array(lines, dtype=np.int64))


def test_it_reads_as_the_tuple_that_was_written(tmp_path: Path) -> None:
    table = _written(tmp_path)
    assert len(table) == 3 and table == ARTICLES
    assert ARTICLES == table  # noqa: SIM300 - a tuple compared with the table, reflected
    assert table[-1] == ARTICLES[2] and table[:2] == ARTICLES[:2]
    assert table[1] is table[1]  # parsed once
    with pytest.raises(IndexError):
        table[3]


def test_an_empty_coverage_reads_as_no_articles(tmp_path: Path) -> None:
    assert len(_written(tmp_path, ())) == 0


def test_offsets_that_do_not_fit_the_file_are_refused(tmp_path: Path) -> None:
    table = _written(tmp_path)
    path = tmp_path / "articles.jsonl"
    size = path.stat().st_size
    assert len(table) == 3
    for lines, message in (([0, 10, size + 1], "does not match"), ([0, 50, 40, size], "empty")):
        with pytest.raises(ValueError, match=message):
            ArticleTable(path, np.array(lines, dtype=np.int64))


@pytest.mark.model
def test_a_version_written_before_the_line_offsets_still_loads(
    make_engine: MakeEngine, tmp_path: Path
) -> None:
    """An index built by an earlier coverbot is read whole, and answers as a new one does."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "budget.md", "Harbour budget", "\n\n".join(PARAGRAPHS[:3]))
    write_article(corpus, "ibm.md", "IBM", IBM_TEXT, published="2020-06-09")
    built = make_engine(corpus)
    question = "What did IBM say?"
    asked = dt.datetime(2020, 6, 12, tzinfo=dt.UTC)
    expected = built.ask(question, asked_at=asked)
    assert expected.hits

    fresh = Engine(built.config, embedder=built.embedder)
    fresh.load()
    data = fresh._require()
    assert isinstance(data.articles, ArticleTable) and data.stored_days is not None
    assert fresh.ask(question, asked_at=asked) == expected

    folder = data.path
    new_files = (LINES, DAYS, "bm25/vocab.terms.txt")
    terms = (folder / new_files[2]).read_text().split("\n")
    for name in new_files:
        (folder / name).unlink()
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"] = {k: v for k, v in manifest["files"].items() if k not in new_files}
    manifest_path.write_text(json.dumps(manifest))
    # Files the manifest does not list are never read, whatever they say.
    np.save(folder / DAYS, np.full(len(data.articles), 738000, dtype=np.int64))
    (folder / new_files[2]).write_text("\n".join(terms[1:] + terms[:1]))
    older = Engine(built.config, embedder=built.embedder)
    older.load()
    assert isinstance(older._require().articles, tuple)
    assert older._require().lexical.vocabulary == data.lexical.vocabulary
    assert older._require().articles == data.articles
    assert list(older._require().article_days) == list(data.article_days)
    assert older.ask(question, asked_at=asked) == expected


@pytest.mark.model
def test_a_period_question_reads_only_the_articles_it_lists(
    make_engine: MakeEngine, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_article(corpus, "ibm.md", "IBM", IBM_TEXT, published="2020-06-09")
    for number, paragraph in enumerate(PARAGRAPHS[:3]):
        write_article(corpus, f"old{number}.md", f"Old {number}", paragraph, published="2019-01-02")
    built = make_engine(corpus)
    fresh = Engine(built.config, embedder=built.embedder)
    fresh.load()
    articles = fresh._require().articles
    assert isinstance(articles, ArticleTable)
    answer = fresh.ask("What happened this week?", asked_at=dt.datetime(2020, 6, 10, tzinfo=dt.UTC))
    assert answer.news is not None and [i.title for i in answer.news.items] == ["IBM"]
    parsed = [i for i in range(len(articles)) if articles._made[i] is not None]
    assert [articles[i].title for i in parsed] == ["IBM"]
