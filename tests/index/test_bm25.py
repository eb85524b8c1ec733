"""BM25 from term counts: bm25s's own scores, and rebuilds that re-count only what changed."""

from __future__ import annotations

import random
from pathlib import Path

import bm25s
import numpy as np
import pytest

import index.build.builder as builder
from index.engine import Engine
from index.store.bm25 import assemble, count_terms
from index.store.lexical import LexicalIndex
from index.text.terms import terms
from tests.conftest import SEED_CORPUS, MakeEngine
from tests.index.test_engine import EXTRA


def _paragraphs() -> list[list[str]]:
    text = next(SEED_CORPUS.glob("*.md")).read_text(encoding="utf-8")
    return [terms(p) for p in text.split("\n\n") if p.strip()]


def test_scores_equal_those_bm25s_computes() -> None:
    """Every query's scores, the ranking and the document frequencies are bm25s's own."""
    docs = [*_paragraphs(), [], ["solo"], ["solo", "solo", "amazon"]]
    reference = bm25s.BM25()
    reference.index([d or [""] for d in docs], show_progress=False)
    ours = LexicalIndex.from_terms(docs)
    vocabulary = set(reference.vocab_dict)
    assert set(ours.vocabulary) == vocabulary
    for term in vocabulary:
        assert ours.document_frequency(term) == LexicalIndex.from_bm25s(reference).document_frequency(term)
    rng = random.Random(4)
    words = sorted(vocabulary - {""})
    for _ in range(200):
        query = rng.sample(words, rng.randint(1, 6))
        expected = reference.get_scores_from_ids(reference.get_tokens_ids(query))
        scores = ours.scores(query)
        assert np.array_equal(scores, expected)
        assert ours.search(query, 5) == LexicalIndex.from_bm25s(reference).search(query, 5)


def test_reused_rows_give_what_counting_everything_gives() -> None:
    """Passages changed, removed and added: the counts equal a count from scratch."""
    docs = _paragraphs()
    before = count_terms(docs)
    after_docs = [*docs[:3], terms("A zebra crossed the quokka's road"), *docs[5:], ["solo"]]
    sources = [0, 1, 2, -1, *range(5, len(docs)), -1]
    fresh = [after_docs[3], after_docs[-1]]
    reused = assemble(before, sources, fresh)
    scratch = count_terms(after_docs)
    assert reused.vocabulary == scratch.vocabulary
    assert np.array_equal(reused.ids, scratch.ids)
    assert np.array_equal(reused.counts, scratch.counts)
    assert np.array_equal(reused.indptr, scratch.indptr)
    gone = set(t for d in docs[3:5] for t in d) - set(t for d in after_docs for t in d)
    assert gone and not gone & set(reused.vocabulary)
    assert not LexicalIndex.from_counts(reused).knows(sorted(gone)[0])


@pytest.mark.model
def test_a_rebuild_stems_only_the_changed_article_even_after_a_restart(
    make_engine: MakeEngine, seed_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a restart, only the changed article is stemmed; BM25 answers as from scratch."""
    (seed_corpus / "library.md").write_text(EXTRA, encoding="utf-8")
    built = make_engine(seed_corpus)
    restarted = Engine(built.config, embedder=built.embedder)
    restarted.load()
    changed = EXTRA.replace("twelve thousand books", "fifteen thousand atlases")
    (seed_corpus / "library.md").write_text(changed, encoding="utf-8")
    stemmed: list[str] = []

    def counting_terms(text: str) -> list[str]:
        stemmed.append(text)
        return terms(text)

    monkeypatch.setattr(builder, "terms", counting_terms)
    restarted.rebuild()
    monkeypatch.undo()
    assert stemmed and all(t in changed for t in stemmed)
    scratch = make_engine(seed_corpus)
    new, old = restarted._require().lexical, scratch._require().lexical
    for query in (["atlas"], ["book"], ["amazon", "polic"], ["librari", "barg", "pier"]):
        assert new.search(query, 10) == old.search(query, 10)
    assert new.knows("atlas") and new.knows("book") == old.knows("book")
    answer = restarted.ask("How many atlases does the library hold?")
    assert "fifteen thousand atlases" in answer.hits[0].quote
