"""Every word list in index/lexicon/ is data held to its header (fast tier).

A list says where it comes from and what may join it; its entries are sorted, unique and lower
case, so a diff of a list reads as what was added or dropped.
"""

from __future__ import annotations

from importlib import resources

import pytest

from index import lexicon

LISTS = sorted(
    entry.name.removesuffix(".txt")
    for entry in resources.files("index.lexicon").iterdir()
    if entry.name.endswith(".txt")
)


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
