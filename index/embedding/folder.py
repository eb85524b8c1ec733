"""What a sentence-transformers model folder says about itself, read without loading the model.

Answering a question with a cached ONNX export needs the model's tokenizer, its dimension and
how many tokens it reads, not the model: these come from the folder's small JSON files, so a
question does not import torch, transformers or sentence-transformers. Only a folder that
describes a transformer with mean pooling and normalisation, a ``tokenizer.json`` and an
explicit ``max_seq_length`` is described; any other is loaded as before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_MODULES = (
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
)


@dataclass(frozen=True)
class ModelFolder:
    """A mean-pooled, normalised transformer model as its folder describes it."""

    path: Path
    dimension: int
    max_tokens: int
    tokenizer_file: Path


def _json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def describe(path: Path) -> ModelFolder | None:
    """Return the folder's description, or None when only loading the model can tell."""
    try:
        modules = _json(path / "modules.json")
        settings = _json(path / "sentence_bert_config.json")
        pooling_dir = next(m["path"] for m in modules if m["type"] == _MODULES[1])
        pooling = _json(path / pooling_dir / "config.json")
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return None
    tokenizer_file = path / "tokenizer.json"
    mean = pooling.get("pooling_mode") == "mean" or (
        pooling.get("pooling_mode_mean_tokens") is True
        and not any(
            pooling.get(f"pooling_mode_{other}")
            for other in ("cls_token", "max_tokens", "mean_sqrt_len_tokens", "weightedmean_tokens")
        )
    )
    plain = (
        tuple(module.get("type") for module in modules) == _MODULES
        and mean
        and not settings.get("do_lower_case")  # the tokenizer alone must read the text
        and isinstance(settings.get("max_seq_length"), int)
        and isinstance(pooling.get("word_embedding_dimension"), int)
        and tokenizer_file.is_file()
    )
    if not plain:
        return None
    return ModelFolder(
        path=path,
        dimension=int(pooling["word_embedding_dimension"]),
        max_tokens=int(settings["max_seq_length"]),
        tokenizer_file=tokenizer_file,
    )
