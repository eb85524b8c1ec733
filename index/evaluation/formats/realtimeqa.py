"""RealTime QA: a folder of weeks, each ``W_qa.jsonl``, ``W_gold.jsonl`` and ``W_gcs.jsonl``.

The corpus is every article of the folder (gold articles and search results, one per URL with any
``#fragment`` dropped; a gold article's text wins over a search result's for the same URL, since
search results are sometimes a page's advertising). The questions are those with a gold article;
the answer string is the text of the correct choice; a question is asked on its ``question_date``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from index.evaluation.dataset import Dataset, Question, make_dataset, strip_fragment
from index.records import ArticleRecord
from index.text.dates import parse_when

NAME = "realtimeqa"
_DATE = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})")


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _weeks(folder: Path) -> list[str]:
    weeks = sorted(p.name.removesuffix("_qa.jsonl") for p in folder.glob("*_qa.jsonl"))
    if not weeks:
        raise ValueError(f"{folder} holds no RealTime QA week (no *_qa.jsonl file)")
    return weeks


def _iso_date(value: Any) -> str | None:
    match = _DATE.match(str(value or ""))
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _asked(value: Any) -> dt.datetime | None:
    day = _iso_date(value)
    return parse_when(day) if day is not None else None


def _title_from_url(url: str) -> str:
    parts = [p for p in urlsplit(url).path.split("/") if p and p not in ("index.html", "index")]
    slug = parts[-1] if parts else urlsplit(url).netloc
    return slug.removesuffix(".html").replace("-", " ").replace("_", " ").strip() or url


def _record(result: dict[str, Any], title: str | None) -> ArticleRecord:
    url = strip_fragment(str(result["url"]))
    authors = result.get("authors") or []
    return ArticleRecord(
        url=url,
        title=title or result.get("title") or _title_from_url(url),
        text=str(result.get("text") or ""),
        outlet=urlsplit(url).netloc.removeprefix("www.") or None,
        author=", ".join(str(a) for a in authors if a) or None,
        published=_iso_date(result.get("publish_date")),
    )


def _answer(row: dict[str, Any]) -> tuple[tuple[str, ...], ...]:
    choices = row.get("choices") or []
    picked = [choices[int(i)] for i in row.get("answer") or [] if 0 <= int(i) < len(choices)]
    return tuple((str(choice),) for choice in picked)


def read(path: Path, corpus_dir: Path | None = None) -> Dataset:
    """Read a RealTime QA folder of weeks into a data set."""
    del corpus_dir  # the corpus is the folder's own articles
    gold_results: list[dict[str, Any]] = []
    search_results: list[dict[str, Any]] = []
    questions: list[Question] = []
    for week in _weeks(path):
        gold = {
            row["question_id"]: row.get("search_result") or []
            for row in _lines(path / f"{week}_gold.jsonl")
        }
        gcs = path / f"{week}_gcs.jsonl"
        if gcs.exists():
            for row in _lines(gcs):
                search_results.extend(r for r in row.get("search_result") or [] if r.get("url"))
        for row in _lines(path / f"{week}_qa.jsonl"):
            found = [r for r in gold.get(row["question_id"], []) if r.get("url")]
            if not found:
                continue
            gold_results.extend(found)
            questions.append(
                Question(
                    text=str(row["question_sentence"]),
                    qid=str(row["question_id"]),
                    gold_urls=frozenset(strip_fragment(str(r["url"])) for r in found),
                    answers=_answer(row),
                    asked=_asked(row.get("question_date")),
                )
            )
    titles = {strip_fragment(str(r["url"])): r.get("title") for r in search_results}
    records = [_record(r, titles.get(strip_fragment(str(r["url"])))) for r in gold_results]
    records += [_record(r, None) for r in search_results]
    return make_dataset(NAME, records, questions)
