"""The published version: checksums taken while writing, vectors mapped, flat FAISS not stored."""

from __future__ import annotations

import hashlib
import json
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from index.engine import Engine
from index.errors import IndexCorruptError
from index.store import folder as store
from index.store.folder import WRITTEN, IndexData
from tests.articles import IBM_TEXT, PARAGRAPHS, SEED_QUESTION, write_article
from tests.conftest import MakeEngine

pytestmark = pytest.mark.model


def test_a_flat_index_is_published_lean_and_serves_mapped_vectors(
    make_engine: MakeEngine, seed_corpus: Path
) -> None:
    """Every listed checksum is the file's; a restart answers exactly as the builder did."""
    built = make_engine(seed_corpus)
    data = built._require()
    folder = data.path
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert not (folder / "dense.faiss").exists()
    on_disk = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name not in {"manifest.json", WRITTEN}
    }
    assert set(manifest["files"]) == on_disk
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert isinstance(data.sentence_vectors, np.memmap) and isinstance(data.vectors, np.memmap)
    assert _bm25_is_mapped(data)

    restarted = Engine(built.config, embedder=built.embedder)
    restarted.load()
    served = restarted._require()
    assert isinstance(served.sentence_vectors, np.memmap)
    assert _bm25_is_mapped(served)
    assert served.dense.ntotal == len(served.passages)
    for question in (SEED_QUESTION, "Who is Ron Wyden?", "How do I bake sourdough bread?"):
        first, again = built.ask(question), restarted.ask(question)
        assert (first.abstained, first.hits) == (again.abstained, again.hits)


def test_a_load_hashes_only_files_changed_since_the_build_wrote_them(
    make_engine: MakeEngine, seed_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A restart reads no file whole to check it; a file changed since is still caught."""
    built = make_engine(seed_corpus)
    folder = built._require().path

    def no_hashing(path: Path) -> str:
        raise AssertionError(f"{path.name} was hashed")

    monkeypatch.setattr(store, "_sha256", no_hashing)
    Engine(built.config, embedder=built.embedder).load()
    monkeypatch.undo()
    vectors = folder / "vectors.npy"
    damaged = bytearray(vectors.read_bytes())
    damaged[-1] ^= 0xFF  # the same size, another byte
    vectors.write_bytes(bytes(damaged))
    with pytest.raises(IndexCorruptError, match="vectors.npy"):
        Engine(built.config, embedder=built.embedder).load()
    (folder / WRITTEN).write_text("not json", encoding="utf-8")  # unreadable: hash everything
    with pytest.raises(IndexCorruptError, match="vectors.npy"):
        Engine(built.config, embedder=built.embedder).load()


def test_the_coverage_holds_no_second_copy_of_the_passages_texts(
    make_engine: MakeEngine, seed_corpus: Path
) -> None:
    """Grounding reads the passages' texts from their articles: loading it copies none."""
    built = make_engine(seed_corpus)
    restarted = Engine(built.config, embedder=built.embedder)
    restarted.load()
    data = restarted._require()
    text_bytes = sum(len(p.text) for p in data.passages)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    coverage = data.coverage
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert grown < text_bytes / 10
    assert list(coverage.texts) == [p.text for p in data.passages]
    assert coverage.texts[-1] == data.passages[-1].text
    assert built.ask(SEED_QUESTION).hits == restarted.ask(SEED_QUESTION).hits


def _bm25_is_mapped(data: IndexData) -> bool:
    """Tell whether BM25's weights, postings and term counts are read from the version's files."""
    weights = data.lexical.weights
    counts = data.lexical.counts
    assert counts is not None
    mapped = (weights.data, weights.indices, counts.ids, counts.counts)
    return all(isinstance(array, np.memmap) for array in mapped)


def test_passages_share_their_articles_text_and_quote_it_verbatim(
    make_engine: MakeEngine, tmp_path: Path
) -> None:
    """No passage holds a copy of its text; a restart and a one-article rebuild keep it so.

    The article carries a line separator (U+2028) and a NEL (U+0085) inside a paragraph: the
    article table must still read back whole after a restart.
    """
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    odd = "The council met on Tuesday.\u2028It approved the harbour budget.\u0085Work starts soon."
    write_article(corpus, "odd.md", "Harbour budget", "\n\n".join([odd, *PARAGRAPHS[:2]]))
    write_article(corpus, "other.md", "IBM", IBM_TEXT)
    built = make_engine(corpus)

    def check(engine: Engine) -> None:
        data = engine._require()
        assert data.passages
        for passage in data.passages:
            article = data.articles[passage.article]
            assert passage.article_text is article.text
            assert passage.text == article.text[passage.start : passage.end]
            for a, b in passage.sentences:
                assert passage.text[a:b].strip() == passage.text[a:b] != ""

    check(built)
    restarted = Engine(built.config, embedder=built.embedder)
    restarted.load()
    check(restarted)
    assert restarted._require().passages == built._require().passages
    answer = restarted.ask("When does the harbour work start?")
    assert any("\u2028" in hit.quote for hit in answer.hits)

    write_article(corpus, "other.md", "IBM", f"{IBM_TEXT}\n\n{PARAGRAPHS[2]}")
    restarted.rebuild()
    check(restarted)
