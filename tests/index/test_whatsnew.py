"""Questions about a period and nothing else list the period's articles, newest first (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from index.answer.news import empty_period, lead_sentence, news_of
from index.question.period import asks_for_news, time_frame
from index.records import Article

ASKED = dt.datetime(2022, 6, 17, 12, tzinfo=dt.UTC)


def _article(title: str, published: str | None, text: str) -> Article:
    return Article(text=text, title=title, published=published, outlet="Times", source=title)


ARTICLES = (
    _article("Old", "2022-05-01", "An old story. It goes on."),
    _article("Monday", "2022-06-13", "Monday's story opens here. Then more."),
    _article("Thursday", "2022-06-16", "Sen. Smith spoke on Thursday. Later text."),
    _article("Undated", None, "No date at all."),
    _article("Future", "2022-06-30", "Not yet written."),
)


@pytest.mark.parametrize(
    "question",
    [
        "what happened this week?",
        "any news today?",
        "what's the latest?",
        "What's new?",
        "anything new this week?",
        "what happened in June?",
    ],
)
def test_period_questions_ask_for_news(question: str) -> None:
    """A question naming only a period asks for that period's news."""
    assert asks_for_news(question, time_frame(question, ASKED))


@pytest.mark.parametrize(
    "question",
    [
        "What did IBM announce this week?",
        "what happened?",
        "What is Rekognition?",
        "what's the latest on Amazon?",
    ],
)
def test_questions_with_a_subject_do_not(question: str) -> None:
    """A subject, or no period, makes an ordinary question."""
    assert not asks_for_news(question, time_frame(question, ASKED))


def test_news_lists_the_period_newest_first_with_leads() -> None:
    """Only dated articles inside the period, newest first, each with its first sentence."""
    news = news_of(ARTICLES, time_frame("what happened this week?", ASKED))
    assert [item.title for item in news.items] == ["Thursday", "Monday"]
    assert news.items[0].lead == "Sen. Smith spoke on Thursday."
    assert news.total == 2


def test_an_empty_period_says_so() -> None:
    """A period with nothing published is named in one sentence."""
    asked = dt.datetime(2023, 1, 10, tzinfo=dt.UTC)
    news = news_of(ARTICLES, time_frame("any news this week?", asked))
    assert news.items == ()
    assert empty_period(news).startswith("Nothing in the coverage was published between")


def test_lead_is_verbatim_and_capped() -> None:
    """The lead is the article's own first sentence; a run-on one is cut at a word."""
    assert lead_sentence("First one. Second.") == "First one."
    long = "word " * 200
    assert len(lead_sentence(long)) <= 402


def test_a_byline_paragraph_is_no_lead() -> None:
    """A first paragraph that is only a byline is passed over for the first sentence after it."""
    text = "Matthew Brown and Lindsay Whitehurst\n\nFloodwaters surged through the town on Monday, officials said. More."
    assert lead_sentence(text) == "Floodwaters surged through the town on Monday, officials said."
    assert lead_sentence("Short title\n\nTiny.") == "Short title"
