"""Read a corpus folder into articles, reporting every file that cannot be used by name."""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from index.formats import (
    ArticleFileError,
    parse_html,
    parse_json,
    parse_jsonl,
    parse_markdown,
)
from index.models import Article, ArticleRecord, FileFailure

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".json", ".jsonl")
MIN_TEXT_CHARS = 20

IGNORED_SUFFIXES = (".yml", ".yaml", ".gitkeep")
"""Files that may sit in a corpus folder without being reported as unsupported."""
READ_BLOCK = 1 << 20

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ArticleFileError",
    "CorpusContents",
    "CorpusFile",
    "article_files",
    "load_corpus",
    "normalize_text",
    "read_article_file",
    "read_capped",
    "scan_corpus",
]


@dataclass(frozen=True)
class CorpusFile:
    """One entry of a corpus folder: a file to read, or why it cannot be read."""

    path: Path
    relative: str
    """Path relative to the corpus folder; a name that is not UTF-8 is shown with escapes."""
    problem: str | None = None
    """Why the entry is not read (a link, not a regular file, a bad name); None when readable."""


@dataclass(frozen=True)
class CorpusContents:
    """The usable articles of a folder, and what was left out and why."""

    articles: tuple[Article, ...]
    failed: tuple[FileFailure, ...]
    duplicates: tuple[str, ...]
    """Sources whose text repeats an article already read (indexed once)."""


def normalize_text(text: str) -> str:
    """Return the text as indexed: NFC, Unix newlines, no BOM, no trailing whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text).strip()


def _content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).lower().encode("utf-8")).hexdigest()


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ArticleFileError("the file is empty")
    if b"\x00" in data[:8192]:
        raise ArticleFileError("the file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleFileError(f"not UTF-8 text (bad byte at position {exc.start})") from None


def _parse(suffix: str, raw: str) -> list[ArticleRecord]:
    if suffix in (".md", ".markdown", ".txt"):
        return [parse_markdown(raw)]
    if suffix in (".html", ".htm"):
        return [parse_html(raw)]
    if suffix == ".json":
        return list(parse_json(raw))
    if suffix == ".jsonl":
        return list(parse_jsonl(raw))
    raise ArticleFileError(f"unsupported file type {suffix!r}")


def _title_from_text(text: str) -> str:
    first = text.split("\n", 1)[0].strip().lstrip("#").strip()
    return first[:120] + ("…" if len(first) > 120 else "")


def read_article_file(path: Path, root: Path, max_bytes: int) -> list[Article]:
    """Read one corpus file into its articles, or raise ``ArticleFileError`` saying why not."""
    relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ArticleFileError(
            f"unsupported file type {suffix or '(none)'!r}; "
            f"use one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    if _shown_name(relative) != relative:
        raise ArticleFileError(_BAD_NAME)
    records = _parse(suffix, _decode(read_capped(path, max_bytes)))
    articles = []
    for number, record in enumerate(records, start=1):
        text = normalize_text(record.text)
        where = f"record {number}: " if len(records) > 1 else ""
        if len(text) < MIN_TEXT_CHARS:
            raise ArticleFileError(f"{where}the article has no text (under {MIN_TEXT_CHARS} chars)")
        source = (
            relative
            if len(records) == 1 and suffix not in (".json", ".jsonl")
            else (f"{relative}#{number}")
        )
        articles.append(
            Article(
                text=text,
                title=record.title or _title_from_text(text),
                outlet=record.outlet,
                author=record.author,
                published=record.published,
                url=record.url,
                source=source,
                content_hash=_content_hash(text),
            )
        )
    if not articles:
        raise ArticleFileError("the file holds no article records")
    return articles


_BAD_NAME = "the file name is not valid UTF-8; rename the file"
_LINK = "is a symbolic link; links are not followed (copy the file into the corpus folder)"
_NOT_REGULAR = "is not a regular file (a device, pipe or socket)"


def _shown_name(name: str) -> str:
    """Return ``name`` as UTF-8-safe text: bytes the OS gave that are not UTF-8 become escapes."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def read_capped(path: Path, max_bytes: int, follow_links: bool = False) -> bytes:
    """Return the bytes of the regular file ``path``, refusing more than ``max_bytes``.

    The cap counts bytes actually read (``stat`` lies for /proc files and growing files), the
    file must be a regular file (never a device or a pipe, which could block or never end),
    and unless ``follow_links`` a symbolic link is refused rather than followed.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        info = path.stat() if follow_links else path.lstat()
        if stat.S_ISLNK(info.st_mode):
            raise ArticleFileError(_LINK)
        if not stat.S_ISREG(info.st_mode):
            raise ArticleFileError(_NOT_REGULAR)
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ArticleFileError(_LINK) from None
        raise ArticleFileError(f"cannot be read ({exc.strerror or exc})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ArticleFileError(_NOT_REGULAR)
        chunks: list[bytes] = []
        size = 0
        while size <= max_bytes:
            block = os.read(fd, min(READ_BLOCK, max_bytes + 1 - size))
            if not block:
                break
            chunks.append(block)
            size += len(block)
    except OSError as exc:
        raise ArticleFileError(f"cannot be read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if size > max_bytes:
        raise ArticleFileError(f"the file is over the {max_bytes:,}-byte cap")
    return b"".join(chunks)


def scan_corpus(root: Path) -> Iterator[CorpusFile]:
    """Yield every non-hidden entry under ``root`` in name order, never following a link.

    The one scanner of a corpus folder: the loader and the ingestion catalog both use it.
    """
    yield from _scan(root, "")


def _scan(folder: Path, prefix: str) -> Iterator[CorpusFile]:
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: os.fsencode(e.name))
    except OSError as exc:
        log.warning("cannot list %s: %s", folder, exc.strerror or exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        relative = prefix + entry.name
        shown = _shown_name(relative)
        path = Path(entry.path)
        try:
            is_link = entry.is_symlink()
            is_dir = not is_link and entry.is_dir(follow_symlinks=False)
            is_file = not is_link and entry.is_file(follow_symlinks=False)
        except OSError as exc:
            yield CorpusFile(path, shown, f"cannot be read ({exc.strerror or exc})")
            continue
        if is_dir:
            yield from _scan(path, relative + "/")
        elif shown != relative:
            yield CorpusFile(path, shown, _BAD_NAME)
        elif is_link:
            yield CorpusFile(path, relative, _LINK)
        elif not is_file:
            yield CorpusFile(path, relative, _NOT_REGULAR)
        else:
            yield CorpusFile(path, relative)


def article_files(root: Path) -> Iterator[CorpusFile]:
    """Yield the entries of a corpus folder the loader reads or reports, in name order.

    Files it ignores quietly (``IGNORED_SUFFIXES``) are left out; an unsupported file type gets
    its ``problem``. An entry without a problem is an article file to read: the loader and the
    ingestion catalog read exactly these.
    """
    for entry in scan_corpus(root):
        suffix = entry.path.suffix.lower()
        if suffix in IGNORED_SUFFIXES:
            continue
        if entry.problem is None and suffix not in SUPPORTED_SUFFIXES:
            yield replace(entry, problem=f"unsupported file type {entry.path.suffix!r}")
        else:
            yield entry


def load_corpus(root: Path, max_bytes: int) -> CorpusContents:
    """Read every article file under ``root``; broken files are reported, never fatal."""
    articles: list[Article] = []
    failed: list[FileFailure] = []
    duplicates: list[str] = []
    seen: dict[str, str] = {}
    for entry in article_files(root):
        relative = entry.relative
        if entry.problem is not None:
            log.warning("skipping %s: %s", relative, entry.problem)
            failed.append(FileFailure(relative, entry.problem))
            continue
        try:
            found = read_article_file(entry.path, root, max_bytes)
        except ArticleFileError as exc:
            log.warning("skipping %s: %s", relative, exc)
            failed.append(FileFailure(relative, str(exc)))
            continue
        except Exception as exc:  # a parser bug must not lose the rest of the corpus
            log.exception("unexpected error reading %s", relative)
            failed.append(FileFailure(relative, f"could not be parsed ({type(exc).__name__})"))
            continue
        for article in found:
            if article.content_hash in seen:
                duplicates.append(article.source)
                log.info("%s repeats %s; indexed once", article.source, seen[article.content_hash])
                continue
            seen[article.content_hash] = article.source
            articles.append(article)
    return CorpusContents(tuple(articles), tuple(failed), tuple(duplicates))
