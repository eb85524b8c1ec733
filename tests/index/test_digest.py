"""A model file is hashed once a machine, and again whenever it is written anew."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from index.embedding import digest
from index.embedding.digest import MEMO, file_sha256


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture(autouse=True)
def _fresh_process() -> None:
    """Each test starts as a new process would: nothing remembered in memory."""
    digest._digest.cache_clear()


def test_a_second_process_reads_the_digest_instead_of_hashing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weights = _write(tmp_path / "model.safetensors", b"weights" * 1000)
    memo = tmp_path / "cache"
    assert file_sha256(weights, memo) == _sha(b"weights" * 1000)
    assert (memo / MEMO).is_file()

    digest._digest.cache_clear()

    def no_hashing(path: str) -> str:
        raise AssertionError(f"{path} was hashed again")

    monkeypatch.setattr(digest, "_hash", no_hashing)
    assert file_sha256(weights, memo) == _sha(b"weights" * 1000)


def test_a_file_written_again_is_hashed_again(tmp_path: Path) -> None:
    weights = _write(tmp_path / "model.safetensors", b"old weights")
    memo = tmp_path / "cache"
    assert file_sha256(weights, memo) == _sha(b"old weights")
    replacement = _write(tmp_path / "new.safetensors", b"new weights")
    os.replace(replacement, weights)  # as a package upgrade writes it: a new inode
    assert file_sha256(weights, memo) == _sha(b"new weights")
    # The same size and time but other bytes written in place: the time still changes.
    stat = weights.stat()
    weights.write_bytes(b"NEW weights")
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert file_sha256(weights, memo) == _sha(b"NEW weights")


def test_weights_copied_in_place_with_their_time_kept_are_hashed_again(tmp_path: Path) -> None:
    """``cp -p`` or ``rsync -t --inplace`` keep the size, inode and time: the change time moves."""
    weights = _write(tmp_path / "model.safetensors", b"A" * 1000)
    memo = tmp_path / "cache"
    stat = weights.stat()
    assert file_sha256(weights, memo) == _sha(b"A" * 1000)
    digest._digest.cache_clear()
    with weights.open("r+b") as handle:
        handle.write(b"B" * 1000)
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert file_sha256(weights, memo) == _sha(b"B" * 1000)


def test_a_damaged_memo_is_rewritten(tmp_path: Path) -> None:
    weights = _write(tmp_path / "model.safetensors", b"weights")
    memo = tmp_path / "cache"
    memo.mkdir()
    nested = "[" * 100_000  # deeper than the JSON parser recurses
    for damage in ("{not json", "[]", nested, json.dumps({str(weights.resolve()): {"stat": 1}})):
        (memo / MEMO).write_text(damage)
        digest._digest.cache_clear()
        assert file_sha256(weights, memo) == _sha(b"weights")
    entries = json.loads((memo / MEMO).read_text())
    assert entries[str(weights.resolve())]["sha256"] == _sha(b"weights")


def test_a_memo_naming_a_wrong_digest_form_is_not_believed(tmp_path: Path) -> None:
    weights = _write(tmp_path / "model.safetensors", b"weights")
    memo = tmp_path / "cache"
    file_sha256(weights, memo)
    entries = json.loads((memo / MEMO).read_text())
    entries[str(weights.resolve())]["sha256"] = "short"
    (memo / MEMO).write_text(json.dumps(entries))
    digest._digest.cache_clear()
    assert file_sha256(weights, memo) == _sha(b"weights")


def test_an_unwritable_cache_only_costs_the_hashing(tmp_path: Path) -> None:
    weights = _write(tmp_path / "model.safetensors", b"weights")
    blocked = _write(tmp_path / "a-file", b"")  # a file where the cache folder should be
    assert file_sha256(weights, blocked / "cache") == _sha(b"weights")
    assert file_sha256(weights, None) == _sha(b"weights")
    assert not list(tmp_path.glob("**/.digests-*"))


def test_the_memo_keeps_only_the_latest_files(tmp_path: Path) -> None:
    memo = tmp_path / "cache"
    for number in range(digest.MAX_ENTRIES + 5):
        file_sha256(_write(tmp_path / f"w{number}", str(number).encode()), memo)
    entries = json.loads((memo / MEMO).read_text())
    assert len(entries) == digest.MAX_ENTRIES
    assert str((tmp_path / f"w{digest.MAX_ENTRIES + 4}").resolve()) in entries
    assert str((tmp_path / "w0").resolve()) not in entries
