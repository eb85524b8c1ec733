"""Corpus folders written from records, keyed by their content."""

from index.corpus.reader import load_corpus
from index.evaluation.dataset import dedupe_records
from index.evaluation.materialize import folder_hash, materialize
from index.records import ArticleRecord

TEXT = "An article with enough words in it to be indexed by the engine."


def test_materialized_corpus_is_read_back_by_the_engine_loader(tmp_path):
    """The written .jsonl records load as articles with their metadata."""
    records = [
        ArticleRecord(url="https://ex.com/1", title="One", text=TEXT, outlet="ex.com"),
        ArticleRecord(url="https://ex.com/2", title="Two", text=TEXT + " Another one.", author="B"),
    ]
    home = materialize(records, tmp_path, "demo")
    contents = load_corpus(home / "corpus", 5_000_000)
    assert not contents.failed
    assert [(a.url, a.title) for a in contents.articles] == [
        ("https://ex.com/1", "One"),
        ("https://ex.com/2", "Two"),
    ]
    assert contents.articles[0].outlet == "ex.com"
    assert contents.articles[1].author == "B"


def test_same_records_reuse_the_folder_and_new_content_gets_a_new_one(tmp_path):
    """The folder name is the content hash: same records, same folder; changed, another."""
    records = [ArticleRecord(url="u1", title="One", text=TEXT)]
    first = materialize(records, tmp_path, "demo")
    assert materialize(records, tmp_path, "demo") == first
    changed = materialize([ArticleRecord(url="u1", title="One", text=TEXT + "!")], tmp_path, "demo")
    assert changed != first
    assert folder_hash(first / "corpus") != folder_hash(changed / "corpus")


def test_dedupe_keeps_first_url_and_aliases_repeated_text():
    """Repeated URLs are dropped; a repeated text is aliased to the article kept."""
    records = [
        ArticleRecord(url="a", title="A", text=TEXT),
        ArticleRecord(url="a", title="A2", text=TEXT + " different"),
        ArticleRecord(url="b", title="B", text=TEXT.upper()),
        ArticleRecord(url="c", title="C", text="short"),
    ]
    kept, aliases = dedupe_records(records)
    assert [r.title for r in kept] == ["A"]
    assert aliases == {"b": "a"}
