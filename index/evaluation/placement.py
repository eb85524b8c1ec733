"""Where a data set's corpus, index and embedding cache live under the evaluation folder.

The index lives under ``<workdir>/<format>-<content hash>/index-<build hash>``, where the build hash
covers the settings that change the index (model, chunking, index kind, ...): comparing fusion or
abstention settings reuses it. Embeddings are cached by content in one folder shared by every run.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from index.config import LATER_BUILD_FIELDS, EngineConfig, build_fields
from index.evaluation.dataset import Dataset
from index.evaluation.materialize import HASH_CHARS, folder_hash, materialize


def build_key(config: EngineConfig) -> str:
    """Return the short hash of the settings that change what is indexed (``build_fields``).

    A setting of ``LATER_BUILD_FIELDS`` at the value indexes had before it existed is left out.
    """
    fields = {
        name: value
        for name, value in build_fields(config).items()
        if name not in LATER_BUILD_FIELDS or LATER_BUILD_FIELDS[name] != value
    }
    encoded = json.dumps(fields, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:HASH_CHARS]


def place(dataset: Dataset, base: EngineConfig, workdir: Path) -> EngineConfig:
    """Return ``base`` pointed at the data set's corpus and cached index (writing the corpus)."""
    if dataset.corpus_dir is not None:
        corpus = dataset.corpus_dir
        home = workdir / f"corpus-{folder_hash(corpus)}"
    else:
        home = materialize(dataset.records, workdir, dataset.name)
        corpus = home / "corpus"
    return dataclasses.replace(
        base,
        corpus_dir=corpus,
        index_dir=home / f"index-{build_key(base)}",
        cache_dir=base.cache_dir if base.cache_dir is not None else workdir / "embeddings",
    )
