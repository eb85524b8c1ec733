"""What a data-set reader produces: article records to index and questions with their gold."""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from index.corpus.reader import MIN_TEXT_CHARS, normalize_text
from index.records import ArticleRecord

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Question:
    """A question and what counts as finding and answering it."""

    text: str
    qid: str = ""
    gold_urls: frozenset[str] = frozenset()
    """URLs of the articles (or passages) that answer the question."""
    gold_quotes: tuple[str, ...] = ()
    """Substrings of which a correct quote contains one (the ``qa-jsonl`` form of gold)."""
    answers: tuple[tuple[str, ...], ...] = ()
    """Groups of alternative answer strings; the quotes must contain one string of every group."""
    answerable: bool = True
    asked: dt.datetime | None = None
    """When the question was asked (None: undated, asked as of now)."""


@dataclass(frozen=True)
class Dataset:
    """Questions with gold, and either records to index or an existing corpus folder."""

    name: str
    questions: tuple[Question, ...]
    records: tuple[ArticleRecord, ...] = ()
    """The articles to index; each has a ``url``, which gold articles are matched against."""
    corpus_dir: Path | None = None
    """A corpus folder to index as it is (``qa-jsonl``), instead of ``records``."""


HALVES = ("even", "odd")
"""A question's half: the parity of the CRC-32 of its gold article (else of its text)."""


def half_of(question: Question) -> str:
    """Return the half (``even`` or ``odd``) a question belongs to, stable across runs.

    Questions about one article fall in one half, so weights fitted on one half are reported on
    questions about other articles (``coverbot fit-sentence``, ``coverbot eval --half``).
    """
    key = min(question.gold_urls) if question.gold_urls else question.text
    return HALVES[zlib.crc32(key.encode("utf-8")) % 2]


def strip_fragment(url: str) -> str:
    """Return the URL without its ``#fragment``."""
    return url.split("#", 1)[0]


def content_key(text: str) -> str:
    """Return the key under which the engine treats two texts as the same article."""
    return " ".join(normalize_text(text).split()).lower()


def usable(text: str) -> bool:
    """Return whether the engine would index this text (it refuses near-empty articles)."""
    return len(normalize_text(text)) >= MIN_TEXT_CHARS


def dedupe_records(
    records: Iterable[ArticleRecord],
) -> tuple[tuple[ArticleRecord, ...], dict[str, str]]:
    """Drop repeated URLs and repeated texts; return the records kept and an alias map.

    The engine indexes a text once whatever its file, so a gold article whose text repeats another
    article's is found under the other URL: the alias map sends every dropped URL to the kept one.
    """
    kept: list[ArticleRecord] = []
    by_url: dict[str, ArticleRecord] = {}
    by_text: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for record in records:
        url = record.url or ""
        if url in by_url or not usable(record.text):
            continue
        key = content_key(record.text)
        if key in by_text:
            aliases[url] = by_text[key]
            continue
        by_url[url] = record
        by_text[key] = url
        kept.append(record)
    return tuple(kept), aliases


def remap_gold(question: Question, aliases: Mapping[str, str]) -> Question:
    """Return the question with its gold URLs sent through the alias map."""
    return replace(question, gold_urls=frozenset(aliases.get(u, u) for u in question.gold_urls))


def make_dataset(
    name: str, records: Iterable[ArticleRecord], questions: Iterable[Question]
) -> Dataset:
    """Return a data set whose records are unique and whose gold points at the kept records."""
    kept, aliases = dedupe_records(records)
    present = {record.url or "" for record in kept}
    remapped = tuple(remap_gold(q, aliases) for q in questions)
    missing = sum(1 for q in remapped if q.gold_urls and not q.gold_urls & present)
    if missing:
        log.warning("%s: %d questions have no gold article in the corpus", name, missing)
    log.info("%s: %d articles, %d questions", name, len(kept), len(remapped))
    return Dataset(name=name, questions=remapped, records=kept)


def as_offtopic(dataset: Dataset, corpus_dir: Path) -> Dataset:
    """Return the data set's questions, all marked unanswerable, asked against ``corpus_dir``.

    Used to measure abstention: questions about other news should be refused by a corpus that
    does not cover them, so the share answered should be near zero.
    """
    questions = tuple(
        replace(q, gold_urls=frozenset(), gold_quotes=(), answers=(), answerable=False)
        for q in dataset.questions
    )
    return Dataset(name=f"{dataset.name}-offtopic", questions=questions, corpus_dir=corpus_dir)


CASES: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "title": str.title,
    "upper": str.upper,
}
"""How ``--case`` retypes each question: members write in lower case, Title Case or capitals."""


def recased(dataset: Dataset, case: str) -> Dataset:
    """Return the data set with every question's text retyped in a case of ``CASES``."""
    retype = CASES[case]
    return replace(
        dataset, questions=tuple(replace(q, text=retype(q.text)) for q in dataset.questions)
    )
