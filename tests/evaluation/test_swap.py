"""Near-topic unanswerable questions: entities swapped for ones of the same kind never mentioned."""

from __future__ import annotations

from index.evaluation.dataset import Question, make_dataset
from index.evaluation.swap import entity_kind, entity_swaps
from index.records import ArticleRecord

TEXT = (
    "Microsoft called on the government to regulate facial recognition. Satya Nadella said "
    "the company would not sell it to police in California. " * 3
)


def _dataset() -> object:
    return make_dataset(
        "t",
        [ArticleRecord(url="u1", title="Microsoft and police", text=TEXT)],
        [
            Question("What did Microsoft call for?", qid="1", gold_urls=frozenset({"u1"})),
            Question("What did Satya Nadella say?", qid="2", gold_urls=frozenset({"u1"})),
            Question("Where would it not sell to police?", qid="3", gold_urls=frozenset({"u1"})),
            Question("What did Microsoft sell in California?", qid="4", answerable=False),
        ],
    )


def test_entities_are_swapped_for_unmentioned_ones_of_the_same_kind() -> None:
    """A company becomes another company, a person another person; the rest stays as written."""
    swapped = entity_swaps(_dataset())  # type: ignore[arg-type]
    texts = [q.text for q in swapped.questions]
    assert len(texts) == 2  # the question without a name and the unanswerable one are left out
    company, person = texts
    assert company.startswith("What did ") and company.endswith(" call for?")
    assert entity_kind(company[len("What did ") : -len(" call for?")]) == "company"
    assert "Microsoft" not in company
    assert entity_kind(person[len("What did ") : -len(" say?")]) == "person"
    assert all(not q.answerable and not q.gold_urls for q in swapped.questions)


def test_swaps_are_deterministic_and_change_with_the_seed() -> None:
    """The same seed gives the same questions; another seed may choose other names."""
    first = entity_swaps(_dataset(), seed=1)  # type: ignore[arg-type]
    again = entity_swaps(_dataset(), seed=1)  # type: ignore[arg-type]
    assert first.questions == again.questions
    others = {entity_swaps(_dataset(), seed=s).questions for s in range(2, 8)}  # type: ignore[arg-type]
    assert len(others | {first.questions}) > 1


def test_entity_kinds() -> None:
    """Listed names have their kind; "Firstname Lastname" is a person; others are unknown."""
    assert entity_kind("IBM") == "company"
    assert entity_kind("Oregon") == "state"
    assert entity_kind("Jake Laperruque") == "person"
    assert entity_kind("Rekognition") is None
