"""The developing-story set and the absent-attribute questions are well formed.

Every answer's gold is a verbatim piece of exactly the article the question is about (so a newer
article of the same story, sharing its names, never holds the older answer), every date parses,
and each story has at least three dated articles spread over three weeks or more.
"""

import datetime as dt
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from index.corpus.formats import parse_markdown
from index.evaluation.formats import qa_jsonl

DATA = Path(__file__).resolve().parents[1] / "data"
DEVELOPING = DATA / "developing"
CORPUS = DEVELOPING / "corpus"
QUESTIONS = DEVELOPING / "questions.jsonl"
ABSENT = DEVELOPING / "absent_attributes.jsonl"
SEED_ABSENT = DATA / "seed_absent_attributes.jsonl"
SEED_ARTICLE = (
    Path(__file__).resolve().parents[2] / "corpus" / "amazon-rekognition-police-moratorium.md"
)
KINDS = {"who", "when", "how many", "how much", "how long", "where", "what", "why"}


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def articles():
    return {
        path.name: parse_markdown(path.read_text(encoding="utf-8"))
        for path in sorted(CORPUS.glob("*.md"))
    }


@pytest.fixture(scope="module")
def stories(articles):
    grouped = defaultdict(list)
    for name, record in articles.items():
        grouped[name.split("-", 1)[0]].append(dt.date.fromisoformat(record.published))
    return {story: sorted(days) for story, days in grouped.items()}


def test_every_article_has_front_matter_and_a_wire_length(articles):
    assert len(articles) >= 9
    for name, record in articles.items():
        assert record.title and record.outlet and record.author, name
        assert record.url and record.url.startswith("https://example.org/"), name
        dt.date.fromisoformat(record.published)
        assert re.match(r"\A\s*[A-Z][A-Z ]+ — ", record.text), f"{name} has no dateline"
        assert 220 <= len(record.text.split()) <= 450, name


def test_each_story_has_three_articles_over_three_weeks(stories):
    assert len(stories) >= 3
    for story, days in stories.items():
        assert len(days) >= 3, story
        assert (days[-1] - days[0]).days >= 21, story


def test_every_gold_is_in_exactly_its_own_article(articles):
    rows = _rows(QUESTIONS)
    for row in rows:
        assert row["gold"], row["q"]
        for gold in row["gold"]:
            holders = [name for name, record in articles.items() if gold in record.text]
            assert holders == [row["article"]], (row["q"], gold, holders)


def test_questions_are_asked_the_day_after_the_newest_article(articles):
    newest = max(dt.date.fromisoformat(record.published) for record in articles.values())
    dataset = qa_jsonl.read(QUESTIONS, CORPUS)
    assert len(dataset.questions) >= 36
    for question in dataset.questions:
        assert question.answerable
        assert question.asked is not None
        assert question.asked.date() == newest + dt.timedelta(days=1), question.text


def test_most_questions_are_about_older_articles(articles, stories):
    rows = _rows(QUESTIONS)
    older = 0
    for row in rows:
        assert row["kind"] in KINDS, row["q"]
        published = dt.date.fromisoformat(articles[row["article"]].published)
        story_newest = stories[row["article"].split("-", 1)[0]][-1]
        older += published < story_newest
    assert older >= 0.75 * len(rows)
    assert older < len(rows)


def test_absent_attribute_questions_are_unanswerable_and_split_between_coverages(articles):
    developing = qa_jsonl.read(ABSENT, CORPUS).questions
    seed = qa_jsonl.read(SEED_ABSENT, SEED_ARTICLE.parent).questions
    assert len(developing) >= 15 and len(seed) >= 15
    assert len(developing) + len(seed) >= 30
    for path in (ABSENT, SEED_ABSENT):
        for row in _rows(path):
            assert row["abstain"] is True and row["gold"] == [], row["q"]
            assert row["kind"] == "absent-attribute", row["q"]
    assert all(not q.answerable for q in developing + seed)
    texts = {q.text.casefold() for q in developing}
    assert not texts & {q.text.casefold() for q in qa_jsonl.read(QUESTIONS, CORPUS).questions}
