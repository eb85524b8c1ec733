"""Name, render and write corpus files: slugs from titles, front matter, exclusive creation."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import yaml

from index.records import ArticleRecord

MAX_SLUG = 80
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(title: str, fallback: str = "article") -> str:
    """Return a file-name-safe slug of ``title``: ASCII letters, digits and single hyphens.

    Separators, dots and every other character become hyphens, so no slug can climb out of a
    folder ("../../etc/passwd" gives "etc-passwd") or be hidden.
    """
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NON_WORD.sub("-", ascii_title.lower()).strip("-")
    if len(slug) > MAX_SLUG:
        cut = slug[:MAX_SLUG]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or fallback


def render_markdown(record: ArticleRecord) -> str:
    """Return a Markdown document: YAML front matter (empty fields left out), then the text."""
    fields = {k: v for k, v in record.as_record().items() if v and k != "text"}
    header = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{header}---\n\n{record.text.strip()}\n"


def write_new(folder: Path, slug: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to a new file ``slug+suffix`` in ``folder`` (``slug-2``, ... if taken).

    The file is created exclusively, so two writers never overwrite each other, and the data is
    flushed to disk before the path is returned.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, 10_000):
        name = f"{slug}{suffix}" if n == 1 else f"{slug}-{n}{suffix}"
        path = safe_child(folder, name)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path
    raise FileExistsError(f"no free file name for {slug}{suffix}")


def free_path(folder: Path, name: str) -> Path:
    """Return ``folder/name``, or ``stem-2.ext`` etc. if that name is taken."""
    stem, suffix = os.path.splitext(name)
    for n in range(1, 10_000):
        candidate = safe_child(folder, name if n == 1 else f"{stem}-{n}{suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(f"no free file name for {name}")


def safe_child(folder: Path, relative: str) -> Path:
    """Return ``folder/relative``, refusing anything that would land outside ``folder``.

    The folders on the way are resolved, the last part is not: a symbolic link inside
    ``folder`` names the link itself (so it can be moved out), never what it points to.
    """
    root = folder.resolve()
    joined = root / relative
    if joined.name in ("", ".", ".."):
        raise ValueError(f"unsafe path: {relative!r}")
    parent = joined.parent.resolve()
    if parent != root and not parent.is_relative_to(root):
        raise ValueError(f"unsafe path: {relative!r}")
    return parent / joined.name
