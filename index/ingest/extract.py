"""Turn a fetched HTML page into an article record (headline, byline, date, outlet, main text)."""

from __future__ import annotations

import logging
from dataclasses import replace

from yarl import URL

from index.corpus.formats import ArticleFileError, clean_field, html_record
from index.ingest.errors import NotAnArticleError, TooShortError
from index.records import ArticleRecord

log = logging.getLogger(__name__)


def extract_article(html: bytes | str, url: str, min_chars: int) -> ArticleRecord:
    """Extract the main article of ``html`` (blocking: run it in a thread).

    The record always has a title and ``url``; its outlet falls back to the URL's host.
    Raises ``NotAnArticleError`` when there is no headline or text, ``TooShortError`` when the
    text is shorter than ``min_chars`` (a paywall stub, a teaser, an index page).
    """
    try:
        record = html_record(html, url=url, favor_precision=True)
    except ArticleFileError:
        log.exception("trafilatura failed on %s", url)
        raise NotAnArticleError("not an article: the page could not be read") from None
    if record is None:
        raise NotAnArticleError("not an article: no main text found on the page")
    if not record.title:
        raise NotAnArticleError("not an article: the page has no headline")
    if not record.text:
        raise NotAnArticleError("not an article: no main text found on the page")
    if len(record.text) < min_chars:
        raise TooShortError(len(record.text), min_chars)
    outlet = record.outlet or clean_field("outlet", URL(url).host)
    return replace(record, url=url, outlet=outlet)
