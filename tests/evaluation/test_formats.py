"""Each data-set reader on a tiny hand-made fixture in the real format."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from index.evaluation.dataset import as_offtopic
from index.evaluation.formats import read_dataset
from index.evaluation.formats.rgb import answer_groups, passage_url

LONG = " with enough words to be indexed as an article of the corpus."


def _jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _realtimeqa(folder: Path) -> Path:
    week = "20220617"
    _jsonl(
        folder / f"{week}_qa.jsonl",
        [
            {
                "question_id": f"{week}_0",
                "question_date": "2022/06/16",
                "question_sentence": "Which show was renewed?",
                "choices": ["Friends", "Squid Game"],
                "answer": ["1"],
            },
            {
                "question_id": f"{week}_1",
                "question_sentence": "A question without a gold article?",
                "choices": ["a", "b"],
                "answer": ["0"],
            },
        ],
    )
    gold_text = "Squid Game is coming back for a second season" + LONG
    _jsonl(
        folder / f"{week}_gold.jsonl",
        [
            {
                "question_id": f"{week}_0",
                "search_result": [
                    {
                        "url": "https://cnn.com/squid#frag",
                        "text": gold_text,
                        "authors": ["A. Writer"],
                        "publish_date": "2022/06/12",
                    }
                ],
            },
            {"question_id": f"{week}_1", "search_result": []},
        ],
    )
    _jsonl(
        folder / f"{week}_gcs.jsonl",
        [
            {
                "question_id": f"{week}_0",
                "search_result": [
                    {"url": "https://cnn.com/squid", "title": "Squid Game renewed", "text": "ad"},
                    {"url": "https://ex.com/a", "title": "A", "text": "Other news" + LONG},
                    {"url": "https://ex.com/a#x", "title": "A again", "text": "Other" + LONG},
                    {"url": "https://ex.com/copy", "title": "Copy", "text": gold_text.upper()},
                    {"url": "https://ex.com/empty", "title": "Empty", "text": ""},
                    {"url": "https://ex.com/notext", "title": "No text"},
                ],
            },
            {"question_id": f"{week}_1", "search_result": []},
        ],
    )
    return folder


def test_realtimeqa_keeps_gold_questions_and_every_article_once(tmp_path):
    """RealTime QA: questions with gold only; articles by URL without fragment, gold text first."""
    data = read_dataset("realtimeqa", _realtimeqa(tmp_path))
    assert [q.qid for q in data.questions] == ["20220617_0"]
    question = data.questions[0]
    assert question.gold_urls == {"https://cnn.com/squid"}
    assert question.answers == (("Squid Game",),)
    assert question.asked == datetime(2022, 6, 16, tzinfo=UTC)
    by_url = {r.url: r for r in data.records}
    assert set(by_url) == {"https://cnn.com/squid", "https://ex.com/a"}
    gold = by_url["https://cnn.com/squid"]
    assert gold.text.startswith("Squid Game is coming back")
    assert gold.title == "Squid Game renewed"
    assert gold.author == "A. Writer"
    assert gold.published == "2022-06-12"
    assert gold.outlet == "cnn.com"


def test_squad_makes_one_article_per_paragraph(tmp_path):
    """SQuAD: each paragraph is an article titled by its page; gold is the paragraph."""
    data = {
        "data": [
            {
                "title": "Super_Bowl_50",
                "paragraphs": [
                    {
                        "context": "The Panthers defense gave up just 308 points" + LONG,
                        "qas": [
                            {
                                "id": "q1",
                                "question": "How many points?",
                                "answers": [
                                    {"text": "308"},
                                    {"text": "308"},
                                    {"text": "308 points"},
                                ],
                            }
                        ],
                    },
                    {
                        "context": "Denver won the game" + LONG,
                        "qas": [
                            {"id": "q2", "question": "Who won?", "answers": [{"text": "Denver"}]}
                        ],
                    },
                ],
            }
        ]
    }
    path = tmp_path / "squad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    dataset = read_dataset("squad", path)
    assert len(dataset.records) == 2
    assert {r.title for r in dataset.records} == {"Super Bowl 50"}
    first, second = dataset.questions
    assert first.answers == (("308", "308 points"),)
    assert first.gold_urls == {dataset.records[0].url}
    assert second.gold_urls == {dataset.records[1].url}


def test_rgb_indexes_positive_and_negative_but_not_counterfactual(tmp_path):
    """RGB: positive and negative passages are the corpus, not positive_wrong; gold = positive."""
    rows = [
        {
            "id": 0,
            "query": "Super Bowl 2021 location",
            "answer": "Tampa, Florida",
            "positive": ["Played in Tampa, Florida" + LONG],
            "positive_wrong": ["Played in Glendale, Arizona" + LONG],
            "negative": ["Tickets for the Super Bowl" + LONG],
        },
        {
            "id": 1,
            "query": "When was it released?",
            "answer": [["July 21 2017", "Jul 21, 2017"]],
            "positive": ["Released on Jul 21, 2017" + LONG],
            "positive_wrong": [],
            "negative": ["Tickets for the Super Bowl" + LONG],
        },
    ]
    path = tmp_path / "en_fact.json"
    _jsonl(path, rows)
    dataset = read_dataset("rgb", path)
    texts = {r.text for r in dataset.records}
    assert len(dataset.records) == 3
    assert not any("Glendale" in t for t in texts)
    first, second = dataset.questions
    assert first.gold_urls == {passage_url("Played in Tampa, Florida" + LONG)}
    assert first.answers == (("Tampa, Florida",),)
    assert second.answers == (("July 21 2017", "Jul 21, 2017"),)


def test_rgb_answer_groups_accept_string_list_and_nested_list():
    """RGB answers: a string, a flat list (all required) or groups of alternatives."""
    assert answer_groups("x") == (("x",),)
    assert answer_groups(["x", "y"]) == (("x",), ("y",))
    assert answer_groups([["x", "x2"], ["y"]]) == (("x", "x2"), ("y",))
    assert answer_groups("") == ()


def test_qa_jsonl_reads_gold_substrings_and_abstain(tmp_path):
    """qa-jsonl: gold substrings become both gold and answer; abstain marks unanswerable."""
    path = tmp_path / "qa.jsonl"
    _jsonl(
        path,
        [
            {"q": "What is Rekognition?", "gold": ["a tool offered by Amazon"]},
            {"q": "What is the capital of Australia?", "gold": [], "abstain": True},
        ],
    )
    dataset = read_dataset("qa-jsonl", path, tmp_path / "corpus")
    assert dataset.corpus_dir == tmp_path / "corpus"
    answerable, refused = dataset.questions
    assert answerable.gold_quotes == ("a tool offered by Amazon",)
    assert answerable.answerable
    assert not refused.answerable
    assert refused.answers == ()


def test_offtopic_marks_every_question_unanswerable(tmp_path):
    """Off-topic mode keeps the questions, drops their gold and asks them against the corpus."""
    offtopic = as_offtopic(read_dataset("realtimeqa", _realtimeqa(tmp_path)), Path("corpus"))
    assert offtopic.corpus_dir == Path("corpus")
    assert offtopic.records == ()
    assert all(not q.answerable and not q.gold_urls for q in offtopic.questions)


def test_unknown_format_and_missing_path_are_refused(tmp_path):
    """An unknown format or a path that does not exist raises a readable error."""
    with pytest.raises(ValueError, match="unknown format"):
        read_dataset("csv", tmp_path)
    with pytest.raises(FileNotFoundError):
        read_dataset("squad", tmp_path / "missing.json")
