"""A name asked with a slip of the keyboard is the name the coverage writes (real model).

Members misspell names in ways that are not another name: a space left out, two letters
swapped or one moved, a letter doubled or left single ("sherrif"), a place's people for the place,
a temperature scale for its symbol, a full name with one letter off. They get the answer.
Slips that would make another name (a word split in lower case, a swapped ending that is a
plural) must still be refused, as every name the coverage never mentions is.
"""

from __future__ import annotations

import pytest

from index.embedding.encoder import Embedder
from index.engine import Engine
from index.grounding.mentioned import doubled_or_single, letter_moved
from tests.articles import write_article
from tests.conftest import engine_config
from tests.name_questions import RESEMBLING, SLIPS, SLIPS_STORY

STORY = "\n\n".join(SLIPS_STORY)


@pytest.fixture(scope="module")
def slips_engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Engine:
    root = tmp_path_factory.mktemp("slips")
    write_article(root / "corpus", "story.md", "A story of many names", STORY)
    engine = Engine(engine_config(root / "corpus", root / "index"), embedder=embedder)
    engine.rebuild()
    return engine


@pytest.mark.parametrize(
    ("question", "quoted"),
    SLIPS,
)
def test_a_slip_in_a_name_still_gets_the_answer(
    slips_engine: Engine, question: str, quoted: str
) -> None:
    answer = slips_engine.ask(question)
    assert not answer.abstained, answer.reason
    assert quoted in answer.hits[0].quote


@pytest.mark.parametrize(
    ("question", "missing"),
    RESEMBLING,
)
def test_a_name_the_coverage_only_resembles_is_still_refused(
    slips_engine: Engine, question: str, missing: str
) -> None:
    answer = slips_engine.ask(question)
    assert answer.abstained
    assert answer.reason == f"The coverage does not mention {missing}."


@pytest.mark.parametrize(
    "question",
    [
        "how much did the sherrif pay per month",  # "sheriff": a letter doubled, one left single
        "how much did the sherrifs office pay per month",
    ],
)
def test_a_misspelt_word_with_a_letter_doubled_or_single_is_the_word(
    seed_engine: Engine, question: str
) -> None:
    answer = seed_engine.ask(question)
    assert not answer.abstained, answer.reason
    assert "$7 a month" in answer.hits[0].quote


def test_augmented_reality_is_not_spelled_out_by_any_two_capitalised_words(
    seed_engine: Engine,
) -> None:
    """"AR" is not "Amazon Rekognition": two capitals are spelled by chance, so AR must be written."""
    answer = seed_engine.ask("What is the name of Microsoft's AR headset?")
    assert answer.abstained
    assert answer.reason == "The coverage does not mention AR."


def test_a_word_longer_than_any_english_word_is_no_slip() -> None:
    """Its variants would number the square of its length: a 400-letter word took 4 s to ask."""
    long_word = "abcdefghij" * 40
    assert letter_moved(long_word) == ()
    assert doubled_or_single(long_word) == ()
    assert "sheriff" in doubled_or_single("sherrif")
    assert "gandhi" in letter_moved("ghandi")
