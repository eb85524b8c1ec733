"""Golden records: what one answer pins, written byte-stable, and differences told per question."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from index.evaluation.dataset import Question
from index.evaluation.golden import differences, golden_row, golden_text
from index.evaluation.golden_sets import UNDATED_ASKED, GoldenSet, read_sets
from index.evaluation.metrics import Outcome
from index.records import Answer, Hit, News, NewsItem
from tests.articles import REPO
from tests.hits import make_hit

GOLDEN = REPO / "tests" / "golden"
QUESTION = Question("How much did the sheriff's office pay?", qid="q1", gold_quotes=("$700",))


def _hit(quote: str, source: str, paragraph: int, bold: tuple[int, int]) -> Hit:
    return make_hit(
        quote, (bold,), sentences=((0, len(quote)),), source=source, paragraph=paragraph,
        score=0.123456789,
    )


def _answered() -> Answer:
    quote = "It paid “about” $700. Then more."
    first = _hit(quote, "a.md", 3, (0, quote.index(" Then")))
    second = _hit("Other text.", "b.md", 1, (0, 11))
    return Answer(QUESTION.text, hits=(first, second), unmentioned=("Wyden",))


def test_an_answer_pins_its_bold_sentence_places_and_unmentioned_names() -> None:
    """The first quote's bold sentence, each quote's file#paragraph and the notes are recorded."""
    outcome = Outcome(answerable=True, abstained=False, gold_rank=1, answer_rank=1)
    row = golden_row(QUESTION, _answered(), outcome)
    assert row["refused"] is False and row["reason"] is None
    assert row["bold"] == "It paid “about” $700."
    assert row["shown"] == ["a.md#3", "b.md#1"]
    assert row["unmentioned"] == ["Wyden"]
    assert (row["gold_rank"], row["answer_rank"]) == (1, 1)
    assert not any(isinstance(value, float) for value in row.values())


def test_a_refusal_pins_its_reason_and_no_quotes() -> None:
    """A refused question records the reason a member reads and nothing shown."""
    answer = Answer(QUESTION.text, (), True, "The coverage does not mention Oracle.")
    row = golden_row(QUESTION, answer, Outcome(answerable=True, abstained=True))
    assert row["refused"] is True
    assert row["reason"] == "The coverage does not mention Oracle."
    assert row["shown"] == [] and row["bold"] is None and row["gold_rank"] is None


def test_a_period_question_pins_the_articles_listed() -> None:
    """A question answered by a period's news records its articles, newest first."""
    item = NewsItem("Title", None, "2026-10-15", None, "Lead.", "b.md")
    news = News(dt.date(2026, 10, 12), dt.date(2026, 10, 18), (item,), 1)
    answer = Answer("what happened this week?", (), news=news)
    row = golden_row(QUESTION, answer, Outcome(answerable=True, abstained=False))
    assert row["news"] == ["b.md"]


def test_a_golden_file_is_sorted_json_lines_with_unicode_as_written() -> None:
    """Keys are sorted, curly quotes stay as written, every line ends with a newline."""
    outcome = Outcome(answerable=True, abstained=False, gold_rank=1, answer_rank=1)
    text = golden_text([golden_row(QUESTION, _answered(), outcome)] * 2)
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == 3
    keys = list(json.loads(lines[0]))
    assert keys == sorted(keys)
    assert "It paid “about” $700." in text
    assert text == golden_text([golden_row(QUESTION, _answered(), outcome)] * 2)


def test_differences_name_each_changed_question_and_field() -> None:
    """A change reads as the question and ``field: pinned -> now``; equal files have none."""
    pinned = golden_text([{"id": "1", "question": "a?", "refused": False, "gold_rank": 1}] * 2)
    now = golden_text(
        [
            {"id": "1", "question": "a?", "refused": False, "gold_rank": 1},
            {"id": "1", "question": "a?", "refused": True, "gold_rank": None},
            {"id": "3", "question": "c?", "refused": True, "gold_rank": None},
        ]
    )
    assert differences(pinned, pinned) == []
    changes = differences(pinned, now)
    assert changes[0].splitlines() == [
        "  [2] 1: a?",
        "      gold_rank: 1 -> null",
        "      refused: false -> true",
    ]
    assert changes[1] == "  [3] 3: c?  (new)"
    assert differences(now, pinned)[-1] == "  [3] 3: c?  (no longer asked)"


def test_undated_questions_are_asked_on_a_fixed_day() -> None:
    """A question without a date is asked at ``UNDATED_ASKED``, one with a date on its date."""
    seed = GoldenSet("s", "qa-jsonl", "tests/data/seed_questions.jsonl", "corpus")
    assert {q.asked for q in seed.dataset(REPO).questions} == {UNDATED_ASKED}
    developing = GoldenSet(
        "d", "qa-jsonl", "tests/data/developing/questions.jsonl", "tests/data/developing/corpus"
    )
    assert UNDATED_ASKED not in {q.asked for q in developing.dataset(REPO).questions}


def test_a_conversation_turn_follows_the_earlier_turns() -> None:
    """Each turn is asked after the questions before it in its conversation, named cid/n."""
    spec = GoldenSet("c", "conversations", "tests/data/seed_conversations.jsonl", "corpus")
    asked = spec.asked(REPO)
    first, second, third = asked[:3]
    assert first[0].qid.endswith("/1") and first[1] == ()
    assert second[1] == (first[0].text,)
    assert third[1] == (first[0].text, second[0].text)
    assert spec.dataset(REPO).questions == ()


def test_the_manifest_lists_each_pinned_file_once() -> None:
    """Every set has its golden file, and every golden file belongs to a set."""
    sets = read_sets(GOLDEN / "sets.json")
    assert {spec.name for spec in sets} == {path.stem for path in GOLDEN.glob("*.jsonl")}
    for spec in sets:
        assert spec.available(REPO) or spec.questions.startswith("../shared/"), spec.name


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([{"name": "a", "format": "qa-jsonl", "questions": "q", "seed": 3}], "unknown keys"),
        ([{"name": "a", "format": "qa-jsonl", "questions": "q", "case": "odd"}], "case"),
        ([{"name": "a", "format": "f", "questions": "q"}] * 2, "share a name"),
        ([{"name": "a", "format": "conversations", "questions": "q"}], "need a corpus"),
    ],
)
def test_a_bad_manifest_is_refused_with_its_reason(
    tmp_path: Path, rows: list[dict[str, object]], message: str
) -> None:
    """Unknown keys, an unknown case and two sets of one name are errors, not silent."""
    manifest = tmp_path / "sets.json"
    manifest.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        read_sets(manifest)
