"""A fast question encoder: the same model exported to ONNX (optionally int8), cached on disk.

Questions go through it; passages go through the sentence-transformers encoder, or through the
int8 export when the build asks for it (``index.embedding.passages``), and the build pools their
token vectors per sentence. The ONNX graph is the model's transformer exported once from the
loaded weights (mean pooling and normalisation are done here, as sentence-transformers
does them), so ``onnx`` encodes the same vectors as torch (cosine 1.0 to ~1e-7) and ``onnx-int8``
(MatMul weights quantised per channel, activations quantised dynamically) encodes vectors at
cosine ~.994 to them, several times faster on a CPU (see BENCHMARKS.md).

With int8, activations are quantised with a range taken over the whole input, so a question's
vector would depend on the other questions padded into its batch: each question is therefore
encoded alone, and the same question always gets the same vector.

Once the export is cached, questions need only onnxruntime and the model's ``tokenizer.json``
(``FileTokenizer``): no torch, transformers or sentence-transformers is imported to answer.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
import warnings
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index.config import QueryEncoderKind

log = logging.getLogger(__name__)

RECIPE = "1"
"""Bumped whenever the export or the quantisation changes, so old cached files are not reused."""
OPSET = 17
INPUTS = ("input_ids", "attention_mask", "token_type_ids")

Ids = npt.NDArray[np.int64]
Tokenize = Callable[[list[str]], tuple[Ids, Ids, Ids]]
"""Questions to token ids, attention mask and token types, padded to the longest, truncated."""


def default_cache_dir() -> Path:
    """Return where exported models are kept: ``$COVERBOT_ONNX_CACHE`` or the user cache."""
    configured = os.environ.get("COVERBOT_ONNX_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coverbot" / "onnx"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "none"


def cached_path(cache_dir: Path, weights_hash: str, kind: QueryEncoderKind) -> Path:
    """Return the file an export of these weights for ``kind`` is cached in."""
    recipe = f"{RECIPE}\0{weights_hash}\0{kind}\0{_version('onnxruntime')}\0{_version('onnx')}"
    key = hashlib.sha256(recipe.encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"{weights_hash[:12]}-{kind}-{key}.onnx"


def _export(model: Any, tokenizer: Any, target: Path) -> None:
    """Write the model's transformer (token vectors out) as an ONNX graph."""
    import torch

    class _TokenVectors(torch.nn.Module):
        def __init__(self, transformer: Any) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, ids: Any, mask: Any, types: Any) -> Any:
            out = self.transformer(input_ids=ids, attention_mask=mask, token_type_ids=types)
            return out.last_hidden_state

    sample = tokenizer(["an example question"], return_tensors="pt")
    args = tuple(
        sample[name] if name in sample else torch.zeros_like(sample["input_ids"])
        for name in INPUTS
    )
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "token_vectors")}
    wrapper = _TokenVectors(model).eval()
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the exporter's notes on tracing are not actionable
        torch.onnx.export(
            wrapper,
            args,
            str(target),
            input_names=list(INPUTS),
            output_names=["token_vectors"],
            dynamic_axes=axes,
            opset_version=OPSET,
            dynamo=False,
        )


def _quantize(source: Path, target: Path) -> None:
    import index.embedding.runtime  # noqa: F401 - ONNX Runtime starts with its telemetry off

    # isort: split
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # MatMul only, per output channel: quantising the embeddings (Gather) or using one scale a
    # weight matrix costs far more accuracy (cosine .97 instead of .994) for no speed.
    previous = logging.root.manager.disable
    logging.disable(logging.WARNING)  # the quantiser logs a line per tensor on the root logger
    try:
        quantize_dynamic(
            str(source),
            str(target),
            op_types_to_quantize=["MatMul"],
            per_channel=True,
            weight_type=QuantType.QInt8,
        )
    finally:
        logging.disable(previous)


def supports(model: Any) -> bool:
    """Tell whether a sentence-transformers model is a transformer, mean pooling, normalisation.

    Only such a model is exported: the pooling is redone here, and anything else (a CLS pooling, a
    dense layer) would encode other vectors than the passages were encoded with.
    """
    kinds = [type(module).__name__ for module in model]
    pooling = model[1] if len(kinds) > 1 else None
    return kinds == ["Transformer", "Pooling", "Normalize"] and (
        getattr(pooling, "pooling_mode", None) == "mean"
        or bool(getattr(pooling, "pooling_mode_mean_tokens", False))
    )


def ensure_exported(
    model: Any, tokenizer: Any, weights_hash: str, kind: QueryEncoderKind, cache_dir: Path
) -> Path:
    """Return the cached ONNX file for ``kind``, exporting (and quantising) it first if needed.

    The file is written under a temporary name and renamed, so concurrent processes never read
    half a file; two of them exporting at once just do the work twice.
    """
    target = cached_path(cache_dir, weights_hash, kind)
    if target.is_file():
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    log.info("exporting the query encoder to %s (once)", target)
    with tempfile.TemporaryDirectory(dir=cache_dir, prefix=".export-") as work:
        plain = Path(work) / "model.onnx"
        _export(model, tokenizer, plain)
        if kind == "onnx-int8":
            quantized = Path(work) / "model.int8.onnx"
            _quantize(plain, quantized)
            plain = quantized
        os.replace(plain, target)
    return target


class FileTokenizer:
    """A model's ``tokenizer.json`` read by the tokenizers library, as its loaded model reads it."""

    def __init__(self, path: Path, max_tokens: int) -> None:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(path))
        # The file's own padding and truncation (a fixed 128 for MiniLM) are replaced by what
        # the loaded model does: pad to the longest question, truncate at the model's limit.
        padding = tokenizer.padding or {}
        tokenizer.enable_padding(
            pad_id=int(padding.get("pad_id", 0)),
            pad_type_id=int(padding.get("pad_type_id", 0)),
            pad_token=str(padding.get("pad_token", "[PAD]")),
        )
        tokenizer.enable_truncation(max_length=max_tokens)
        self._tokenizer = tokenizer

    def __call__(self, texts: list[str]) -> tuple[Ids, Ids, Ids]:
        """Return the token ids, attention mask and token types of ``texts``."""
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        return ids, mask, types


def model_tokenizer(tokenizer: Any, max_tokens: int) -> Tokenize:
    """Return ``Tokenize`` for a loaded transformers tokenizer."""

    def tokenize(texts: list[str]) -> tuple[Ids, Ids, Ids]:
        batch = tokenizer(
            texts, padding=True, truncation=True, max_length=max_tokens, return_tensors="np"
        )
        ids = np.asarray(batch["input_ids"], dtype=np.int64)
        mask = np.asarray(batch["attention_mask"], dtype=np.int64)
        types = np.asarray(batch.get("token_type_ids", np.zeros_like(ids)), dtype=np.int64)
        return ids, mask, types

    return tokenize


class OnnxQueryEncoder:
    """Encodes questions with an exported model: mean-pooled, normalised token vectors."""

    def __init__(self, path: Path, tokenize: Tokenize, one_at_a_time: bool) -> None:
        from index.embedding.runtime import ort

        options = ort.SessionOptions()
        # One short question is too little work to share between threads; on a busy host a
        # second thread only waits (BENCHMARKS.md).
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )
        self._tokenize = tokenize
        self.one_at_a_time = one_at_a_time
        self.path = path

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """Return one normalized vector per text."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        if self.one_at_a_time and len(texts) > 1:
            return np.vstack([self._encode(list(texts[i : i + 1])) for i in range(len(texts))])
        return self._encode(list(texts))

    def _encode(self, texts: list[str]) -> npt.NDArray[np.float32]:
        ids, mask, types = self._tokenize(texts)
        (tokens,) = self._session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        )
        weights = mask[..., None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.ascontiguousarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)
