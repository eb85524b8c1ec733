"""The manifest: one record written, checked and read (``index.store.folder.Manifest``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coverbot.cli import main
from index.errors import IndexCorruptError, IndexMismatchError
from index.store.folder import CURRENT, FORMAT_VERSION, VERSIONS, Manifest, read_manifest
from tests.settings_env import fresh_folders

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
        "passage_encoder": "fp32",
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


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("files", "vectors.npy", "files is text, not an object"),
        ("chunking", ["encoding"], "chunking is a list, not an object"),
        ("dimension", "384", "dimension is text, not a whole number"),
        ("passage_count", True, "passage_count is true or false, not a whole number"),
        ("model", None, "model is null, not text"),
        ("failed", {}, "failed is an object, not a list"),
    ],
)
def test_a_field_of_the_wrong_type_is_refused_by_name(field: str, value: object, said: str) -> None:
    """``"files": "x"`` gave "unexpected AttributeError"; now the message says what is wrong."""
    written = {**MANIFEST.as_json(), field: value}
    with pytest.raises(IndexCorruptError, match=f"version v1 is damaged: {said}; rebuild"):
        Manifest.from_json(written, "v1")


def _published(tmp_path: Path, current: bytes, manifest: bytes | None = None) -> Path:
    index_dir = tmp_path / "index"
    folder = index_dir / VERSIONS / "v1"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_bytes(manifest or json.dumps(MANIFEST.as_json()).encode())
    (index_dir / CURRENT).write_bytes(current)
    return index_dir


@pytest.mark.parametrize(
    ("current", "holds"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"\xff\xfe\x00v\x001", "binary data"),
        (b"v1\x00\x07", "binary data"),
        (b"../../etc\n", "the path '../../etc'"),
        (b"v" * 300, "an over-long text"),
    ],
)
def test_a_current_file_that_names_no_version_says_what_it_holds(
    tmp_path: Path, current: bytes, holds: str
) -> None:
    """A CURRENT file holding binary gave "unexpected UnicodeDecodeError"."""
    index_dir = _published(tmp_path, current)
    with pytest.raises(
        IndexCorruptError, match=f"does not name an index version \\(it holds {holds}\\)"
    ):
        read_manifest(index_dir)


def test_the_published_manifest_reads_and_a_binary_one_is_named(tmp_path: Path) -> None:
    """CURRENT with its newline names v1; a manifest that is not JSON text is one clear line."""
    assert read_manifest(_published(tmp_path / "a", b"v1\n")) == MANIFEST
    broken = _published(tmp_path / "b", b"v1\n", manifest=b"\x00\xff\xfe binary")
    with pytest.raises(IndexCorruptError, match="manifest of index version v1 is not valid JSON"):
        read_manifest(broken)


def test_the_cli_says_what_is_wrong_with_a_damaged_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``coverbot index status`` on a manifest whose files is a string: one line, no "unexpected"."""
    fresh_folders(tmp_path, monkeypatch)
    manifest = json.dumps({**MANIFEST.as_json(), "files": "vectors.npy"}).encode()
    _published(tmp_path, b"v1\n", manifest=manifest)
    assert main(["index", "status"]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "unexpected" not in err
    assert "files is text, not an object" in err
