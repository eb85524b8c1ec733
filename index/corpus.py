"""Read a corpus folder into articles, reporting every file that cannot be used by name."""

from __future__ import annotations

import hashlib
import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from index.formats import (
    ArticleFields,
    ArticleFileError,
    parse_html,
    parse_json,
    parse_jsonl,
    parse_markdown,
)
from index.models import Article, FileFailure

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".json", ".jsonl")
MIN_TEXT_CHARS = 20

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ArticleFileError",
    "CorpusContents",
    "load_corpus",
    "normalize_text",
    "read_article_file",
]


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


def _parse(suffix: str, raw: str) -> list[ArticleFields]:
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
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ArticleFileError(f"the file is {size:,} bytes, over the {max_bytes:,}-byte cap")
        data = path.read_bytes()
    except OSError as exc:
        raise ArticleFileError(f"cannot be read ({exc.strerror or exc})") from None
    records = _parse(suffix, _decode(data))
    articles = []
    for number, fields in enumerate(records, start=1):
        text = normalize_text(fields.text)
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
                source=source,
                title=fields.title or _title_from_text(text),
                text=text,
                outlet=fields.outlet,
                author=fields.author,
                published=fields.published,
                url=fields.url,
                content_hash=_content_hash(text),
            )
        )
    if not articles:
        raise ArticleFileError("the file holds no article records")
    return articles


def _candidate_files(root: Path) -> Iterable[Path]:
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() or path.is_symlink():
            yield path


def load_corpus(root: Path, max_bytes: int) -> CorpusContents:
    """Read every article file under ``root``; broken files are reported, never fatal."""
    articles: list[Article] = []
    failed: list[FileFailure] = []
    duplicates: list[str] = []
    seen: dict[str, str] = {}
    for path in _candidate_files(root):
        relative = path.relative_to(root).as_posix()
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            if path.suffix.lower() not in (".yml", ".yaml", ".gitkeep"):
                failed.append(FileFailure(relative, f"unsupported file type {path.suffix!r}"))
            continue
        try:
            found = read_article_file(path, root, max_bytes)
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
