"""The other forms of a name: a place and its people, a condition and its adjective (pure)."""

from __future__ import annotations

import pytest

from index.grounding.forms import condition, kindred, peoples, places


@pytest.mark.parametrize(
    ("people", "place"),
    [
        ("canadian", "canada"),  # "Canad(a)" + "ian"
        ("californian", "california"),
        ("italian", "italy"),
        ("chinese", "china"),
        ("israeli", "israel"),  # listed: "i" is no rule
        ("french", "france"),  # no ending derives these
        ("dutch", "netherlands"),
        ("swiss", "switzerland"),
    ],
)
def test_a_people_is_named_after_its_place(people: str, place: str) -> None:
    assert place in places(people)
    assert people in kindred(place)


def test_a_people_in_the_plural_is_named_after_its_place() -> None:
    assert "oregon" in places("oregonians")


def test_a_place_gives_its_people() -> None:
    assert "colombian" in peoples("colombia")
    assert "japanese" in peoples("japan")
    assert "colombian" in kindred("colombia")


def test_a_condition_and_its_adjective_are_one_word() -> None:
    assert condition("septicemia") == ("septicemic",)
    assert condition("anemic") == ("anemia",)
    assert "septicemic" not in kindred("septicemia")  # a condition is no place


def test_given_names_and_short_words_have_no_other_form() -> None:
    assert kindred("julia") == ()  # "Julian" is another person
    assert "julia" not in kindred("julian")
    assert places("cuban") == ("cuba",)  # "Cub" is too short to be a place
    assert places("iraqi") == ("iraq",)
    assert places("pauli") == ()  # no "i" rule: "Paul" is someone else
    assert places("marchi") == ()  # nor the month
    assert "russo" not in places("russian")  # no "o" before "ian": a surname, not Russia
    assert "colombo" not in places("colombian")  # Sri Lanka's city, not Colombia
