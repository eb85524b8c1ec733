"""Turn a fetched HTML page into an article (headline, byline, date, outlet, main text)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from yarl import URL

from index.formats import ArticleFileError, clean_field, extract_html, html_paragraphs
from index.ingest.errors import NotAnArticleError, TooShortError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractedArticle:
    """What trafilatura found in a page; ``text`` has one blank line between paragraphs."""

    title: str
    text: str
    url: str
    outlet: str | None = None
    author: str | None = None
    published: str | None = None


def extract_article(html: bytes | str, url: str, min_chars: int) -> ExtractedArticle:
    """Extract the main article of ``html`` (blocking: run it in a thread).

    Raises ``NotAnArticleError`` when there is no headline or text, ``TooShortError`` when the
    text is shorter than ``min_chars`` (a paywall stub, a teaser, an index page).
    """
    try:
        doc = extract_html(html, url=url, favor_precision=True)
    except ArticleFileError:
        log.exception("trafilatura failed on %s", url)
        raise NotAnArticleError("not an article: the page could not be read") from None
    if doc is None:
        raise NotAnArticleError("not an article: no main text found on the page")
    title = clean_field("title", doc.get("title"))
    if not title:
        raise NotAnArticleError("not an article: the page has no headline")
    text = paragraphs(doc.get("text") or "", title)
    if not text:
        raise NotAnArticleError("not an article: no main text found on the page")
    if len(text) < min_chars:
        raise TooShortError(len(text), min_chars)
    return ExtractedArticle(
        title=title,
        text=text,
        url=url,
        outlet=clean_field("outlet", doc.get("sitename") or URL(url).host),
        author=clean_field("author", doc.get("author")),
        published=clean_field("published", doc.get("date")),
    )


def paragraphs(raw: str, title: str) -> str:
    """Return the text with one paragraph per block, without a leading copy of the headline."""
    return html_paragraphs(raw, title)

