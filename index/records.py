"""Frozen records that cross the engine's boundary: articles, passages, hits, answers, reports."""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True)
class ArticleRecord:
    """One article's text and metadata: what a file, a fetched page or a data set gives.

    Metadata fields are capped single lines (``index.corpus.formats.clean_field``) or ``None``.
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None

    def as_record(self) -> dict[str, str]:
        """Return the fields as a corpus record lists them (absent ones left out, text last)."""
        fields = {name: getattr(self, name) for name in RECORD_FIELDS}
        return {key: value for key, value in fields.items() if value is not None}


RECORD_FIELDS = ("title", "outlet", "author", "published", "url", "text")
"""The fields of an article record, in the order a corpus record lists them."""


@dataclass(frozen=True, kw_only=True)
class Article(ArticleRecord):
    """One article of the coverage, as read from a corpus file: a record with its place."""

    title: str
    """The record's title, or the start of its first line when it has none."""
    source: str
    """Path of the file relative to the corpus folder (plus ``#n`` for a record of a JSON file)."""
    content_hash: str = ""
    """sha256 of the text: two files with the same text are the same article."""


@dataclass(frozen=True, slots=True)
class Passage:
    """A run of whole sentences of one article, located by exact character offsets.

    A passage holds no text of its own: ``text`` is sliced from its article's text when asked
    for, and its sentence spans are kept packed, so an index's passages take little memory
    beyond their articles' texts. Build one with :meth:`of`.
    """

    article: int
    """Position of the article in the index's article table."""
    start: int
    end: int
    paragraph: int
    """1-based number of the paragraph the passage starts in."""
    article_text: str = field(repr=False)
    """The whole text of the passage's article (shared with the article, not a copy)."""
    spans: bytes = field(repr=False)
    """The sentence spans relative to the passage text, packed as C ints (see ``sentences``)."""

    @classmethod
    def of(
        cls,
        article: int,
        start: int,
        end: int,
        paragraph: int,
        article_text: str,
        sentences: Sequence[Span],
    ) -> Passage:
        """Return the passage ``article_text[start:end]`` with its relative sentence spans."""
        return cls(article, start, end, paragraph, article_text, pack_spans(sentences))

    @property
    def text(self) -> str:
        """Return exactly ``article.text[start:end]``."""
        return self.article_text[self.start : self.end]

    @property
    def sentences(self) -> tuple[Span, ...]:
        """Return the sentence spans relative to the passage text."""
        flat = array(SPAN_TYPECODE, self.spans)
        return tuple(zip(flat[::2], flat[1::2], strict=True))

    @property
    def sentence_count(self) -> int:
        """Return the number of sentences of the passage."""
        return len(self.spans) // (2 * SPAN_ITEM_BYTES)


SPAN_TYPECODE = "i"
"""``array`` type of a packed span bound: a C int (``numpy.intc``)."""
SPAN_ITEM_BYTES = array(SPAN_TYPECODE).itemsize


def pack_spans(spans: Sequence[Span]) -> bytes:
    """Return spans packed as ``Passage.spans`` keeps them."""
    return array(SPAN_TYPECODE, [bound for span in spans for bound in span]).tobytes()


@dataclass(frozen=True)
class Hit:
    """One quoted passage of an answer, with its source and why it ranked."""

    quote: str
    """The passage, widened to whole paragraphs where it cut one: verbatim article text."""
    highlight: tuple[Span, ...]
    """Spans of ``quote`` (the best-answering sentences) that a front end may bold."""
    sentences: tuple[Span, ...]
    """Spans of the sentences of ``quote``, for a front end that trims it to whole sentences."""
    title: str
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    source: str
    paragraph: int
    start: int
    end: int
    score: float
    dense_score: float
    lexical_score: float

    @property
    def highlighted_text(self) -> str:
        """Return the highlighted sentences joined by a space."""
        return " ".join(self.quote[a:b] for a, b in self.highlight)


@dataclass(frozen=True)
class Answer:
    """What the engine says to a question: quoted hits, or an abstention with its reason."""

    question: str
    hits: tuple[Hit, ...]
    abstained: bool = False
    reason: str | None = None
    closest_titles: tuple[str, ...] = ()
    """On abstention, the titles of the articles that came closest, for the user to browse."""
    more: tuple[Hit, ...] = ()
    """Further hits after the first ``k``, for a front end's "More" button."""
    unmentioned: tuple[str, ...] = ()
    """Names the question asks about that the coverage mentions, but none of ``hits`` does: the
    quotes are the closest passages, not an answer about them; a front end should say so."""
    asked_at: dt.datetime | None = None
    """When the question was asked: nothing published later is quoted."""
    latest_published: dt.date | None = None
    """Publication date of the newest article among the hits (None when none is dated), so a
    front end can say how fresh the coverage of the subject is."""
    read_as: str | None = None
    """The question as the engine read it when earlier turns changed it (a follow-up read in
    context, ``index/question/followup.py``); None when it was asked as written."""
    news: News | None = None
    """For a question about a period with no subject ("what happened this week?"): the
    coverage's articles of that period, newest first, instead of quotes
    (``index/answer/news.py``)."""

    @classmethod
    def refusal(
        cls,
        question: str,
        reason: str,
        *,
        closest_titles: Sequence[str] = (),
        asked_at: dt.datetime | None = None,
        news: News | None = None,
    ) -> Answer:
        """Return an abstention: no quote, the reason a member reads, and where to look instead."""
        return cls(
            question,
            (),
            abstained=True,
            reason=reason,
            closest_titles=tuple(closest_titles),
            asked_at=asked_at,
            news=news,
        )


@dataclass(frozen=True)
class NewsItem:
    """One article of a period's news: enough to cite it, and its lead sentence verbatim."""

    title: str
    outlet: str | None
    published: str | None
    url: str | None
    lead: str
    """The article's first sentence, as written."""
    source: str


@dataclass(frozen=True)
class News:
    """The coverage's articles published in a period, newest first (at most a page of them)."""

    start: dt.date
    end: dt.date
    items: tuple[NewsItem, ...]
    total: int
    """How many articles the period has (``items`` may list fewer)."""


@dataclass(frozen=True)
class FileFailure:
    """A corpus file that could not be indexed, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class BuildReport:
    """What a build or rebuild did."""

    version: str
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]
    failed: tuple[FileFailure, ...]
    duplicates: tuple[str, ...]
    articles: int
    passages: int
    embedded: int
    """Passages whose vectors had to be computed (the rest came from the cache)."""
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: tuple[FileFailure, ...] = ()
    """Articles indexed with something doubtful, by source (a date that names no day or is
    in the future)."""

    @property
    def total_seconds(self) -> float:
        """Return the wall time of the whole build."""
        return self.seconds.get("total", sum(self.seconds.values()))


@dataclass(frozen=True)
class ArticleInfo:
    """An article as listed to users: enough to cite it."""

    source: str
    title: str
    outlet: str | None
    published: str | None
    url: str | None
    passages: int


@dataclass(frozen=True)
class IndexInfo:
    """What the serving index is."""

    version: str
    built_at: str
    model: str
    model_hash: str
    dimension: int
    index_kind: str
    articles: int
    passages: int
    path: str
    size_bytes: int
