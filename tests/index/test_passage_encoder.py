"""Passages encoded by the int8 ONNX export: the same answers, their own cache, a full rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from index.config import PassageEncoderKind
from index.embedding.encoder import Embedder, resolve_model_path
from index.embedding.folder import describe
from index.embedding.passages import OnnxPassageEncoder
from index.engine import Engine
from index.store.folder import VERSIONS, read_manifest
from tests.articles import SEED_CORPUS, SEED_QUESTION, add_ibm_article
from tests.conftest import engine_config

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Embedder:
    """Return the bundled model, its ONNX export cached in a folder of this module's own."""
    return Embedder(onnx_cache=tmp_path_factory.mktemp("onnx"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, target)
    return target


def _engine(
    model: Embedder, corpus: Path, root: Path, encoder: PassageEncoderKind, index: str = "index"
) -> Engine:
    config = engine_config(
        corpus, root / index, cache_dir=root / "cache", passage_encoder=encoder, keep_versions=3
    )
    return Engine(config, embedder=model)


def _vectors(index_dir: Path, version: str) -> np.ndarray:
    return np.load(index_dir / VERSIONS / version / "vectors.npy")


def test_an_int8_index_bolds_the_700_dollar_sentence(
    model: Embedder, corpus: Path, tmp_path: Path
) -> None:
    """Built with int8 passages, the seed question is answered with the $700 sentence in bold."""
    engine = _engine(model, corpus, tmp_path, "onnx-int8")
    report = engine.rebuild()
    assert report.embedded == report.passages > 0
    answer = engine.ask(SEED_QUESTION)
    assert not answer.abstained, answer.reason
    assert "$700" in answer.hits[0].highlighted_text
    assert "(Drew Harwell" not in answer.hits[0].highlighted_text


def test_int8_passages_and_sentences_land_beside_the_fp32_ones(model: Embedder) -> None:
    """Each passage's and each sentence's int8 vector points where its fp32 vector does."""
    texts = [
        "The sheriff's office paid about $700 to upload its photos. It pays $6 a month since.",
        "Amazon said it would stop selling Rekognition to police for a year. Critics doubted it.",
        "Microsoft did not respond to a request for comment.",
    ]
    spans = [[(0, 58), (59, 84)], [(0, 68), (69, 88)], [(0, 51)]]
    fp32 = model.encode_passages(texts, spans, encoder="fp32")
    int8 = model.encode_passages(texts, spans, encoder="onnx-int8")
    vectors = np.vstack([e.vector for e in int8])
    reference = np.vstack([e.vector for e in fp32])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert (vectors * reference).sum(axis=1).min() > 0.97
    assert (np.argmax(vectors @ reference.T, axis=1) == np.arange(len(texts))).all()
    for fast, exact in zip(int8, fp32, strict=True):
        assert fast.sentences.shape == exact.sentences.shape
        assert (fast.sentences * exact.sentences).sum(axis=1).min() > 0.97


def test_a_passage_gets_one_vector_whatever_else_is_encoded(model: Embedder) -> None:
    """int8 activations are scaled per input: other passages must not change a passage's."""
    texts = [
        "A short passage. Two sentences.",
        "A much longer passage, with many more words than the first one has. " * 6,
    ]
    spans = [[(0, 16), (17, 31)], [(0, 68)]]
    alone = model.encode_passages(texts[:1], spans[:1], encoder="onnx-int8")[0]
    together = model.encode_passages(texts, spans, encoder="onnx-int8")[0]
    assert np.array_equal(alone.vector, together.vector)
    assert np.array_equal(alone.sentences, together.sentences)


def test_passages_encoded_side_by_side_come_back_in_order_and_unchanged(
    model: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two passages at once (the build on two cores) give each passage its vectors, in order."""
    path = model._onnx_passages().path  # exported into the module's cache
    folder = describe(Path(resolve_model_path(model.name)))
    assert folder is not None
    texts = [f"Passage {n} says {'more and ' * n}something about the sheriff." for n in range(9)]

    def encode(workers: str) -> list[np.ndarray]:
        monkeypatch.setenv("OMP_NUM_THREADS", workers)
        encoder = OnnxPassageEncoder(path, folder.tokenizer_file.read_text(), folder.max_tokens)
        assert encoder.workers == int(workers)
        return [encoded.vectors for encoded in encoder.encode(texts)]

    alone, side_by_side = encode("1"), encode("3")
    assert [len(v) for v in alone] == sorted(len(v) for v in alone)  # longer text, more tokens
    for one, other in zip(alone, side_by_side, strict=True):
        assert np.array_equal(one, other)


def test_the_embedding_cache_keeps_fp32_and_int8_apart(
    model: Embedder, corpus: Path, tmp_path: Path
) -> None:
    """An int8 build sharing the cache of an fp32 build embeds every passage again."""
    assert model.passage_model_id("fp32") != model.passage_model_id("onnx-int8")
    fp32 = _engine(model, corpus, tmp_path, "fp32", "fp32-index")
    first = fp32.rebuild()
    int8 = _engine(model, corpus, tmp_path, "onnx-int8", "int8-index")
    second = int8.rebuild()
    assert second.embedded == second.passages == first.passages
    exact = _vectors(tmp_path / "fp32-index", first.version)
    fast = _vectors(tmp_path / "int8-index", second.version)
    assert not np.array_equal(exact, fast)
    again = _engine(model, corpus, tmp_path, "onnx-int8", "int8-again").rebuild()
    assert again.embedded == 0  # the int8 vectors are cached under their own keys
    assert np.array_equal(_vectors(tmp_path / "int8-again", again.version), fast)


def test_switching_the_passage_encoder_rebuilds_rather_than_mixing(
    model: Embedder, corpus: Path, tmp_path: Path
) -> None:
    """The manifest records the encoder: a switch is a full rebuild, never a reuse of passages."""
    index_dir = tmp_path / "index"
    built = _engine(model, corpus, tmp_path, "fp32").rebuild()
    assert read_manifest(index_dir).passage_encoder == "fp32"
    add_ibm_article(corpus)  # named after the seed article: its passages come last
    switched = _engine(model, corpus, tmp_path, "onnx-int8").rebuild()
    assert switched.version != built.version
    assert switched.embedded == switched.passages  # no passage reused from the fp32 index
    assert read_manifest(index_dir).passage_encoder == "onnx-int8"
    back = _engine(model, corpus, tmp_path, "fp32").rebuild()
    assert back.version != switched.version
    assert read_manifest(index_dir).passage_encoder == "fp32"
    # the unchanged articles' passages come back with their fp32 vectors, not the int8 ones
    assert np.array_equal(
        _vectors(index_dir, back.version)[: built.passages], _vectors(index_dir, built.version)
    )
