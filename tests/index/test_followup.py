"""Follow-ups are read in the context of the earlier questions by the stated rules (pure)."""

from __future__ import annotations

import pytest

from index.question.followup import read_in_context

READINGS = [
    # rule 1: a name or time replaces the earlier one of its kind
    (
        ["What did IBM announce about facial recognition?"],
        "what about Microsoft?",
        "replaced",
        "What did Microsoft announce about facial recognition?",
    ),
    (["What did IBM announce?"], "and Google?", "replaced", "What did Google announce?"),
    (["What did IBM announce?"], "Microsoft?", "replaced", "What did Microsoft announce?"),
    (
        ["What did IBM announce this week?"],
        "what about last year?",
        "replaced",
        "What did IBM announce last year?",
    ),
    (
        ["What did Sen. Ron Wyden say?"],
        "what about the ACLU?",
        "replaced",
        "What did the ACLU say?",
    ),
    (
        ["What did Sen. Ron Wyden say?"],
        "and Joy Buolamwini?",
        "replaced",
        "What did Joy Buolamwini say?",
    ),
    (
        ["How long is the moratorium?"],
        "what about IBM?",
        "replaced",
        "How long is the moratorium for IBM?",
    ),
    # rule 2: a bare question word asks the earlier question again
    (["What did IBM announce?"], "when?", "reasked", "When did IBM announce?"),
    (["What did the ACLU say?"], "when was that?", "reasked", "When did the ACLU say?"),
    (
        ["What did Amazon ban police from using?"],
        "why did they do that?",
        "reasked",
        "Why did Amazon ban police from using?",
    ),
    (
        ["Who announced the ban?"],
        "why?",
        "reasked",
        "Who announced the ban — why?",
    ),
    # rule 3: a pronoun stands for what the earlier question was about
    (["Who is Joy Buolamwini?"], "what did she find?", "resolved", "what did Joy Buolamwini find?"),
    (["Who is Joy Buolamwini?"], "what's her job?", "resolved", "what's Joy Buolamwini's job?"),
    (
        ["How long is the moratorium?"],
        "who can still use it?",
        "resolved",
        "who can still use the moratorium?",
    ),
    (
        ["What did IBM announce this week?"],
        "who criticised it?",
        "resolved",
        "who criticised IBM this week?",
    ),
    (
        ["Who criticised Amazon for selling Rekognition to police?"],
        "what are they worried about?",
        "resolved",
        "what are those who criticised Amazon for selling Rekognition to police worried about?",
    ),
    (
        ["Who announced the ban?"],
        "what did he say?",
        "resolved",
        "what did the one who announced the ban say?",
    ),
    (
        ["Who won the Stanley Cup?"],
        "how old is he?",
        "resolved",
        "how old is the one who won the Stanley Cup?",
    ),
    (
        ["What did Rob Gronkowski announce?"],
        "how old is he?",
        "resolved",
        "how old is Rob Gronkowski?",
    ),
    (
        ["Where is it illegal to pump your own gas?"],
        "since when?",
        "reasked",
        "Since when is it illegal to pump your own gas?",
    ),
    (
        ["How much does gas cost in the US?"],
        "and in Zanzibar?",
        "replaced",
        "How much does gas cost in Zanzibar?",
    ),
    (
        ["Who owns The Washington Post?"],
        "what about the New York Times?",
        "replaced",
        "Who owns the New York Times?",
    ),
    (
        ["What did the IRS say about its backlog?", "how many returns were left?"],
        "how many hours did they work?",
        "resolved",
        "how many hours did IRS work?",
    ),
    (
        ["What did Amazon announce?"],
        "How long is the moratorium?",
        "extended",
        "Amazon: How long is the moratorium?",
    ),
    (
        ["What did Netflix announce about Squid Game?"],
        "who made the show?",
        "extended",
        "Netflix and Squid Game: who made the show?",
    ),
    # rule 4: pointing back without a name
    (["What did Amazon announce?"], "who said that?", "extended", "Amazon: who said that?"),
]


@pytest.mark.parametrize(("earlier", "follow_up", "rule", "asked"), READINGS)
def test_follow_up_is_read_by_its_rule(
    earlier: list[str], follow_up: str, rule: str, asked: str
) -> None:
    """Each kind of elliptical follow-up is read as the stated rule says."""
    reading = read_in_context(earlier, follow_up)
    assert (reading.rule, reading.asked) == (rule, asked)
    assert reading.in_context


@pytest.mark.parametrize(
    "follow_up",
    [
        "What did Bezos post on Instagram?",
        "who is joy buolamwini?",
        "What is the capital of Australia?",
        "what happened this week?",
    ],
)
def test_self_contained_question_is_left_exactly_as_written(follow_up: str) -> None:
    """A reply that names its own subject is asked exactly as it would be alone."""
    reading = read_in_context(["What did Amazon announce?"], follow_up)
    assert reading.asked == follow_up
    assert reading.rule == "alone"
    assert not reading.in_context


def test_name_the_coverage_lacks_still_replaces_the_earlier_one() -> None:
    """A name the coverage lacks ("and Google?") still replaces the earlier one; the engine refuses it."""
    reading = read_in_context(["What did IBM announce?"], "and Google?")
    assert reading.replaced == (("IBM", "Google"),)


def test_turns_fold_oldest_first() -> None:
    """A third turn continues the second as read, not the first as written."""
    reading = read_in_context(["What did Amazon announce?", "what about IBM?"], "why?")
    assert reading.asked == "Why did IBM announce?"


def test_no_earlier_turn_means_alone() -> None:
    """Without earlier turns (or with empty ones) the question is asked as written."""
    assert read_in_context([], "why?").asked == "why?"
    assert read_in_context(["  "], "and Google?").asked == "and Google?"


def test_carried_words_are_reported() -> None:
    """The reading says what came from the earlier question."""
    reading = read_in_context(["What did IBM announce this week?"], "who criticised it?")
    assert reading.carried == ("IBM", "this week")


def test_nameless_follow_up_of_a_nameless_conversation_is_alone() -> None:
    """With no name in the conversation there is nothing to carry: the question stays as asked."""
    reading = read_in_context(["How long is the moratorium?"], "who criticised the ban?")
    assert (reading.rule, reading.asked) == ("alone", "who criticised the ban?")
