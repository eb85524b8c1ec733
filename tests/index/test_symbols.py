"""Names a text writes only by symbol or newsroom tag (pure)."""

from __future__ import annotations

import pytest

from index.grounding.symbols import names_abbreviated


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Sen. Ron Wyden (D-Ore.) said", {"democrat", "democrats", "democratic", "oregon"}),
        ("Rep. Jo Doe (R-N.Y.) voted no", {"republican", "republicans", "new", "york"}),
        ("Sen. Al Roe (R-Texas) spoke", {"republican", "republicans", "texas"}),
        ("Sen. Bo Poe (I-Vt.) spoke", {"vermont"}),  # "independent" is an ordinary word
        ("The steam enters at 565 °C", {"celsius", "centigrade"}),
        ("It was 70 ℉ outside", {"fahrenheit"}),
    ],
)
def test_a_tag_or_symbol_names_what_it_abbreviates(text: str, named: set[str]) -> None:
    assert names_abbreviated(text) == named


@pytest.mark.parametrize(
    "text",
    [
        "Iron ore. prices rose (mostly in Ore.)",  # not a party tag
        "Plan D-Ore. was shelved",
        "The grade was a C and an F",
        "Miss. Smith said",
    ],
)
def test_an_abbreviation_outside_a_tag_names_nothing(text: str) -> None:
    assert names_abbreviated(text) == set()
