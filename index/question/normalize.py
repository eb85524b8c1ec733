"""A question as the engine reads it: one line of plain, compatible characters (pure)."""

from __future__ import annotations

import unicodedata

from index.text.confusables import fold_look_alikes

MAX_QUESTION_CHARS = 2000


def normalize_question(text: str) -> str:
    r"""Return a question as the engine reads it: one line of plain, compatible characters.

    A lone surrogate (from JSON "\ud800" or undecodable argv) cannot be tokenized; invisible
    format characters (zero-width spaces, soft hyphens, bidi controls) pasted inside a word would
    split a name in two ("Faceb\u200book"); full-width letters ("ＩＢＭ") are the plain ones to a
    reader, so to the engine (NFKC), unless that would make the question too long; so are the
    Cyrillic and Greek look-alikes inside a Latin word ("Fаcebook", ``fold_look_alikes``).
    """
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = fold_look_alikes("".join(ch for ch in text if unicodedata.category(ch) != "Cf"))
    compatible = unicodedata.normalize("NFKC", text)
    if len(compatible) <= MAX_QUESTION_CHARS or len(text) > MAX_QUESTION_CHARS:
        text = compatible
    return " ".join(text.split())
