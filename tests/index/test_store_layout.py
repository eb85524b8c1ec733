"""The published version: checksums taken while writing, vectors mapped, flat FAISS not stored."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest

from index.engine import Engine
from tests.articles import SEED_QUESTION
from tests.conftest import MakeEngine

pytestmark = pytest.mark.model


def test_a_flat_index_is_published_lean_and_serves_mapped_vectors(
    make_engine: MakeEngine, seed_corpus: Path
) -> None:
    """Every listed checksum is the file's; a restart answers exactly as the builder did."""
    built = make_engine(seed_corpus)
    data = built._require()
    folder = data.path
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert not (folder / "dense.faiss").exists()
    on_disk = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert set(manifest["files"]) == on_disk
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert isinstance(data.sentence_vectors, np.memmap) and isinstance(data.vectors, np.memmap)

    restarted = Engine(built.config, embedder=built.embedder)
    restarted.load()
    served = restarted._require()
    assert isinstance(served.sentence_vectors, np.memmap)
    assert served.dense.ntotal == len(served.passages)
    for question in (SEED_QUESTION, "Who is Ron Wyden?", "How do I bake sourdough bread?"):
        first, again = built.ask(question), restarted.ask(question)
        assert (first.abstained, first.hits) == (again.abstained, again.hits)
