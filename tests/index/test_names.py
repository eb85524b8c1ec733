"""Term weights and question names (pure): what a question is about, on any coverage size."""

from __future__ import annotations

import pytest

from index.grounding.verdicts import Evidence, missing_names
from index.question.answer_kind import answer_kind, holds
from index.question.names import (
    names,
    spells_acronym,
    usually_capitalised,
    written_among,
    written_form,
    written_words,
)
from index.question.weights import smoothed_idf, weigh


def _weights(question: str, documents: int, df: dict[str, int] | None = None) -> dict[str, float]:
    found = weigh(question, lambda term: (df or {}).get(term, 0), documents)
    return dict(zip(found.terms, found.weights, strict=True))


@pytest.mark.parametrize("documents", [25, 100_000])
def test_ordinary_words_weigh_less_than_names_whatever_the_coverage_size(documents: int) -> None:
    """Long, end and say weigh little; Buolamwini and moratorium a lot, unseen or not."""
    weights = _weights("How long did Buolamwini say the moratorium would end?", documents)
    for ordinary in ("long", "say", "end"):
        assert weights[ordinary] < weights["moratorium"] < weights["buolamwini"]


def test_question_words_carry_no_weight() -> None:
    """What, did and how are the question's scaffolding, not what it is about."""
    weights = _weights("How did what happen?", 25)
    assert weights["how"] == weights["what"] == weights["did"] == 0.0


def test_large_coverage_statistics_outweigh_the_general_prior() -> None:
    """A large coverage's own counts decide; on a small one a common word weighs as English says."""
    assert smoothed_idf(3.0, 50_000, 100_000) < smoothed_idf(3.0, 0, 100_000) / 5
    assert smoothed_idf(5.8, 1, 25) == pytest.approx(smoothed_idf(5.8, 0, 25), rel=0.05)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did Facebook announce?", ["Facebook"]),
        ("Who is Ron Wyden?", ["Ron Wyden"]),
        ("What did Wyden’s office say?", ["Wyden"]),
        ("What did Sen. Ron Wyden say?", ["Ron Wyden"]),
        ("What did the ACLU want Amazon to commit to?", ["ACLU", "Amazon"]),
        ("Facebook and what else?", ["Facebook"]),
        ("Buolamwini said what?", ["Buolamwini"]),
        ("how long is the moratorium?", []),
        ("WHAT DID IBM DO?", ["IBM"]),
        ("How Long Is The Moratorium?", []),
        ("What Did Facebook Announce About It?", ["Facebook"]),
        ("did apple stop selling it to police?", ["apple"]),
        ("what did elon musk say?", ["elon musk"]),
        ("What did the F.B.I. say?", ["FBI"]),
        ("Did Amazon’s Rekognition fail?", ["Amazon", "Rekognition"]),
        ("Stop selling it when?", []),
    ],
)
def test_names_are_capitalised_words_past_the_first_acronyms_and_rare_words(
    question: str, expected: list[str]
) -> None:
    """Names are found however the question is cased; titles and question words are not names.

    Capitals mark names in a mixed-case question; whatever the case, so does English's own usage
    ("apple", "Facebook" first or in Title Case: written capitalised far more often than not).
    A dotted acronym is one name, and a possessive ends a name.
    """
    assert [n.text for n in names(question) if n.proper] == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("apple", True),
        ("facebook", True),
        ("google", True),
        ("microsoft", True),
        ("tesla", True),
        ("long", False),
        ("end", False),
        ("selling", False),
        ("police", False),
        ("moratorium", False),
    ],
)
def test_english_usage_tells_a_name_from_an_ordinary_word(word: str, expected: bool) -> None:
    """cl100k's vocabulary writes "Apple" far more often than "apple", and "long" the other way."""
    assert usually_capitalised(word) is expected


def test_rare_lower_case_words_are_salient_but_never_refused_for() -> None:
    """A rare lower-case word (often a typo) boosts passages but is not a missing name.

    In a question that capitalises its names; where the case marks none, it may be a name.
    """
    found = names("What did Amazon tell buolamwini about the moratorium?")
    assert [(n.text, n.proper) for n in found] == [("Amazon", True), ("buolamwini", False)]
    assert missing_names(found, Evidence(lambda _word, term, _loose: term == "amazon")) == ()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what did tim cook say about the moratorium", ["tim cook"]),
        ("WHAT DID TIM COOK SAY ABOUT THE MORATORIUM", ["TIM COOK"]),
        ("What Did Tim Cook Say?", ["Tim Cook"]),
        ("what did senator markey say", ["markey"]),
        ("what did sen. markey say", ["markey"]),
        ("what did the senator say", []),
        ("did the f.b.i. use it?", ["FBI"]),
        ("what happened at 9 a.m., e.g. before the ban?", []),
        ("how did the seattle police department respond", ["seattle police department"]),
        ("what did the minneapolis city council say", ["minneapolis city council"]),
        ("what did the seattle police say", ["seattle"]),
        ("what was the name of the norman castle?", ["norman"]),
        ("who is joy buolamwini", []),  # "buolamwini" is rare, a name of its own
        ("What About Ibm?", ["Ibm"]),
        ("Is Rekognition Expensive", []),
    ],
)
def test_names_where_the_case_marks_none_are_found_by_english_and_the_question(
    question: str, expected: list[str]
) -> None:
    """Lower case, Title Case, capitals: English's usage and the question's shape mark names.

    A given name and the word after it, a rare word after a title, a dotted acronym, a place and
    a word that ends institutions' names ("department", not "castle": "the norman castle").
    """
    assert [n.text for n in names(question) if n.proper] == expected


@pytest.mark.parametrize(
    ("question", "may_be_names"),
    [
        ("what did heineken say about the ban", ["heineken"]),  # no lower-case token in cl100k
        ("WHAT DID HSBC SAY", ["HSBC"]),
        ("what did buolamwini say", ["buolamwini"]),
        ("what work of cook's became popular?", ["cook"]),  # an owner, written alike abroad
        ("what was the company's response", []),
        ("has visa announced changes?", ["visa"]),  # a bare subject: no "the" before it
        ("what year did meta die?", ["meta"]),
        ("did cops say anything?", []),  # a plural needs no "the"
        ("which organizations can still use it?", []),
        ("what were the paintings loaned to?", []),  # English's own word: "loaned" (3.3, 0)
        ("How Long Is The Moratorium?", ["Moratorium"]),
        ("What did Amazon tell buolamwini?", []),  # its capitals mark its names
        ("how long is the ban", []),
    ],
)
def test_rare_words_may_be_names_only_where_the_case_marks_none(
    question: str, may_be_names: list[str]
) -> None:
    """A word English does not write in lower case, but other languages write as often."""
    assert [n.text for n in names(question) if n.unmarked and not n.proper] == may_be_names


def test_a_rare_word_where_the_case_marks_no_names_is_missing_when_never_written() -> None:
    """A lower-case "heineken" may be Heineken: refused for when the coverage lacks it."""
    lower = names("what did heineken say about the ban")
    assert [n.text for n in missing_names(lower, Evidence(lambda *_: False, unwritten=lambda _n: True))] == [
        "heineken"
    ]
    assert missing_names(lower, Evidence(lambda *_: False, unwritten=lambda _n: False)) == ()
    cased = names("What did Amazon tell buolamwini?")
    assert missing_names(cased, Evidence(lambda _w, t, _l: t == "amazon", unwritten=lambda _n: True)) == ()


def test_a_word_after_a_given_name_may_be_ordinary_where_the_case_marks_no_names() -> None:
    """In "what did mark announce", "announce" need only be known by its stem, and is no name."""
    (name,) = names("what did mark announce")
    assert name.loose
    missing = missing_names(
        [name], Evidence(lambda _w, t, _l: t == "announc", another_thing=lambda _n: True)
    )
    assert missing == ()


def test_a_name_is_missing_when_any_of_its_words_is_unknown() -> None:
    """King County is not mentioned by a coverage that has "county" but no "king"."""
    found = names("What did King County decide?")
    missing = missing_names(found, Evidence(lambda _word, term, _loose: term == "counti"))
    assert [n.text for n in missing] == ["King County"]


def test_acronyms_are_spelled_out_by_capitalised_words() -> None:
    """ACLU is mentioned by "the American Civil Liberties Union of Northern California"."""
    assert spells_acronym("ACLU", "the American Civil Liberties Union of Northern California")
    assert spells_acronym("UMC", "the United Methodist Church")
    assert not spells_acronym("IBM", "said IBM")
    assert not spells_acronym("NEC", "near every camera")
    assert spells_acronym("UN", "the United Nations")
    assert not spells_acronym("AR", "Amazon Rekognition"), "two capitals spell one by chance"
    assert not spells_acronym("UN", "the ACLU's Union of Northern California")


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("How long is the moratorium?", "We hope this one-year moratorium might help.", True),
        ("How long is the moratorium?", "Amazon banned police use for a year.", True),
        ("How long is the moratorium?", "The ACLU said it did not go far enough.", False),
        ("When was it announced?", "IBM said on Monday it would stop.", True),
        ("How much did it cost?", "It spent about $700 to upload photos.", True),
        ("How many police forces partnered?", "It partnered with hundreds of forces.", True),
        ("What is Rekognition?", "It costs $7 a month.", False),
    ],
)
def test_answer_kind_of_question_and_sentence(question: str, sentence: str, expected: bool) -> None:
    """A duration answers "how long", a date "when", an amount "how much", a number "how many"."""
    assert holds(answer_kind(question), sentence) is expected


def test_a_refusal_names_at_most_three_and_counts_the_rest() -> None:
    """A question naming many unknown things gets a short reason, not a list of them all."""
    from index.answer.abstain import Signals, abstention_reason
    from index.config import SearchSettings

    settings = SearchSettings()
    strong = Signals(dense=0.9, share=1.0)
    assert abstention_reason(strong, settings, ["Facebook"]) == (
        "The coverage does not mention Facebook."
    )
    assert (
        abstention_reason(strong, settings, ["A", "B"]) == "The coverage does not mention A or B."
    )
    many = [f"Name{i}" for i in range(40)]
    reason = str(abstention_reason(strong, settings, many))
    assert reason == "The coverage does not mention Name0, Name1, Name2 or 37 other names."
    four = str(abstention_reason(strong, settings, many[:4]))
    assert four == "The coverage does not mention Name0, Name1, Name2 or 1 other name."
    question = "What did " + " and ".join(many) + " say?"
    assert len(names(question)) <= 12


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("wyden", True),  # "Wyden’s", curly possessive
        ("federer", False),  # "federal" shares its stem only
        ("hughes", True),  # plural-looking name: "Hugh" written
        ("aclu", True),  # "ACLU's"
        ("interpol", False),  # "interpolate"
        ("face", True),  # "facial-recognition" does not count, "face-scanning" does
    ],
)
def test_written_words_find_what_the_written_pattern_finds(word: str, expected: bool) -> None:
    """The coverage's word set (used for common stems) agrees with the pattern scan."""
    text = (
        "Sen. Wyden’s office, federal rules, Hugh said. The ACLU's view: interpolate face-scanning."
    )
    assert (written_form(word).search(text) is not None) is expected
    assert written_among(word, written_words(text)) is expected


def test_a_shouted_word_longer_than_any_acronym_is_never_spelled_out() -> None:
    """Thirteen capitals are shouting: no pattern of a letter per word is built for them."""
    text = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett Kilo Lima Mike"
    assert spells_acronym("ABCDEFGHIJKL", text)
    assert not spells_acronym("ABCDEFGHIJKLM", text)
