"""A name asked in another of its forms is the name the coverage writes (real model).

"Which French king..." is answered by a passage on France, "the Swiss bank" by one in
Switzerland, "septicemia" by "septicemic plague". A given name is not another form of a longer
one ("Julian" is not "Julia"), nor a name a condition's adjective ("Olympic" is not "Olympia"),
nor a place written only inside another name ("Irish" is not "Kathy Ireland").
"""

from __future__ import annotations

import pytest

from index.embedding.encoder import Embedder
from index.engine import Engine
from tests.articles import write_article
from tests.conftest import engine_config

ARTICLES = {
    "Edict of Fontainebleau": (
        "Louis XIV issued the Edict of Fontainebleau in 1685, which abolished all legal "
        "recognition of Protestantism in France."
    ),
    "Butter": (
        "French chefs in Lyon issued a declaration in defence of butter, their union said, "
        "and French bakers signed it."
    ),
    "Banking": "A bank in Switzerland announced on Monday that it would close its branches.",
    "Plague": (
        "Others point to septicemic (a type of blood poisoning) and pneumonic forms of the "
        "plague, which lengthen the duration of outbreaks."
    ),
    "Festival": "Julia Roberts opened the film festival in Cannes on Tuesday evening.",
    "Council": "The Olympia city council voted on Monday to rename the harbour park.",
    "Tariffs": "Canada announced new tariffs on steel. Canada's trade minister met the importers.",
    "Store": "Kathy Ireland opened a furniture store in the mall on Saturday.",
    "Quake": "An earthquake struck near Guadalajara, Mexico, on Sunday, officials said.",
    "Finale": "Fans of the show were euphoric after the finale aired on Sunday night.",
}


@pytest.fixture(scope="module")
def forms_engine(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Engine:
    root = tmp_path_factory.mktemp("forms")
    for number, (title, text) in enumerate(ARTICLES.items()):
        write_article(root / "corpus", f"{number}.md", title, text)
    engine = Engine(engine_config(root / "corpus", root / "index"), embedder=embedder)
    engine.rebuild()
    return engine


def test_a_people_is_found_where_the_coverage_names_its_place(forms_engine: Engine) -> None:
    """France's passage answers and mentions "French": no note says the quote does not."""
    answer = forms_engine.ask("Which French king issued the edict?", k=1)
    assert not answer.abstained, answer.reason
    assert "Louis XIV" in answer.hits[0].quote
    assert answer.unmentioned == ()


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        ("What did the Swiss bank announce?", "Switzerland"),  # "Swiss" is written nowhere
        ("What is septicemia?", "septicemic"),
        ("What did Canadian officials announce?", "tariffs"),  # "Canada" opens its sentences
        ("Where did the Mexican earthquake strike?", "Guadalajara"),  # "Guadalajara, Mexico"
    ],
)
def test_a_name_written_only_in_another_form_is_answered(
    forms_engine: Engine, question: str, quoted: str
) -> None:
    answer = forms_engine.ask(question)
    assert not answer.abstained, answer.reason
    assert quoted in answer.hits[0].quote


@pytest.mark.parametrize(
    ("question", "missing"),
    [
        ("What did Julian open in Cannes?", "Julian"),  # a given name: "Julia" is someone else
        ("What did the Olympic committee vote on?", "Olympic"),  # "Olympia" is a name, no adjective
        ("What did Irish officials open?", "Irish"),  # "Ireland" only inside "Kathy Ireland"
        ("What did the cast of Euphoria say?", "Euphoria"),  # a name, not the fans' "euphoric"
    ],
)
def test_a_name_is_not_another_form_of_a_different_name(
    forms_engine: Engine, question: str, missing: str
) -> None:
    answer = forms_engine.ask(question)
    assert answer.abstained
    assert answer.reason == f"The coverage does not mention {missing}."
