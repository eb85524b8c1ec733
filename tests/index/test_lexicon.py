"""Every word list in index/lexicon/ is data held to its header (fast tier).

A list says where it comes from and what may join it; its entries are sorted, unique and lower
case, so a diff of a list reads as what was added or dropped.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from wordfreq import zipf_frequency

from index import lexicon
from index.question.names import names
from index.text.sentences import sentence_spans

LISTS = sorted(
    entry.name.removesuffix(".txt")
    for entry in resources.files("index.lexicon").iterdir()
    if entry.name.endswith(".txt")
)


def test_the_stop_words_are_those_bm25s_ships() -> None:
    """BM25's stop words are Lucene's English set as bm25s has it, kept as data here."""
    from bm25s.stopwords import STOPWORDS_EN

    assert lexicon.words("stop_words") == frozenset(STOPWORDS_EN)


def test_the_lists_are_there() -> None:
    assert {"given_names", "chat", "question_words", "demonyms", "ap_states"} <= set(LISTS)


@pytest.mark.parametrize("name", LISTS)
def test_each_list_names_its_source_and_rule(name: str) -> None:
    text = resources.files("index.lexicon").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert text.startswith("#"), "the header comes first"
    assert any("Source:" in line for line in header)
    assert any("Rule:" in line for line in header)


@pytest.mark.parametrize("name", LISTS)
def test_each_list_is_sorted_unique_and_lower_case(name: str) -> None:
    entries = lexicon.entries(name)
    assert entries, "an empty list"
    assert list(entries) == sorted(entries)
    assert len(set(entries)) == len(entries)
    assert all(entry == entry.lower() for entry in entries)
    assert all(" ".join(entry.split()) == entry for entry in entries)


def test_a_mapping_reads_each_entry_as_word_then_words() -> None:
    assert lexicon.mapping("demonyms")["dutch"] == ("netherlands", "holland")
    assert lexicon.mapping("ap_states")["n.h."] == ("new", "hampshire")
    assert "jennifer" in lexicon.words("given_names")


BUNDLED = Path(__file__).resolve().parents[2] / "corpus"


@pytest.mark.parametrize("name", LISTS)
def test_no_list_holds_a_word_known_only_from_the_bundled_article(name: str) -> None:
    """A word general English does not know, written in the seed article, is tuned on it.

    A photographer's name or a product's in a list would make a rule of the article the bot
    ships with.
    """
    article = " ".join(p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.md")))
    written = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'.-]+", article)}
    suspicious = {
        word
        for word in lexicon.words(name)
        if word.rstrip(".") in written and zipf_frequency(word.rstrip("."), "en") == 0
    }
    assert not suspicious


def test_one_title_list_serves_sentences_and_names() -> None:
    """A title ends no sentence and is no name's word, whichever rule reads it."""
    text = "Rev. Al Sharpton spoke. Then Sgt. Pepper left."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Rev. Al Sharpton spoke.",
        "Then Sgt. Pepper left.",
    ]
    found = [n.text for n in names("What did Capt. Ahab Smith say about Sgt. Pepper?")]
    assert found == ["Ahab Smith", "Pepper"]
