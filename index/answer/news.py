"""What's new: a question about a period with no subject lists that period's articles (pure).

"What happened this week?", "any news today?" or "what's the latest?" name a time and nothing
else: no quote answers them, and refusing them ("the coverage does not mention what this
question is about") leaves the member with nothing. They are answered with the coverage's
articles published in that period (``index/question/period.py`` reads it), newest first, each
with its title, outlet, date and lead sentence verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from index.question.period import TimeFrame
from index.records import Article, News, NewsItem
from index.text.dates import published_days
from index.text.sentences import paragraph_spans, sentence_spans

NEWS_ITEMS = 10
"""Articles listed at most: a page a member reads at a glance."""
LEAD_CHARS = 400
"""A lead sentence longer than this (a paragraph with no full stop) is cut at a word."""

LEAD_WORDS = 6
"""A lead sentence has at least this many words (a byline or credit line has fewer)."""
_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")


def news_of(
    articles: Sequence[Article],
    frame: TimeFrame,
    limit: int = NEWS_ITEMS,
    days: npt.NDArray[np.int64] | None = None,
) -> News:
    """Return the articles published in the frame's period, newest first (ties: corpus order).

    ``days`` are the articles' publication day ordinals (``published_days``), when known: then
    only the articles listed are read.
    """
    if days is None:
        days = published_days([a.published for a in articles])
    first, last = frame.start.toordinal(), frame.end.toordinal()
    inside = np.flatnonzero((days >= max(first, 1)) & (days <= last)).tolist()
    inside.sort(key=lambda at: (-int(days[at]), at))
    items = tuple(_item(articles[at]) for at in inside[:limit])
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
