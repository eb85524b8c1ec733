"""Over every corpus in ../shared/eval, each passage is verbatim article text the model reads whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.build.incremental import chunk_corpus
from index.config import EngineConfig
from index.corpus.reader import load_corpus
from index.embedding.encoder import Embedder
from index.evaluation import read_dataset
from index.evaluation.materialize import materialize
from tests.articles import SHARED

pytestmark = [pytest.mark.model, pytest.mark.slow]

EVAL = SHARED / "eval"
CORPORA = [
    ("realtimeqa", EVAL / "realtimeqa-dev"),
    ("squad", EVAL / "xquad" / "xquad.en.json"),
    ("rgb", EVAL / "rgb" / "en_fact.json"),
]


@pytest.mark.parametrize(("fmt", "path"), CORPORA, ids=[c[0] for c in CORPORA])
def test_every_passage_is_a_verbatim_span_the_model_reads_whole(
    fmt: str, path: Path, tmp_path: Path, embedder: Embedder
) -> None:
    """Each passage equals its article text at its offsets, ends on whole sentences, and fits."""
    if not path.exists():
        pytest.skip(f"{path} is not here")
    dataset = read_dataset(fmt, path)
    corpus = materialize(dataset.records, tmp_path, fmt) / "corpus"
    config = EngineConfig(corpus_dir=corpus, index_dir=tmp_path / "index")
    contents = load_corpus(corpus, config.max_file_bytes)
    assert not contents.failed
    passages, _ = chunk_corpus(contents.articles, config, embedder)
    assert len(passages) >= len(contents.articles)
    for passage in passages:
        text = contents.articles[passage.article].text
        assert text[passage.start : passage.end] == passage.text
        assert passage.text == passage.text.strip()
        assert embedder.fits(passage.text)
        for start, end in passage.sentences:
            assert passage.text[start:end].strip()
    covered = {p.article for p in passages}
    assert covered == set(range(len(contents.articles)))
