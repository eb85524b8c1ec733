"""The manifest: one record written, checked and read (``index.store.Manifest``)."""

from __future__ import annotations

import pytest

from index.errors import IndexCorruptError, IndexMismatchError
from index.store import FORMAT_VERSION, Manifest

MANIFEST = Manifest(
    version="v1",
    built_at="2025-01-01T00:00:00+00:00",
    model="all-MiniLM-L6-v2",
    index_kind="flat",
    lexical_titles=False,
    chunking={"encoding": "cl100k_base", "target_tokens": 160},
    model_hash="abc",
    dimension=384,
    model_max_tokens=256,
    corpus_dir="corpus",
    corpus_fingerprint="f",
    articles={"a.md": "h"},
    article_count=1,
    passage_count=3,
    failed=[],
    packages={"faiss-cpu": "1.8"},
    files={"vectors.npy": "0" * 64},
)


def test_the_manifest_reads_back_as_written() -> None:
    """The JSON written is flat, format first, and reads back to the same record."""
    written = MANIFEST.as_json()
    assert written["format"] == FORMAT_VERSION and written["passage_count"] == 3
    assert Manifest.from_json(written, "v1") == MANIFEST
    assert MANIFEST.settings() == {
        "model": "all-MiniLM-L6-v2",
        "index_kind": "flat",
        "lexical_titles": False,
        "chunking": {"encoding": "cl100k_base", "target_tokens": 160},
    }


def test_a_manifest_missing_a_field_is_refused_by_name() -> None:
    """A hand-edited manifest without its dimension is corrupt, and the message names it."""
    written = MANIFEST.as_json()
    del written["dimension"]
    with pytest.raises(IndexCorruptError, match="lacks dimension"):
        Manifest.from_json(written, "v1")


@pytest.mark.parametrize("raw", [{**MANIFEST.as_json(), "format": 1}, [], "x"])
def test_another_format_is_a_mismatch(raw: object) -> None:
    """An older format (or no object at all) asks for a rebuild."""
    with pytest.raises(IndexMismatchError, match="rebuild"):
        Manifest.from_json(raw, "v1")
