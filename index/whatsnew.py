"""What's new: a question about a period with no subject lists that period's articles (pure).

"What happened this week?", "any news today?" or "what's the latest?" name a time and nothing
else: no quote answers them, and refusing them ("the coverage does not mention what this
question is about") leaves the member with nothing. They are answered with the coverage's
articles published in that period (``index/recency.py`` reads it), newest first, each with its
title, outlet, date and lead sentence verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.models import Article, News, NewsItem
from index.recency import TimeFrame
from index.text.dates import parse_date
from index.text.sentences import paragraph_spans, sentence_spans

NEWS_ITEMS = 10
"""Articles listed at most: a page a member reads at a glance."""
LEAD_CHARS = 400
"""A lead sentence longer than this (a paragraph with no full stop) is cut at a word."""

LEAD_WORDS = 6
"""A lead sentence has at least this many words (a byline or credit line has fewer)."""
_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_WORD = re.compile(r"[a-z0-9]+")
_PERIOD_ONLY = frozenset(
    (
        # what a question about the news says besides its period
        "what what's whats is are was were has have had been be any anything something "
        "everything new news latest newest happened happen happening happens going on up "
        "the a an in of for from to this that these there me us tell show give list "
        "story stories headline headlines update updates coverage covered article articles "
        "published report reported reports events event today's week's so far "
        "did do does i we you can could would please hey hi ok okay "
        # the period itself (``recency.time_frame`` read it)
        "today tonight yesterday now currently recently recent lately just week weekend "
        "weeks month months year years day days past last previous this morning afternoon "
        "evening few ago during since back throughout through on early late mid "
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec "
        "monday tuesday wednesday thursday friday saturday sunday s"
    ).split()
)


def asks_for_news(question: str, frame: TimeFrame) -> bool:
    """Tell whether a question names a period and nothing else to look for."""
    if frame.kind not in ("recent", "explicit"):
        return False
    words = _WORD.findall(question.lower())
    return bool(words) and all(w in _PERIOD_ONLY or w.isdigit() for w in words)


def news_of(articles: Sequence[Article], frame: TimeFrame, limit: int = NEWS_ITEMS) -> News:
    """Return the articles published in the frame's period, newest first (ties: corpus order)."""
    dated = [(parse_date(a.published), at, a) for at, a in enumerate(articles)]
    inside = [
        (day, at, a) for day, at, a in dated if day is not None and frame.start <= day <= frame.end
    ]
    inside.sort(key=lambda item: (-item[0].toordinal(), item[1]))
    items = tuple(_item(a) for _day, _at, a in inside[:limit])
    return News(frame.start, frame.end, items, len(inside))


def lead_sentence(text: str) -> str:
    """Return an article's first sentence, verbatim (cut when too long).

    The first paragraph that reads as prose: a byline, dateline or credit line of its own
    ("Matthew Brown and Lindsay Whitehurst") is no lead, so it is passed over when a later
    paragraph opens with a sentence.
    """
    leads = [_first_sentence(text, start, end) for start, end in paragraph_spans(text)]
    lead = next((s for s in leads if _SENTENCE.search(s) and len(s.split()) >= LEAD_WORDS), "")
    lead = lead or next(iter(leads), "")
    if len(lead) <= LEAD_CHARS:
        return lead
    return lead[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"


def _first_sentence(text: str, start: int, end: int) -> str:
    spans = sentence_spans(text, start, end)
    return text[spans[0][0] : spans[0][1]] if spans else text[start:end]


def empty_period(news: News) -> str:
    """Return the sentence saying a period has no articles."""
    if news.start == news.end:
        return f"Nothing in the coverage was published on {news.start.isoformat()}."
    return (
        f"Nothing in the coverage was published between {news.start.isoformat()} and "
        f"{news.end.isoformat()}."
    )


def _item(article: Article) -> NewsItem:
    return NewsItem(
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        url=article.url,
        lead=lead_sentence(article.text),
        source=article.source,
    )
