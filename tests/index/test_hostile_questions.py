"""Questions as a hostile or careless member writes them, on the bundled article (real model).

Pasted invisible characters, full-width letters, dates, impossible moments: each must get the
answer the plain question gets, or an honest refusal, never a quote about someone else.
"""

from __future__ import annotations

import pytest

from index.engine import Engine

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "question",
    [
        "What did Faceb\u200book announce about facial recognition?",
        "What did Face\u00adbook announce about facial recognition?",
        "What did Ｆａｃｅｂｏｏｋ announce about facial recognition?",
    ],
)
def test_invisible_or_full_width_characters_do_not_hide_an_unmentioned_name(
    seed_engine: Engine, question: str
) -> None:
    """A zero-width space, a soft hyphen or full-width letters: still Facebook, still refused."""
    answer = seed_engine.ask(question)
    assert answer.abstained and answer.hits == ()
    assert answer.reason == "The coverage does not mention Facebook."


@pytest.mark.parametrize(
    "question",
    [
        "What did Ama\u200bzon announce?",
        "What did \u202eAmazon\u202c announce?",
        "What did ＡＭＡＺＯＮ announce?",
    ],
)
def test_invisible_or_full_width_characters_do_not_hide_a_mentioned_name(
    seed_engine: Engine, question: str
) -> None:
    """The same characters around or inside a name the article uses: answered about Amazon."""
    answer = seed_engine.ask(question)
    assert not answer.abstained, answer.reason
    assert "Amazon has banned police" in answer.hits[0].quote


def test_a_short_question_that_normalizes_long_is_not_called_too_long(seed_engine: Engine) -> None:
    """200 characters that NFKC writes out as 3,600 are still a 200-character question."""
    answer = seed_engine.ask("What is Rekognition? " + "\ufdfa" * 200)
    assert answer.question.startswith("What is Rekognition?")
