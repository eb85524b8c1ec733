"""The recency prior and temporal intent as pure functions: dates in, numbers out."""

from __future__ import annotations

import datetime as dt

import pytest

from index.answer.freshness import freshness_note, latest_date
from index.config import SearchSettings
from index.question.period import asks_past, time_frame
from index.retrieval.recency import TimePrior, closeness, not_after, prior, reweigh, time_prior
from index.text.dates import as_of_day, parse_date, parse_when, published_days

ASKED = dt.datetime(2022, 9, 8, 15, 0, tzinfo=dt.UTC)  # a Thursday
DAY = dt.date(2022, 9, 8)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-06-12", dt.date(2022, 6, 12)),
        ("2022/06/12", dt.date(2022, 6, 12)),
        ("2022-06-12T23:10:00-07:00", dt.date(2022, 6, 12)),
        ("June 12, 2022", dt.date(2022, 6, 12)),
        ("Sun, 12 Jun 2022 10:00:00 GMT", dt.date(2022, 6, 12)),
        ("Sept. 3, 2021", dt.date(2021, 9, 3)),
        ("2022-02-31", None),
        ("last Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_publication_dates_are_read_in_the_usual_forms(value: str | None, expected: object) -> None:
    """Dates as feeds and front matter write them are read; anything else counts as undated."""
    assert parse_date(value) == expected


def test_the_as_of_day_is_the_latest_calendar_day_begun_anywhere() -> None:
    """At 15:00 UTC it is already the next day in UTC+14, so that day's articles are not future."""
    assert as_of_day(ASKED) == dt.date(2022, 9, 9)
    assert as_of_day(dt.datetime(2022, 9, 8, 5, 0, tzinfo=dt.UTC)) == DAY
    assert as_of_day(dt.datetime(2022, 9, 8)) == DAY  # naive times are taken as UTC


def test_a_question_asked_on_the_first_day_is_asked_then() -> None:
    """``--as-of 0001-01-01`` reported "Nothing ... published by 0002-01-01"."""
    frame = time_frame("What happened last year?", dt.datetime(1, 1, 1, tzinfo=dt.UTC))
    assert frame.asked == dt.date(1, 1, 1)
    assert frame.start.year >= 1  # last year's period is still a date


def test_articles_after_the_question_are_excluded_undated_ones_kept() -> None:
    """An article dated after the as-of day may not be quoted; one with no date may."""
    days = published_days(["2022-09-01", "2022-09-20", None, "2022-09-08"])
    assert not_after(days, DAY).tolist() == [True, False, True, True]


@pytest.mark.parametrize(
    "question",
    [
        "Which automaker recalled 2.9 million vehicles this week?",
        "What is the latest on the strike?",
        "Which country is now bankrupt?",
        "Who recently won the election?",
        "What happened today in parliament?",
        "Which company announced a new phone?",
    ],
)
def test_recency_cues_ask_about_the_last_week(question: str) -> None:
    """Recency words make a strong prior on the week before the question."""
    frame = time_frame(question, ASKED)
    assert frame.kind == "recent"
    assert (frame.start, frame.end) == (as_of_day(ASKED) - dt.timedelta(days=7), as_of_day(ASKED))
    assert _strength(question) > _strength("Which team won the cup final?") > 0


def test_last_week_reaches_back_two_weeks() -> None:
    """Last week is the week before this one, and this one so far."""
    frame = time_frame("Which team won last week?", ASKED)
    assert frame.start == as_of_day(ASKED) - dt.timedelta(days=14)


def test_a_weekday_asks_about_the_days_since_it() -> None:
    """On a Thursday, "on Monday" means the days from that Monday on."""
    frame = time_frame("Where did NASA reschedule the launch on Monday?", ASKED)
    assert frame.start == dt.date(2022, 9, 5)
    assert frame.kind == "recent"


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("What did the company say in 2020?", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        ("Who won the 2018 World Cup?", dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
        ("What happened last June?", dt.date(2022, 6, 1), dt.date(2022, 6, 30)),
        ("What was announced in March 2021?", dt.date(2021, 3, 1), dt.date(2021, 3, 31)),
        ("Which bills passed last November?", dt.date(2021, 11, 1), dt.date(2021, 11, 30)),
        ("What was signed in August?", dt.date(2022, 8, 1), dt.date(2022, 8, 31)),
        ("What happened on January 6, 2021?", dt.date(2021, 1, 6), dt.date(2021, 1, 6)),
        ("What did the board decide last year?", dt.date(2021, 1, 1), dt.date(2021, 12, 31)),
        ("What did the mayor promise last month?", dt.date(2022, 8, 1), dt.date(2022, 8, 31)),
    ],
)
def test_an_explicit_time_centres_the_prior_there(
    question: str, start: dt.date, end: dt.date
) -> None:
    """A named year or month (the most recent one of that name) is the period asked about."""
    frame = time_frame(question, ASKED)
    assert frame.kind == "explicit"
    assert (frame.start, frame.end) == (start, end)


@pytest.mark.parametrize(
    "question",
    [
        "Which airline is cutting flights during November?",
        "Which singer will launch a residency later this year?",
    ],
)
def test_a_time_still_to_come_is_not_an_explicit_period(question: str) -> None:
    """A month later in the year, or "later this year", is news about plans: the news prior."""
    assert time_frame(question, ASKED).kind == "news"


def test_a_recency_cue_outweighs_a_year_that_is_only_a_detail() -> None:
    """A question on how much a 1952 card "recently sold" for is about now, not 1952."""
    assert time_frame("A card from 1952 recently sold for how much?", ASKED).kind == "recent"


@pytest.mark.parametrize(
    "question", ["What is Rekognition?", "Who is Ron Wyden?", "What does NATO stand for?"]
)
def test_definitions_are_timeless(question: str) -> None:
    """A short "what is X?" asks for a definition: no prior at all."""
    frame = time_frame(question, ASKED)
    assert frame.kind == "timeless"
    assert _strength(question) == 0.0


def test_other_questions_get_a_milder_news_prior() -> None:
    """A question with no time in it, to a news bot, is about recent news."""
    frame_question = "Where in the US is it illegal to pump your own gas?"
    frame = time_frame(frame_question, ASKED)
    assert frame.kind == "news"
    assert 0 < _strength(frame_question) < _strength("Who won this week?")


def test_new_york_is_not_a_recency_cue() -> None:
    """A name such as New York does not make a question about recent news."""
    assert time_frame("What is the population of New York City?", ASKED).kind == "news"


def _frame(weight: float = 0.5) -> TimePrior:
    return TimePrior(DAY - dt.timedelta(days=7), DAY, weight, 7.0)


def _strength(question: str) -> float:
    return time_prior(time_frame(question, ASKED), SearchSettings()).weight


def test_closeness_is_one_inside_the_period_and_falls_outside() -> None:
    """Inside the period every day counts the same; outside, older is further."""
    frame = _frame()
    inside = [closeness(DAY - dt.timedelta(days=d), frame) for d in range(8)]
    assert inside == [1.0] * 8
    week, month, year = (closeness(DAY - dt.timedelta(days=7 + d), frame) for d in (7, 30, 365))
    assert 1.0 > week > month > year > 0.0


def test_the_prior_takes_at_most_its_weight_of_a_score() -> None:
    """However old the article, it keeps at least (1 - weight) of its score."""
    frame = _frame(0.5)
    assert prior(0.8, DAY, frame) == 0.8
    assert prior(0.8, dt.date(1990, 1, 1), frame) == pytest.approx(0.4)
    assert prior(0.8, None, frame) == 0.8


def test_reweigh_prefers_the_recent_of_two_equal_candidates() -> None:
    """Equal scores: the article from the period asked about ranks first, whatever its id."""
    ranked = reweigh([(1, 0.9), (2, 0.9)], [dt.date(2022, 5, 1), dt.date(2022, 9, 6)], _frame())
    assert [item for item, _ in ranked] == [2, 1]


def test_reweigh_keeps_a_much_better_old_match_first() -> None:
    """Relevance dominates: a far better stale passage still beats a weak fresh one."""
    ranked = reweigh([(1, 1.0), (2, 0.3)], [dt.date(2020, 1, 1), DAY], _frame(0.5))
    assert [item for item, _ in ranked] == [1, 2]


def test_coverage_of_a_single_day_is_not_reordered() -> None:
    """When every candidate has the same date, the ranking is exactly the fused one."""
    fused = [(3, 0.9), (1, 0.7), (2, 0.5)]
    ranked = reweigh(fused, [dt.date(2020, 6, 10)] * 3, _frame())
    assert ranked == fused


def test_an_undated_article_is_neither_boosted_nor_buried() -> None:
    """An undated candidate gets the mean factor of the dated ones: it passes the stale, not the fresh."""
    fresh, stale = DAY, dt.date(2021, 1, 1)
    ranked = reweigh([(1, 0.8), (2, 0.8), (3, 0.8)], [stale, None, fresh], _frame())
    assert [item for item, _ in ranked] == [3, 2, 1]
    alone = reweigh([(1, 0.8), (2, 0.5)], [None, None], _frame())
    assert alone == [(1, 0.8), (2, 0.5)]


def test_a_timeless_frame_changes_nothing() -> None:
    """Weight 0: the fused list comes back as it was."""
    fused = [(1, 0.5), (2, 0.9)]
    assert reweigh(fused, [dt.date(2000, 1, 1), DAY], _frame(0.0)) == fused


def test_latest_date_is_the_newest_dated_article() -> None:
    """The freshness of an answer is its newest dated hit."""
    assert latest_date(["2022-01-02", None, "2022-03-01", "garbage"]) == dt.date(2022, 3, 1)
    assert latest_date([None, ""]) is None


@pytest.mark.parametrize(
    ("latest", "note"),
    [
        (dt.date(2022, 9, 1), None),
        (dt.date(2022, 8, 9), None),
        (dt.date(2022, 7, 20), "Latest coverage on this: 50 days old (2022-07-20)"),
        (dt.date(2022, 6, 1), "Latest coverage on this: 3 months old (2022-06-01)"),
        (dt.date(2020, 6, 10), "Latest coverage on this: 2 years old (2020-06-10)"),
        (None, None),
    ],
)
def test_stale_coverage_is_noted_with_its_age(latest: dt.date | None, note: str | None) -> None:
    """Older than 30 days, the answer says how old the newest article on the subject is."""
    assert freshness_note(latest, dt.datetime(2022, 9, 8, 0, 0, tzinfo=dt.UTC)) == note


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-09-08", dt.datetime(2022, 9, 8, tzinfo=dt.UTC)),
        ("2022/09/08", dt.datetime(2022, 9, 8, tzinfo=dt.UTC)),
        ("2022-09-08T14:30:00Z", dt.datetime(2022, 9, 8, 14, 30, tzinfo=dt.UTC)),
        ("2022-09-08T14:30:00+02:00", dt.datetime(2022, 9, 8, 12, 30, tzinfo=dt.UTC)),
    ],
)
def test_as_of_values_are_read(text: str, expected: dt.datetime) -> None:
    """Dates and ISO date-times are read; a bare date is that day in UTC."""
    assert parse_when(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "2022-13-01", "", "08/09/2022"])
def test_unreadable_as_of_values_are_refused(text: str) -> None:
    """Anything but an ISO date is refused with a message naming the value."""
    with pytest.raises(ValueError, match="is not a date"):
        parse_when(text)


@pytest.mark.parametrize("weight", [1.0 / 0.7, 2.0])
def test_a_recency_weight_above_one_never_divides_by_zero_nor_flips_the_order(
    weight: float,
) -> None:
    """``--set search.recency_weight=2``: stale candidates sink to 0 at worst, none below."""
    old = [dt.date(2020, 1, 1), dt.date(2020, 1, 2)]
    assert reweigh([(1, 1.0), (2, 0.5)], old, _frame(weight)) == [(1, 1.0), (2, 0.5)]
    ranked = reweigh([(1, 1.0), (2, 0.5)], [old[0], DAY], _frame(weight))
    assert [item for item, _ in ranked] == [2, 1]
    assert all(score >= 0 for _, score in ranked)


@pytest.mark.parametrize(
    ("question", "past"),
    [
        ("How many drones did Aerlume ground?", True),
        ("How many households were put under the advisory?", True),
        ("Which schools closed because of the break?", True),
        ("Who voted against the program?", True),
        ("Which state has the highest average price for gas?", False),
        ("Which product remains difficult to find?", False),
        ("How fast is the speed of light?", False),
        ("How many hundred people came?", False),
    ],
)
def test_a_question_about_what_happened_names_no_period(question: str, past: bool) -> None:
    """The past tense asks what happened, whenever it did; the present asks how things stand."""
    frame = time_frame(question, dt.datetime(2026, 10, 16, tzinfo=dt.UTC))
    assert asks_past(question) is past
    assert frame.kind == ("past" if past else "news")
