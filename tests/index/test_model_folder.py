"""A model folder is described from its files only when they say all that answering needs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from index.config import DEFAULT_MODEL
from index.embedding.encoder import resolve_model_path
from index.embedding.folder import describe

SMALL_FILES = (
    "modules.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
    "tokenizer.json",
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Return a copy of the bundled model's small files (no weights)."""
    source = Path(resolve_model_path(DEFAULT_MODEL))
    for name in SMALL_FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, **changes: object) -> None:
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def test_the_bundled_model_is_described(folder: Path) -> None:
    """MiniLM: 384 dimensions, 256 tokens, its tokenizer file."""
    described = describe(folder)
    assert described is not None
    assert (described.dimension, described.max_tokens) == (384, 256)
    assert described.tokenizer_file == folder / "tokenizer.json"


def test_cls_pooling_is_not_described(folder: Path) -> None:
    """Another pooling than the mean: only the loaded model encodes it right."""
    _edit(
        folder / "1_Pooling/config.json",
        pooling_mode_mean_tokens=False,
        pooling_mode_cls_token=True,
    )
    assert describe(folder) is None


def test_lower_casing_by_the_model_is_not_described(folder: Path) -> None:
    """A model that lower-cases before its tokenizer: the tokenizer alone would read other text."""
    _edit(folder / "sentence_bert_config.json", do_lower_case=True)
    assert describe(folder) is None


@pytest.mark.parametrize("missing", ["tokenizer.json", "modules.json", "1_Pooling/config.json"])
def test_a_missing_file_is_not_described(folder: Path, missing: str) -> None:
    """Without the tokenizer file or the module list, the model is loaded instead."""
    (folder / missing).unlink()
    assert describe(folder) is None


def test_a_broken_file_is_not_described(folder: Path) -> None:
    """Unreadable JSON is no description (and no crash)."""
    (folder / "modules.json").write_text("{not json")
    assert describe(folder) is None


def test_a_dense_layer_is_not_described(folder: Path) -> None:
    """A model with more modules (a dense projection) is more than the ONNX graph encodes."""
    modules = json.loads((folder / "modules.json").read_text())
    modules.insert(
        2, {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}
    )
    (folder / "modules.json").write_text(json.dumps(modules))
    assert describe(folder) is None
