"""Read a corpus folder into articles, reporting every file that cannot be used by name."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from index.corpus.formats import (
    ArticleFileError,
    Skipped,
    parse_html,
    parse_json,
    parse_jsonl,
    parse_markdown,
)
from index.records import Article, ArticleRecord, FileFailure
from index.text.dates import as_of_day, names_a_date, parse_date

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
    "FileContents",
    "article_files",
    "decode_text",
    "load_corpus",
    "normalize_text",
    "read_article_file",
    "read_capped",
    "read_corpus_file",
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
    warnings: tuple[FileFailure, ...] = ()
    """Articles indexed with something doubtful (a date that names no day, or a future one)."""


@dataclass(frozen=True)
class FileContents:
    """The articles of one file, the records of it left out, and what is doubtful in it."""

    articles: tuple[Article, ...]
    skipped: tuple[str, ...] = ()
    """Records that could not be read ("line 3 is not valid JSON (...)"); the rest were."""
    warnings: tuple[FileFailure, ...] = ()
    """Doubts about articles that were read, by source ("published: ... is in the future")."""


def normalize_text(text: str) -> str:
    """Return the text as indexed: NFC, Unix newlines, no BOM, no trailing whitespace."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    return unicodedata.normalize("NFC", text).strip()


def _content_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).lower().encode("utf-8")).hexdigest()


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
"""Byte order marks of the Unicode encodings other than UTF-8 (UTF-32's first: it starts like
UTF-16's), with the codec that reads what follows and the name a moderator knows."""


def decode_text(data: bytes) -> str:
    """Return the text of an article file: UTF-8 (BOM or not), or UTF-16/32 with a BOM.

    Raises ``ArticleFileError`` for an empty file, a binary one, or text in another encoding.
    """
    if not data.strip():
        raise ArticleFileError("the file is empty")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                position = exc.start + len(bom)
                raise ArticleFileError(
                    f"not {name} text, though it starts like it (bad bytes at position {position})"
                ) from None
    if b"\x00" in data[:8192]:
        raise ArticleFileError("the file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleFileError(f"not UTF-8 text (bad byte at position {exc.start})") from None


def _parse(suffix: str, raw: str) -> list[tuple[str, ArticleRecord | Skipped]]:
    """Return ``(where, record)`` for each record of a file; ``where`` is "" for a lone one."""
    if suffix in (".md", ".markdown", ".txt"):
        return [("", parse_markdown(raw))]
    if suffix in (".html", ".htm"):
        return [("", parse_html(raw))]
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
    return list(read_corpus_file(path, root, max_bytes).articles)


def read_corpus_file(path: Path, root: Path, max_bytes: int) -> FileContents:
    """Read one corpus file: its articles, the records skipped and the doubts, each with why.

    Raises ``ArticleFileError`` saying why when the file gives no article at all. A bad record
    of a ``.json``/``.jsonl`` file is skipped (with its line); the others are still read.
    """
    relative = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ArticleFileError(
            f"unsupported file type {suffix or '(none)'!r}; "
            f"use one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    if _shown_name(relative) != relative:
        raise ArticleFileError(_BAD_NAME)
    records = _parse(suffix, decode_text(read_capped(path, max_bytes)))
    several = suffix in (".json", ".jsonl")
    articles: list[Article] = []
    skipped: list[str] = []
    warnings: list[FileFailure] = []
    for number, (where, record) in enumerate(records, start=1):
        if isinstance(record, Skipped):
            skipped.append(record.reason)
            continue
        text = normalize_text(record.text)
        if len(text) < MIN_TEXT_CHARS:
            skipped.append(
                f"{where + ': ' if where else ''}the article has no text "
                f"(under {MIN_TEXT_CHARS} chars)"
            )
            continue
        source = f"{relative}#{number}" if several else relative
        record, doubt = _checked_date(record)
        if doubt is not None:
            warnings.append(FileFailure(source, doubt))
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
        raise ArticleFileError(_nothing_read(skipped))
    return FileContents(tuple(articles), tuple(skipped), tuple(warnings))


def _nothing_read(skipped: list[str]) -> str:
    """Return why a file gave no article: its one problem, or its records' first problems."""
    if not skipped:
        return "the file holds no article records"
    if len(skipped) == 1:
        return skipped[0]
    shown = "; ".join(skipped[:3]) + ("; …" if len(skipped) > 3 else "")
    return f"none of its {len(skipped)} records could be read ({shown})"


def _checked_date(record: ArticleRecord) -> tuple[ArticleRecord, str | None]:
    """Return the record, undated if its date names no day, and what is doubtful about it.

    A date after the latest day begun anywhere on Earth is kept but flagged: likely a typo in
    the year, and the article is never quoted before that day.
    """
    published = record.published
    if published is None:
        return record, None
    day = parse_date(published)
    if day is None and names_a_date(published):
        return replace(record, published=None), (
            f"published: {published!r} is not a real date; the article is indexed undated"
        )
    if day is not None and day > as_of_day(dt.datetime.now(dt.UTC)):
        return record, (
            f"published: {published} is in the future (a typo?); "
            "the article is not quoted before that day"
        )
    return record, None


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
    warnings: list[FileFailure] = []
    duplicates: list[str] = []
    seen: dict[str, str] = {}
    for entry in article_files(root):
        relative = entry.relative
        if entry.problem is not None:
            log.warning("skipping %s: %s", relative, entry.problem)
            failed.append(FileFailure(relative, entry.problem))
            continue
        try:
            found = read_corpus_file(entry.path, root, max_bytes)
        except ArticleFileError as exc:
            log.warning("skipping %s: %s", relative, exc)
            failed.append(FileFailure(relative, str(exc)))
            continue
        except Exception as exc:  # a parser bug must not lose the rest of the corpus
            log.exception("unexpected error reading %s", relative)
            failed.append(FileFailure(relative, f"could not be parsed ({type(exc).__name__})"))
            continue
        for reason in found.skipped:
            log.warning("skipping a record of %s: %s", relative, reason)
            failed.append(FileFailure(relative, f"{reason}; that record is skipped"))
        for article in found.articles:
            if article.content_hash in seen:
                duplicates.append(article.source)
                log.info("%s repeats %s; indexed once", article.source, seen[article.content_hash])
                continue
            seen[article.content_hash] = article.source
            articles.append(article)
            for doubt in (w for w in found.warnings if w.path == article.source):
                log.warning("%s: %s", doubt.path, doubt.reason)
                warnings.append(doubt)
    return CorpusContents(tuple(articles), tuple(failed), tuple(duplicates), tuple(warnings))
