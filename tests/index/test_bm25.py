"""BM25 from term counts: bm25s's own scores, and rebuilds that re-count only what changed."""

from __future__ import annotations

import json
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


def _tampered(folder: Path, how: str) -> None:
    """Change one file of a saved index as a hand edit would."""
    vocabulary_file, params_file = folder / "vocab.index.json", folder / "params.index.json"
    vocabulary = json.loads(vocabulary_file.read_text(encoding="utf-8"))
    params = json.loads(params_file.read_text(encoding="utf-8"))
    terms_file = folder / "vocab.terms.txt"
    terms = terms_file.read_text(encoding="utf-8").split("\n")
    if how.startswith("term") or how.startswith("vocabulary"):
        terms_file.unlink()  # an index written before the terms file: its JSON is read
    if how == "terms file repeats a term":
        terms_file.write_text("\n".join([*terms[:-1], terms[0]]), encoding="utf-8")
    elif how == "terms file past the columns":
        terms_file.write_text("\n".join([*terms, "extra", "more"]), encoding="utf-8")
    elif how == "term id past the columns":
        vocabulary[next(iter(vocabulary))] = 10**6
    elif how == "term id negative":
        vocabulary[next(iter(vocabulary))] = -1
    elif how == "vocabulary a list":
        vocabulary = list(vocabulary)
    elif how == "passages negative":
        params["num_docs"] = -3
    elif how == "column pointers cut":
        np.save(folder / "indptr.csc.index.npy", np.load(folder / "indptr.csc.index.npy")[:-2])
    elif how == "column pointers decreasing":
        pointers = np.load(folder / "indptr.csc.index.npy")
        pointers[1], pointers[2] = pointers[2], pointers[1] - 1
        np.save(folder / "indptr.csc.index.npy", pointers)
    elif how == "weights as integers":
        np.save(folder / "data.csc.index.npy", np.load(folder / "data.csc.index.npy").astype(int))
    elif how == "passages cut":
        np.save(folder / "indices.csc.index.npy", np.load(folder / "indices.csc.index.npy")[:-1])
    vocabulary_file.write_text(json.dumps(vocabulary), encoding="utf-8")
    params_file.write_text(json.dumps(params), encoding="utf-8")


@pytest.mark.parametrize(
    "how",
    [
        "terms file repeats a term",
        "terms file past the columns",
        "term id past the columns",
        "term id negative",
        "vocabulary a list",
        "passages negative",
        "column pointers cut",
        "column pointers decreasing",
        "weights as integers",
        "passages cut",
    ],
)
def test_a_hand_edited_index_is_refused_when_loaded(tmp_path: Path, how: str) -> None:
    """Arrays that do not fit together fail the load, never a question asked later."""
    LexicalIndex.from_terms(_paragraphs()).save(tmp_path)
    assert LexicalIndex.load(tmp_path).search(["amazon"], 3)  # intact, it loads and answers
    _tampered(tmp_path, how)
    with pytest.raises(ValueError, match="vocabulary|fit together|repeats a term"):
        LexicalIndex.load(tmp_path)


def test_the_terms_file_reads_as_the_vocabulary_bm25s_writes(tmp_path: Path) -> None:
    """Loading from the lines gives the JSON's vocabulary, in the same order, and the same scores."""
    LexicalIndex.from_terms(_paragraphs()).save(tmp_path)
    from_lines = LexicalIndex.load(tmp_path)
    (tmp_path / "vocab.terms.txt").unlink()
    from_json = LexicalIndex.load(tmp_path)
    assert list(from_lines.vocabulary.items()) == list(from_json.vocabulary.items())
    assert from_lines.counts is not None and from_json.counts is not None
    assert from_lines.counts.vocabulary == from_json.counts.vocabulary
    for query in (["amazon"], ["polic", "ban"], ["nothing-like-this"]):
        assert from_lines.search(query, 5) == from_json.search(query, 5)


def test_a_carriage_return_in_a_term_does_not_shift_the_columns(tmp_path: Path) -> None:
    index = LexicalIndex.from_terms([["zeta", "a\rb", "omega"], []])
    index.save(tmp_path)
    assert LexicalIndex.load(tmp_path).vocabulary == index.vocabulary


def test_a_term_that_cannot_be_a_line_keeps_the_json_alone(tmp_path: Path) -> None:
    index = LexicalIndex.from_terms([["two\nlines", "amazon"], ["amazon", "polic"]])
    index.save(tmp_path)
    assert not (tmp_path / "vocab.terms.txt").exists()
    assert LexicalIndex.load(tmp_path).vocabulary == index.vocabulary
