"""A loaded index's articles, each parsed from the article file the first time it is read.

``articles.jsonl`` holds every article's text: 651 MB for a million passages, three seconds of
JSON to parse at load (BENCHMARKS.md), though a question reads a handful of articles. A version
also stores where each line starts (``article_lines.npy``) and each article's publication day
(``article_days.npy``, what the period rules filter on), so a load maps the file and parses a
line when its article is first asked for, then keeps the article.
"""

from __future__ import annotations

import json
import mmap
from dataclasses import asdict
from pathlib import Path

import numpy as np
import numpy.typing as npt

from index.records import Article
from index.store.on_read import MadeOnRead

LINES = "article_lines.npy"
"""Byte offset of each article's line in ``articles.jsonl``, and the file's length last."""
DAYS = "article_days.npy"
"""Each article's publication day ordinal (0 when undated)."""


def article_line(article: Article) -> bytes:
    """Return the line ``articles.jsonl`` stores an article as."""
    return (json.dumps(asdict(article), ensure_ascii=False) + "\n").encode("utf-8")


class ArticleTable(MadeOnRead[Article]):
    """The articles of a stored index, as a read-only sequence equal to the tuple built.

    The offsets are checked against the file when the table is made; a line that still does not
    parse as an article (a file no build wrote, past the manifest's checksums) raises when read.
    """

    def __init__(self, path: Path, lines: npt.NDArray[np.int64]) -> None:
        with path.open("rb") as handle:
            size = handle.seek(0, 2)
            self._file = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        if lines.ndim != 1 or not np.issubdtype(lines.dtype, np.integer):
            raise ValueError(f"{LINES} is not one row of byte offsets")
        if len(lines) < 1 or int(lines[0]) != 0 or int(lines[-1]) != size:
            raise ValueError(f"{LINES} does not match {path.name} ({size} bytes)")
        if np.any(np.diff(lines) <= 0):
            raise ValueError(f"{LINES} names an empty or backward line")
        self._lines = lines
        super().__init__(len(lines) - 1)

    def _make(self, row: int) -> Article:
        start, end = self._lines[row : row + 2].tolist()
        fields = json.loads(bytes(self._file[start:end]))
        if not isinstance(fields, dict):
            raise ValueError(f"article {row} of the index is not a record")
        return Article(**fields)
