"""Parsers for the article file formats: Markdown/text with front matter, HTML, JSON records.

Each parser takes the decoded text of one file and returns article records; it raises
``ArticleFileError`` with a user-safe reason when the file cannot be read as articles.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from index.records import ArticleRecord

FIELD_LIMITS = {"title": 300, "outlet": 200, "author": 300, "published": 64, "url": 2048}
"""Characters kept of each metadata field, whatever the source (file, attachment, page, feed).

A longer text field is cut at a word with "…"; a longer URL is dropped (a cut URL is wrong).
"""
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:(.*?)\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_BETWEEN_ELEMENTS = re.compile(r"[ \t\r\n,]*")
_AUTHORITY = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*:[/\\]*([^/?#]*)")


class ArticleFileError(ValueError):
    """A corpus file cannot be indexed; the message says why, in words a moderator understands."""


@dataclass(frozen=True)
class Skipped:
    """A record of a multi-record file that cannot be read; the rest of the file still is."""

    reason: str
    """Where the record is (its line) and what is wrong with it: "line 3 is not valid JSON"."""


def hides_host(url: str) -> bool:
    """Tell whether ``url`` has user-info (``https://discord.com@evil.example/``).

    What comes before an ``@`` in the host part is a user name, not the host: such a link shows
    one site and leads to another. The host part is taken from after the scheme and any
    slashes or backslashes up to the next ``/``, ``?`` or ``#``: a backslash, which browsers
    read as a slash and other parsers do not, does not end it, so both readings are covered.
    """
    match = _AUTHORITY.match(url.strip())
    return match is not None and "@" in match.group(1)


def clean_field(name: str, value: Any) -> str | None:
    """Return a metadata field as one capped line of text, or None when absent or empty.

    Whitespace runs (newlines included) become one space and control characters are removed,
    so a field can neither start a markdown line nor move a terminal's cursor. A URL with
    user-info (``hides_host``) is dropped, never used as a link.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date().isoformat()
    elif isinstance(value, dt.date):
        value = value.isoformat()
    elif isinstance(value, list):
        value = ", ".join(str(v) for v in value[:50] if v)
    text = str(value)[: FIELD_LIMITS[name] * 4]  # bound the work before cleaning
    text = "".join(ch for ch in " ".join(text.split()) if unicodedata.category(ch) != "Cc")
    if not text or (name == "url" and hides_host(text)):
        return None
    limit = FIELD_LIMITS[name]
    if len(text) <= limit:
        return text
    if name == "url":
        return None
    head = text[: limit - 1]
    if " " in head[limit // 2 :]:
        head = head[: head.rindex(" ")]
    return head.rstrip() + "…"


def fields_from_mapping(meta: Mapping[str, Any], text: str) -> ArticleRecord:
    """Return an article record from a metadata mapping (front matter or a JSON record)."""
    return ArticleRecord(
        text=text,
        title=clean_field("title", meta.get("title")),
        outlet=clean_field(
            "outlet", meta.get("outlet") or meta.get("site_name") or meta.get("source")
        ),
        author=clean_field("author", meta.get("author") or meta.get("authors")),
        published=clean_field(
            "published", meta.get("published") or meta.get("date") or meta.get("publish_date")
        ),
        url=clean_field("url", meta.get("url")),
    )


def parse_markdown(raw: str) -> ArticleRecord:
    """Parse Markdown or plain text with optional YAML front matter.

    Line ends may be Unix, Windows or old-Mac (a carriage return alone); an empty block (``---``
    then ``---``) is front matter without fields.
    """
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    match = _FRONT_MATTER.match(raw)
    if match is None:
        if raw.lstrip().startswith("---\n"):
            raise ArticleFileError("front matter starts with '---' but never ends with '---'")
        return ArticleRecord(text=raw)
    from index.corpus.front_matter import load_front_matter  # PyYAML: only to read files

    meta = load_front_matter(match.group(1) or "")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ArticleFileError("front matter must be a YAML mapping of fields such as 'title:'")
    return fields_from_mapping(meta, raw[match.end() :])


def html_record(
    raw: str | bytes, url: str | None = None, favor_precision: bool = False
) -> ArticleRecord | None:
    """Return the main text and metadata of a page, or None when trafilatura finds no article.

    The one place the project calls trafilatura and maps its fields: corpus files and fetched
    pages alike. The text has one blank line between paragraphs and no leading headline.
    """
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    try:
        document = trafilatura.bare_extraction(
            raw,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=favor_precision,
        )
    except Exception as exc:  # trafilatura may raise almost anything on hostile markup
        raise ArticleFileError("the HTML could not be read") from exc
    if document is None:
        return None
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    title = clean_field("title", data.get("title"))
    return ArticleRecord(
        text=html_paragraphs(data.get("text") or "", title),
        title=title,
        outlet=clean_field("outlet", data.get("sitename")),
        author=clean_field("author", data.get("author")),
        published=clean_field("published", data.get("date")),
        url=clean_field("url", data.get("url")),
    )


def html_paragraphs(raw: str, title: str | None) -> str:
    """Return extracted text with one paragraph per block, without a leading copy of the title.

    trafilatura gives one block a line; blank lines between them keep the paragraph breaks that
    chunking and quoting rely on, and the headline it repeats as the first line is dropped.
    """
    kept = [line.strip() for line in raw.splitlines() if line.strip()]
    if kept and title and " ".join(kept[0].split()).casefold() == title.casefold():
        kept = kept[1:]
    return "\n\n".join(kept)


def parse_html(raw: str) -> ArticleRecord:
    """Extract the main text and metadata of an HTML page with trafilatura."""
    record = html_record(raw)
    if record is None:
        raise ArticleFileError("no article text could be extracted from the HTML")
    return record


def _record_fields(record: Any, where: str) -> ArticleRecord:
    if not isinstance(record, dict):
        raise ArticleFileError(f"{where} is not an object with a 'text' field")
    text = record.get("text")
    if not isinstance(text, str):
        raise ArticleFileError(f"{where} has no 'text' string")
    return fields_from_mapping(record, text)


def _record_or_skipped(record: Any, where: str) -> tuple[str, ArticleRecord | Skipped]:
    try:
        return where, _record_fields(record, where)
    except ArticleFileError as exc:
        return where, Skipped(str(exc))


def parse_json(raw: str) -> Iterator[tuple[str, ArticleRecord | Skipped]]:
    """Parse a JSON file holding one article record or a list of them: ``(where, record)``.

    ``where`` names the record ("record 2 (line 5)"). A record of a list that is not an article
    is yielded as ``Skipped``, in its place, so the records after it keep their numbers; a lone
    record must be an article.
    """
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ArticleFileError(f"not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise ArticleFileError("the JSON is nested too deeply") from None
    if not isinstance(data, list):
        yield "record 1", _record_fields(data, "record 1")
        return
    for number, (line, record) in enumerate(zip(_element_lines(raw), data, strict=True), 1):
        yield _record_or_skipped(record, f"record {number} (line {line})")


def _element_lines(raw: str) -> Iterator[int]:
    """Yield the line each element of the valid JSON list ``raw`` starts on."""
    decoder = json.JSONDecoder()
    at = raw.index("[") + 1
    line = 1 + raw.count("\n", 0, at)
    while True:
        gap = _BETWEEN_ELEMENTS.match(raw, at)
        start = gap.end() if gap else at
        if raw[start] == "]":
            return
        line += raw.count("\n", at, start)
        yield line
        _, at = decoder.raw_decode(raw, start)
        line += raw.count("\n", start, at)


def parse_jsonl(raw: str) -> Iterator[tuple[str, ArticleRecord | Skipped]]:
    """Parse JSON Lines, one article record a line (blank lines skipped): ``(where, record)``.

    A line that is not an article record is yielded as ``Skipped`` (its reason names the line),
    in its place among the records, so the records after it keep their numbers.
    """
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, Skipped(f"{where} is not valid JSON ({exc.msg})")
        except RecursionError:
            yield where, Skipped(f"{where} is nested too deeply")
        else:
            yield _record_or_skipped(record, where)
