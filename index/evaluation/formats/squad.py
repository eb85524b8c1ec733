"""SQuAD v1.1 JSON (and XQuAD): the corpus is the paragraphs, one article each.

Each paragraph becomes an article titled with its Wikipedia title; a question's gold is its
paragraph, and its answer strings are the annotated spans (any one of them counts).
"""

from __future__ import annotations

import json
from pathlib import Path

from index.evaluation.dataset import Dataset, Question, make_dataset
from index.records import ArticleRecord

NAME = "squad"


def paragraph_url(number: int) -> str:
    """Return the identifier given to the paragraph numbered ``number`` (from 1)."""
    return f"urn:coverbot-eval:squad:paragraph:{number}"


def read(path: Path, corpus_dir: Path | None = None) -> Dataset:
    """Read a SQuAD v1.1 JSON file into a data set."""
    del corpus_dir  # the corpus is the file's own paragraphs
    data = json.loads(path.read_text(encoding="utf-8"))
    records: list[ArticleRecord] = []
    questions: list[Question] = []
    for article in data["data"]:
        title = str(article.get("title") or "").replace("_", " ").strip() or "Untitled"
        for paragraph in article["paragraphs"]:
            url = paragraph_url(len(records) + 1)
            records.append(ArticleRecord(url=url, title=title, text=str(paragraph["context"])))
            for qa in paragraph["qas"]:
                alternatives = tuple(dict.fromkeys(str(a["text"]) for a in qa.get("answers", [])))
                questions.append(
                    Question(
                        text=str(qa["question"]),
                        qid=str(qa.get("id", "")),
                        gold_urls=frozenset({url}),
                        answers=(alternatives,) if alternatives else (),
                    )
                )
    return make_dataset(NAME, records, questions)
