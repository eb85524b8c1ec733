"""The index folder on disk: versioned builds, a manifest, atomic publication, checked loading.

Layout::

    INDEX_DIR/CURRENT               name of the published version (replaced atomically)
    INDEX_DIR/versions/<version>/   manifest.json, articles.jsonl (with article_lines.npy, where
                                    each line starts, and article_days.npy), passages.npy,
                                    sentences.npy, vectors.npy, sentence_vectors.npy,
                                    title_vectors.npy,
                                    dense.faiss (not for a flat index: rebuilt from vectors.npy
                                    on load), bm25/, written.json (each file's stat
                                    as written: a load hashes only files that differ)
    INDEX_DIR/cache/                content-keyed embedding cache

A build writes a new version folder under a temporary name, renames it, then replaces CURRENT.
A process killed at any moment leaves CURRENT naming a complete version.

Loading memory-maps the passage and sentence vectors and BM25's weights and term counts: search
reads only the rows of its candidates and terms, so they take page cache as they are used instead
of resident memory for the whole coverage. Passages hold no copy of their text (they slice their
article's); a loaded version makes a passage, and parses an article, when first read
(``index.store.passages``, ``index.store.articles``). Versions are never written in place, and
a mapped version that is pruned stays readable until it is no longer served.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import logging
import os
import shutil
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, replace
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar, get_origin

import faiss
import numpy as np
import numpy.typing as npt

from index.config import LATER_BUILD_FIELDS
from index.errors import (
    IndexCorruptError,
    IndexMismatchError,
    IndexMissingError,
    IndexWriteError,
)
from index.grounding.coverage import Coverage
from index.records import Article, Passage
from index.store.articles import DAYS, LINES, ArticleTable, article_line
from index.store.dense import build_dense, load_dense, save_dense
from index.store.lexical import LexicalIndex
from index.store.on_read import Texts
from index.store.passages import PassageTable
from index.text.dates import published_days

T = TypeVar("T")

log = logging.getLogger(__name__)

FORMAT_VERSION = 2
CURRENT = "CURRENT"
DENSE = "dense.faiss"
WRITTEN = "written.json"
"""Each listed file's size, modification time and inode as its build left them. Loading hashes
only the files whose stat differs (a file changed, replaced or copied since), as git trusts an
unchanged stat: a version is never written in place, and hashing every file of a million-passage
index at each start read gigabytes (BENCHMARKS.md, issue 26). Without it, every file is hashed."""
VERSIONS = "versions"
_PACKAGES = ("sentence-transformers", "torch", "faiss-cpu", "bm25s", "numpy", "tiktoken")


@dataclass(frozen=True)
class Manifest:
    """``manifest.json``: how a version was built, from what, and its files' checksums.

    Written by :func:`publish`, read and checked by :func:`read_manifest`; the JSON is this record
    with ``format`` first (flat, as format 2 has always been).
    """

    version: str
    built_at: str
    model: str
    index_kind: str
    lexical_titles: bool
    chunking: dict[str, Any]
    model_hash: str
    dimension: int
    model_max_tokens: int
    corpus_dir: str
    corpus_fingerprint: str
    articles: dict[str, str]
    """Each article's source and content hash."""
    article_count: int
    passage_count: int
    failed: list[dict[str, str]]
    packages: dict[str, str]
    files: dict[str, str] = field(default_factory=dict)
    """Each file of the version and its SHA-256 (filled in when published)."""
    passage_encoder: str = LATER_BUILD_FIELDS["passage_encoder"]
    """How passages were encoded (``EngineConfig.passage_encoder``); manifests written before
    the setting existed lack it, and their passages were encoded in fp32
    (``index.config.LATER_BUILD_FIELDS``)."""

    def settings(self) -> dict[str, Any]:
        """Return the build settings it records (``index.build.settings.settings_key``)."""
        return {name: getattr(self, name) for name in SETTINGS_FIELDS}

    def as_json(self) -> dict[str, Any]:
        """Return the JSON object written as ``manifest.json``."""
        return {"format": FORMAT_VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, raw: object, version: str) -> Manifest:
        """Return the manifest of ``version`` read from JSON, or raise saying what is wrong."""
        if not isinstance(raw, dict) or raw.get("format") != FORMAT_VERSION:
            found = raw.get("format") if isinstance(raw, dict) else None
            raise IndexMismatchError(
                f"index version {version} has format {found!r}, this coverbot reads "
                f"format {FORMAT_VERSION}; rebuild with `coverbot index build`"
            )
        names = [f.name for f in fields(cls)]
        optional = {"files", *LATER_BUILD_FIELDS}
        missing = [n for n in names if n not in raw and n not in optional]
        if missing:
            raise IndexCorruptError(
                f"the manifest of index version {version} lacks {', '.join(missing)}; "
                "rebuild with `coverbot index build`"
            )
        for f in fields(cls):
            expected = _base_type(f.type)
            if f.name in raw and not _is_json_of(raw[f.name], expected):
                raise IndexCorruptError(
                    f"the manifest of index version {version} is damaged: {f.name} is "
                    f"{_json_kind(raw[f.name])}, not {_JSON_KINDS[expected][1]}; "
                    "rebuild with `coverbot index build`"
                )
        return cls(**{n: raw[n] for n in names if n in raw})


_JSON_KINDS: dict[str, tuple[type, str]] = {
    "str": (str, "text"),
    "bool": (bool, "true or false"),
    "int": (int, "a whole number"),
    "dict": (dict, "an object"),
    "list": (list, "a list"),
}
"""The Python type a manifest field is annotated with, the JSON type it is read from, its name."""


def _base_type(annotation: object) -> str:
    """Return the name of a field's type without its parameters: "dict" for ``dict[str, str]``."""
    if not isinstance(annotation, str):
        annotation = getattr(get_origin(annotation) or annotation, "__name__", "")
    return str(annotation).split("[", 1)[0]


def _is_json_of(value: object, base: str) -> bool:
    """Tell whether a JSON value is of the type named ``base`` (``int`` excludes ``true``)."""
    python, _ = _JSON_KINDS[base]
    if python is int and isinstance(value, bool):
        return False
    return isinstance(value, python)


def _json_kind(value: object) -> str:
    """Return what a JSON value is, in words: "text", "a list", "null"."""
    if value is None:
        return "null"
    for python, name in _JSON_KINDS.values():
        if isinstance(value, python):
            return name
    return "a number"


SETTINGS_FIELDS = ("model", "passage_encoder", "index_kind", "lexical_titles", "chunking")
"""The manifest fields that, with the corpus, determine an index's content."""


@dataclass(frozen=True)
class IndexData:
    """A built index, in memory: what search needs, and the manifest it was saved with."""

    manifest: Manifest
    articles: Sequence[Article]
    """A tuple when built; an ``ArticleTable`` (parsed as read) when loaded."""
    passages: Sequence[Passage]
    """A tuple when built; a ``PassageTable`` (made as read) when loaded."""
    article_of: npt.NDArray[np.int32]
    vectors: npt.NDArray[np.float32]
    sentence_vectors: npt.NDArray[np.float16]
    sentence_offsets: npt.NDArray[np.int64]
    """Row ``i`` of the passages owns sentence vectors ``offsets[i]:offsets[i+1]``."""
    title_vectors: npt.NDArray[np.float32]
    """One vector per article title."""
    dense: faiss.Index
    lexical: LexicalIndex
    path: Path
    stored_days: npt.NDArray[np.int64] | None = field(default=None, repr=False)
    """The articles' publication days as the version stored them (None: computed when needed)."""

    @property
    def version(self) -> str:
        """Return the version name."""
        return self.manifest.version

    @cached_property
    def coverage(self) -> Coverage:
        """Return the coverage as the name rules ask it: passages' texts and their terms."""
        return Coverage(Texts(self.passages), self.lexical)

    @cached_property
    def article_days(self) -> npt.NDArray[np.int64]:
        """Return each article's publication day ordinal (0 when undated)."""
        if self.stored_days is not None:
            return self.stored_days
        return published_days([a.published for a in self.articles])


def package_versions() -> dict[str, str]:
    """Return the versions of the packages an index depends on."""
    versions = {}
    for name in _PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    return versions


def new_version_name(fingerprint: str) -> str:
    """Return a sortable, unique version name."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    return f"{stamp}-{fingerprint[:8]}"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            yield path


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class _HashingWriter:
    """A file that hashes what is written to it, so nothing is read back to be checksummed."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle
        self.digest = hashlib.sha256()

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return int(self._handle.write(data))


def _save(folder: Path, name: str, array: npt.NDArray[Any], digests: dict[str, str]) -> None:
    with (folder / name).open("wb") as handle:
        writer = _HashingWriter(handle)
        np.lib.format.write_array(writer, np.asanyarray(array), allow_pickle=False)
    digests[name] = writer.digest.hexdigest()


def _write_arrays(folder: Path, data: IndexData) -> dict[str, str]:
    """Write every file of a version; return the checksums of those hashed while written."""
    lines = [0]
    with (folder / "articles.jsonl").open("wb") as handle:
        for article in data.articles:
            lines.append(lines[-1] + handle.write(article_line(article)))
    table = np.array(
        [(p.article, p.start, p.end, p.paragraph) for p in data.passages], dtype=np.int64
    ).reshape(-1, 4)
    spans = _absolute_spans(data.passages, table[:, 1])
    digests: dict[str, str] = {}
    _save(folder, LINES, np.array(lines, dtype=np.int64), digests)
    _save(folder, DAYS, data.article_days, digests)
    _save(folder, "passages.npy", table, digests)
    _save(folder, "sentences.npy", spans, digests)
    _save(folder, "sentence_offsets.npy", data.sentence_offsets, digests)
    _save(folder, "vectors.npy", data.vectors, digests)
    _save(folder, "sentence_vectors.npy", data.sentence_vectors, digests)
    _save(folder, "title_vectors.npy", data.title_vectors, digests)
    if not isinstance(data.dense, faiss.IndexFlat):  # a flat index is vectors.npy itself
        save_dense(data.dense, folder / DENSE)
    (folder / "bm25").mkdir()
    data.lexical.save(folder / "bm25")
    return digests


def publish(index_dir: Path, data: IndexData, keep: int) -> Path:
    """Write ``data`` as a new version and make it the published one, atomically.

    Raises ``IndexWriteError`` (one line) when the disk is full or another OS error stops the
    writing; the staging folder is then removed and the previous version stays published.
    """
    versions = index_dir / VERSIONS
    staging = versions / f".{data.version}.partial-{os.getpid()}"
    try:
        return _publish(index_dir, data, keep, staging)
    except (OSError, RuntimeError) as exc:  # faiss reports a failed write as RuntimeError
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            _pointer(index_dir).unlink(missing_ok=True)
        raise IndexWriteError(write_failure(index_dir, exc)) from exc


_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
_SQLITE_FULL = 13


def _disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in _FULL
    sqlite3 = sys.modules.get("sqlite3")  # imported by whatever raised an sqlite3 error
    if sqlite3 is not None and isinstance(exc, sqlite3.Error):
        return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF == _SQLITE_FULL
    return "No space left" in str(exc)  # faiss reports a failed write as RuntimeError


def _published(index_dir: Path) -> bool:
    try:
        return current_version(index_dir) is not None
    except IndexCorruptError:
        return False


def write_failure(index_dir: Path, exc: BaseException) -> str:
    """Return the one line that says why an index could not be written in ``index_dir``.

    It says whether a previous index is still served (there is none before the first build),
    and asks to free space only when the disk is full.
    """
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    reason = " ".join(reason.split())[:300]  # faiss and sqlite messages may span lines
    served = "the previous index is still served" if _published(index_dir) else "no index yet"
    todo = "free some space and rebuild" if _disk_full(exc) else "rebuild once that is fixed"
    return f"cannot write the index in {index_dir}: {reason}; {served} ({todo})"


def _pointer(index_dir: Path) -> Path:
    return index_dir / f".{CURRENT}.{os.getpid()}.tmp"


def clean_leftovers(index_dir: Path) -> None:
    """Remove what killed or failed builds left behind (staging folders, pointer files).

    Call it only while holding the build lock: then no build of any process is under way, so
    every staging folder is a leftover whatever process id its name carries.
    """
    versions = index_dir / VERSIONS
    if versions.is_dir():
        for leftover in versions.glob(".*.partial-*"):
            log.info("removing %s, left by an unfinished build", leftover.name)
            shutil.rmtree(leftover, ignore_errors=True)
    for pointer in index_dir.glob(f".{CURRENT}.*.tmp"):
        with contextlib.suppress(OSError):
            pointer.unlink()


def _publish(index_dir: Path, data: IndexData, keep: int, staging: Path) -> Path:
    versions = staging.parent
    versions.mkdir(parents=True, exist_ok=True)
    final = versions / data.version
    staging.mkdir()
    digests = _write_arrays(staging, data)
    files = {
        name: digests.get(name) or _sha256(p)
        for p in _files(staging)
        for name in [p.relative_to(staging).as_posix()]
    }
    manifest = replace(data.manifest, files=files).as_json()
    (staging / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    written = {name: _stat_key(staging / name) for name in files}
    (staging / WRITTEN).write_text(json.dumps(written), encoding="utf-8")
    for path in staging.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    os.replace(staging, final)
    _fsync_dir(versions)
    pointer = _pointer(index_dir)
    with pointer.open("w", encoding="utf-8") as handle:
        handle.write(data.version + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(pointer, index_dir / CURRENT)
    _fsync_dir(index_dir)
    prune(index_dir, keep)
    return final


def prune(index_dir: Path, keep: int) -> None:
    """Delete old versions beyond the ``keep`` newest, and leftovers of killed builds."""
    versions = index_dir / VERSIONS
    current = current_version(index_dir)
    for leftover in versions.glob(".*.partial-*"):
        pid = leftover.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or not Path(f"/proc/{pid}").exists():
            shutil.rmtree(leftover, ignore_errors=True)
    complete = sorted(p for p in versions.iterdir() if p.is_dir() and not p.name.startswith("."))
    for old in complete[: max(0, len(complete) - keep)]:
        if old.name != current:
            shutil.rmtree(old, ignore_errors=True)


MAX_VERSION_NAME = 255
"""Longest version name CURRENT may hold (a folder name's limit); more is not a version."""


def current_version(index_dir: Path) -> str | None:
    """Return the published version's name, or None when nothing is published.

    Raises ``IndexCorruptError`` saying what CURRENT holds when it names no version folder
    (binary data, a path, an over-long text).
    """
    pointer = index_dir / CURRENT
    try:
        with pointer.open("rb") as handle:
            data = handle.read(MAX_VERSION_NAME + 2)  # a name and its newline, and one more
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexCorruptError(f"cannot read {pointer}: {exc.strerror}") from None
    try:
        name = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        name = None
    if name == "":
        return None
    if name is None or not name.isprintable() or len(name) > MAX_VERSION_NAME:
        what = "binary data" if name is None or not name.isprintable() else "an over-long text"
    elif "/" in name or "\\" in name or name.startswith("."):
        what = f"the path {name!r}"
    else:
        return name
    raise IndexCorruptError(
        f"{pointer} does not name an index version (it holds {what}); "
        "rebuild with `coverbot index build`"
    )


def read_manifest(index_dir: Path) -> Manifest:
    """Return the published version's manifest, or raise saying what is wrong."""
    version = current_version(index_dir)
    if version is None:
        raise IndexMissingError(
            f"no index has been built in {index_dir} yet; run `coverbot index build`"
        )
    folder = index_dir / VERSIONS / version
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorruptError(
            f"the published index version {version} is missing its manifest ({folder}); "
            "rebuild with `coverbot index build`"
        ) from None
    except OSError as exc:
        raise IndexCorruptError(
            f"the manifest of index version {version} is unreadable: {exc.strerror or exc}"
        ) from None
    except ValueError:  # not UTF-8, or not JSON
        raise IndexCorruptError(
            f"the manifest of index version {version} is not valid JSON text; "
            "rebuild with `coverbot index build`"
        ) from None
    return Manifest.from_json(manifest, version)


def check_model(manifest: Manifest, model: str, model_hash: str, dimension: int | None) -> None:
    """Raise ``IndexMismatchError`` when the index was built by another model."""
    if manifest.model != model or manifest.model_hash != model_hash:
        raise IndexMismatchError(
            f"the index was built with model {manifest.model!r} "
            f"(weights {str(manifest.model_hash)[:12]}), but the engine uses {model!r} "
            f"(weights {model_hash[:12]}); rebuild with `coverbot index build`"
        )
    if dimension is not None and manifest.dimension != dimension:
        raise IndexMismatchError(
            f"the index holds {manifest.dimension}-dimensional vectors, the model makes "
            f"{dimension}-dimensional ones; rebuild with `coverbot index build`"
        )


def _stat_key(path: Path) -> list[int]:
    """Return what tells that a file is as it was written: size, modification time, inode."""
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def _as_written(folder: Path) -> dict[str, Any]:
    """Return the stats its build recorded for each file of a version (none if unreadable)."""
    try:
        written = json.loads((folder / WRITTEN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return written if isinstance(written, dict) else {}


def _verify_files(folder: Path, manifest: Manifest) -> None:
    """Check every listed file is there, and hash those changed since the build wrote them."""
    written = _as_written(folder)
    for name, expected in manifest.files.items():
        path = folder / name
        if not path.is_file():
            raise IndexCorruptError(
                f"index file {name} is missing from {folder}; rebuild the index"
            )
        if written.get(name) == _stat_key(path):
            continue
        if _sha256(path) != expected:
            raise IndexCorruptError(
                f"index file {name} in {folder} is corrupt (checksum mismatch); rebuild the index"
            )


def _absolute_spans(passages: Sequence[Passage], starts: npt.NDArray[np.int64]) -> np.ndarray:
    """Return every passage's sentence spans in its article's text, in one (n, 2) array."""
    relative = np.frombuffer(b"".join(p.spans for p in passages), dtype=np.intc).reshape(-1, 2)
    counts = [p.sentence_count for p in passages]
    return relative.astype(np.int64) + np.repeat(starts, counts)[:, None]


def _articles(folder: Path, listed: Mapping[str, str]) -> Sequence[Article]:
    """Return the version's articles, each parsed when first read.

    A version written without the line offsets (before ``index.store.articles``) is read whole.
    """
    if LINES not in listed:  # only a file the manifest vouches for is read
        return _read_articles(folder / "articles.jsonl")
    return ArticleTable(folder / "articles.jsonl", np.load(folder / LINES))


def _read_articles(path: Path) -> tuple[Article, ...]:
    """Read the article table a line at a time (the whole file is never in memory at once)."""
    with path.open(encoding="utf-8") as handle:
        return tuple(Article(**json.loads(line)) for line in handle if line.strip())


def load(index_dir: Path, manifest: Manifest) -> IndexData:
    """Load the published version described by ``manifest``, verifying every file."""
    folder = index_dir / VERSIONS / manifest.version
    _verify_files(folder, manifest)
    try:
        articles = _articles(folder, manifest.files)
        table = np.load(folder / "passages.npy")
        spans = np.load(folder / "sentences.npy")
        offsets = np.load(folder / "sentence_offsets.npy")
        vectors = np.load(folder / "vectors.npy", mmap_mode="r")
        sentence_vectors = np.load(folder / "sentence_vectors.npy", mmap_mode="r")
        title_vectors = np.load(folder / "title_vectors.npy")
        if (folder / DENSE).is_file():
            dense = load_dense(folder / DENSE)
        else:
            dense = build_dense(np.ascontiguousarray(vectors), "flat")
        lexical = LexicalIndex.load(
            folder / "bm25", terms_file="bm25/vocab.terms.txt" in manifest.files
        )
        days = np.load(folder / DAYS) if DAYS in manifest.files else None
        if days is not None and (days.dtype != np.int64 or days.shape != (len(articles),)):
            raise ValueError(f"{DAYS} holds {days.shape} {days.dtype} for {len(articles)} articles")
        passages = PassageTable(Texts(articles), table, spans, offsets)
    except Exception as exc:  # any unreadable piece means the version cannot serve
        raise IndexCorruptError(
            f"index version {manifest.version} cannot be read ({type(exc).__name__}: {exc}); "
            "rebuild the index"
        ) from exc
    if not len(passages) == dense.ntotal == len(vectors) == lexical.documents:
        raise IndexCorruptError(
            f"index version {manifest.version} is inconsistent: {len(passages)} passages, "
            f"{dense.ntotal} dense vectors, {lexical.documents} in BM25; rebuild the index"
        )
    return IndexData(
        manifest=manifest,
        articles=articles,
        passages=passages,
        article_of=table[:, 0].astype(np.int32) if len(table) else np.zeros(0, dtype=np.int32),
        vectors=vectors,
        sentence_vectors=sentence_vectors,
        sentence_offsets=offsets,
        title_vectors=title_vectors,
        dense=dense,
        lexical=lexical,
        path=folder,
        stored_days=days,
    )


def served_from(data: IndexData, folder: Path) -> IndexData:
    """Return a just-published index reading its vectors and BM25 from ``folder``, mapped."""
    return replace(
        data,
        path=folder,
        vectors=np.load(folder / "vectors.npy", mmap_mode="r"),
        sentence_vectors=np.load(folder / "sentence_vectors.npy", mmap_mode="r"),
        lexical=data.lexical.mapped_from(folder / "bm25"),
    )


def folder_size(folder: Path) -> int:
    """Return the bytes used by the files of a folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
