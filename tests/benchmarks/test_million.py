"""The million-passage benchmark: its corpus repeats no article or passage, and it runs."""

import json
from pathlib import Path

import pytest

from benchmarks import realcorpus
from coverbot.cli import main
from index.config import ChunkSettings
from index.corpus.reader import load_corpus
from index.records import ArticleRecord
from index.text.chunking import chunk_article
from index.text.tokens import count_tokens

SHARED_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"

BOILERPLATE = "Sign up for our newsletter.\n\nNew York"
"""Paragraphs that many real articles share word for word: the copies must not repeat them."""


CAPTIONS = [
    f"Hide caption {n} of 9 photos: "
    + " ".join(["the harbour at dawn, seen from the old pier"] * 12)
    for n in range(9)
]
"""A gallery's captions, one a line with no blank line between: each line is a paragraph."""


def _records() -> list[ArticleRecord]:
    text = next(CORPUS.glob("*.md")).read_text(encoding="utf-8").split("\n\n", 1)[1]
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    galleries = [
        ArticleRecord("\n".join([f"Harbour photos, part {n}.", *CAPTIONS]), title=f"Gallery {n}")
        for n in range(2)
    ]
    return galleries + [
        ArticleRecord(
            "\n\n".join(paragraphs[n::3]) + "\n\n" + BOILERPLATE,
            title=f"Police moratorium, part {n + 1}",
            outlet="Wire",
            published=f"2022-06-1{n}",
            url=f"https://news.example/{n}",
        )
        for n in range(3)
    ]


def _passages(folder: Path) -> tuple[list[str], int]:
    contents = load_corpus(folder, 5_000_000)
    texts = [
        " ".join(article.text[c.start : c.end].split()).lower()
        for article in contents.articles
        for c in chunk_article(article.text, count_tokens, ChunkSettings())
    ]
    return texts, len(contents.duplicates)


def test_the_copies_repeat_no_article_and_no_passage_and_are_always_the_same(tmp_path):
    records = _records()
    base = sum(realcorpus.estimated_passages(records))
    first = realcorpus.generate(records, tmp_path / "a", base * 12, seed=3)
    again = realcorpus.generate(records, tmp_path / "b", base * 12, seed=3)
    assert (again.articles, again.estimated_passages) == (first.articles, first.estimated_passages)
    assert first.rounds >= 12 and first.estimated_passages >= base * 12
    assert first.left_out == 0
    texts, duplicates = _passages(tmp_path / "a")
    assert duplicates == 0  # the corpus reader indexed every article
    assert len(set(texts)) == len(texts)  # and no passage twice
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    copy = json.loads((tmp_path / "a" / files[-1]).read_text().splitlines()[-1])
    assert "?copy=" in copy["url"] and copy["published"] < "2022-06-10"


def test_round_zero_is_the_text_as_written(tmp_path):
    records = _records()
    realcorpus.generate(records, tmp_path, sum(realcorpus.estimated_passages(records)))
    first = json.loads((tmp_path / "part-00000.jsonl").read_text().splitlines()[2])
    assert first["text"] == records[2].text and first["url"] == records[2].url


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="needs ../shared/eval")
def test_the_million_section_runs_end_to_end_at_a_tiny_size(capsys, tmp_path):
    code = main(
        ["bench", "--only", "million", "--json", "--passages", "1500", "--questions", "6"]
        + ["--workdir", str(tmp_path)]
    )
    assert code == 0
    out = capsys.readouterr().out.strip().splitlines()
    figures = json.loads(out[-1])
    million = figures["million"]
    assert "error" not in million, million
    assert million["index_kind"] == "ivf" and million["passages"] >= 1500
    assert million["repeats_in_index"] == {"articles": 0, "passages": 0}
    assert million["ask"]["questions"] == 6
    assert million["one_article_rebuild"]["changed"] == 1
    assert million["corpus_changes"]["after_one_edit_found"] is True
    assert million["corpus_changes"]["unchanged_found_changes"] is False
    assert set(figures["targets"]) >= {"million_ask_p95<=40ms", "million_cold_load<=3s"}
    assert any(line.startswith("million: ") for line in out)
