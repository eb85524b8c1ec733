"""The ONNX question encoders: the same vector space as the passages, faster, cached, safe."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index.config import DEFAULT_MODEL
from index.embedding.encoder import Embedder, resolve_model_path
from index.embedding.folder import describe
from index.embedding.onnx import FileTokenizer, model_tokenizer
from index.engine import Engine
from tests.articles import SEED_QUESTION

pytestmark = pytest.mark.model

QUESTIONS = [
    SEED_QUESTION,
    "What is Rekognition?",
    "Who is Ron Wyden?",
    "What did the ACLU want Amazon to commit to?",
    "Which company left the facial recognition business?",
    "How long is the moratorium on police use?",
]


@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx")


@pytest.fixture(scope="module")
def int8(onnx_cache: Path) -> Embedder:
    return Embedder(query_encoder="onnx-int8", onnx_cache=onnx_cache)


def test_int8_questions_land_beside_the_torch_vectors(embedder: Embedder, int8: Embedder) -> None:
    """Questions encoded in int8 point where the model's own vectors do (passages stay torch)."""
    assert int8.query_encoder == "onnx-int8"
    reference = embedder.encode_queries(QUESTIONS)
    fast = int8.encode_queries(QUESTIONS)
    assert fast.shape == reference.shape and fast.dtype == np.float32
    cosines = (fast * reference).sum(axis=1)
    assert cosines.min() > 0.97 and cosines.mean() > 0.985
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    # each int8 question is nearer its own torch vector than any other question's
    assert (np.argmax(fast @ reference.T, axis=1) == np.arange(len(QUESTIONS))).all()


def test_a_question_gets_one_vector_whoever_else_is_asked(int8: Embedder) -> None:
    """int8 activations are scaled per input: a batch must not change a question's vector."""
    alone = np.vstack([int8.encode_queries([q]) for q in QUESTIONS])
    together = int8.encode_queries(QUESTIONS)
    assert np.array_equal(alone, together)


def test_int8_questions_are_encoded_alone_torch_ones_together(
    embedder: Embedder, int8: Embedder
) -> None:
    """The answering threads share model calls for torch; for int8 each encodes its own."""
    assert embedder.batches_questions and not int8.batches_questions


def test_the_export_is_made_once_and_reused(int8: Embedder, onnx_cache: Path) -> None:
    """A second process (here: a second embedder) loads the cached file instead of exporting."""
    files = sorted(onnx_cache.glob("*.onnx"))
    assert len(files) == 1 and "onnx-int8" in files[0].name
    stamp = files[0].stat().st_mtime_ns
    again = Embedder(query_encoder="onnx-int8", onnx_cache=onnx_cache)
    assert again.query_encoder == "onnx-int8"
    assert sorted(onnx_cache.glob("*.onnx")) == files
    assert files[0].stat().st_mtime_ns == stamp
    assert not list(onnx_cache.glob(".export-*"))
    assert np.array_equal(again.encode_queries(QUESTIONS), int8.encode_queries(QUESTIONS))


def test_the_int8_engine_answers_like_the_torch_one(seed_engine: Engine, int8: Embedder) -> None:
    """The served index (built with torch) answers int8 questions with the same quotes."""
    fast = Engine(seed_engine.config, embedder=int8)
    fast.load()
    for question in QUESTIONS[:5]:
        expected, answer = seed_engine.ask(question), fast.ask(question)
        assert not answer.abstained
        assert answer.hits[0].quote == expected.hits[0].quote
    assert fast.ask("How do I bake sourdough bread?").abstained


def test_an_unwritable_cache_falls_back_to_torch(tmp_path: Path, embedder: Embedder) -> None:
    """No export possible (the cache is a file): questions are still answered, by torch."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    fallback = Embedder(query_encoder="onnx-int8", onnx_cache=blocked / "onnx")
    assert fallback.query_encoder == "torch"
    assert np.allclose(
        fallback.encode_queries(QUESTIONS[:2]), embedder.encode_queries(QUESTIONS[:2]), atol=1e-6
    )


def test_the_model_folder_tells_what_the_loaded_model_does(embedder: Embedder) -> None:
    """Read from its files alone, the model has the loaded one's size, limit and token ids."""
    folder = describe(Path(resolve_model_path(DEFAULT_MODEL)))
    assert folder is not None
    assert (folder.dimension, folder.max_tokens) == (embedder.dimension, embedder.max_tokens)
    texts = [
        *QUESTIONS,
        "Qu'a dit Nicole Özer à propos de la reconnaissance faciale ?",
        "亚马逊 facial-recognition 🙂 “quoted” naïve café",
        "   ",
        " ".join(["moratorium"] * 400),  # over the model's 256 tokens: truncated alike
    ]
    from transformers import AutoTokenizer

    loaded = AutoTokenizer.from_pretrained(resolve_model_path(DEFAULT_MODEL))
    for together in (texts, *([text] for text in texts)):
        from_file = FileTokenizer(folder.tokenizer_file, folder.max_tokens)(together)
        from_model = model_tokenizer(loaded, embedder.max_tokens)(together)
        for ours, theirs in zip(from_file, from_model, strict=True):
            assert np.array_equal(ours, theirs)
