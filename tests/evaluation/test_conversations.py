"""``coverbot eval conversations``: follow-ups scored in context beside the two baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coverbot.cli import main
from index.evaluation.conversations import (
    READ,
    Turn,
    asked_as,
    figures,
    judge_turn,
    methods_of,
    read_conversations,
)
from index.records import Answer, Hit
from tests.hits import make_hit

REPO = Path(__file__).resolve().parents[2]
SEED_CONVERSATIONS = REPO / "tests" / "data" / "seed_conversations.jsonl"


def _hit(quote: str, bold: str) -> Hit:
    return make_hit(quote, bold=bold, sentences=())


@pytest.mark.parametrize("name", ["seed_conversations", "realtimeqa_conversations"])
def test_every_dev_conversation_reads_and_has_follow_ups(name: str) -> None:
    """Both dev sets are well formed: 25 or more, 2 to 4 dated turns, some to refuse."""
    conversations = read_conversations(REPO / "tests" / "data" / f"{name}.jsonl")
    assert len(conversations) >= 25
    assert all(2 <= len(c.turns) <= 4 for c in conversations)
    assert all(t.asked is not None for c in conversations for t in c.turns)
    assert any(t.abstain for c in conversations for t in c.turns[1:])
    assert all(t.gold for c in conversations for t in c.turns if not t.abstain)
    assert all(t.reading for c in conversations for t in c.turns[1:])


def test_a_hand_reading_is_asked_alone_as_a_fourth_way(tmp_path: Path) -> None:
    """A follow-up with a hand-written reading is also asked as that reading, by itself."""
    path = tmp_path / "r.jsonl"
    row = {"id": "r", "turns": [{"q": "What did IBM announce?"},
                                {"q": "why?", "reading": " Why did IBM quit? ", "gold": ["x"]}]}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    first, follow_up = read_conversations(path)[0].turns
    assert (first.reading, follow_up.reading) == (None, "Why did IBM quit?")
    assert methods_of(first) == ("context", "alone", "glued")
    assert methods_of(follow_up) == ("context", "alone", "glued", READ)
    assert asked_as(READ, (first, follow_up), 1) == ("Why did IBM quit?", ())
    with pytest.raises(ValueError, match="no reading"):
        asked_as(READ, (follow_up, first), 1)
    row["turns"][1]["reading"] = ["Why did IBM quit?"]
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="r.jsonl:1: a turn's reading is a question as text"):
        read_conversations(path)


def test_a_malformed_line_is_named(tmp_path: Path) -> None:
    """A line without turns is reported with its file and line number."""
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "turns": [{"q": "Who?"}]}\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.jsonl:2"):
        read_conversations(path)


def test_each_method_asks_its_own_question() -> None:
    """In context: the follow-up with the earlier turns; alone; glued to the previous turn."""
    turns = (Turn("What did IBM announce?"), Turn("why?"))
    assert asked_as("context", turns, 1) == ("why?", ("What did IBM announce?",))
    assert asked_as("alone", turns, 1) == ("why?", ())
    assert asked_as("glued", turns, 1) == ("What did IBM announce? why?", ())


def test_bold_counts_only_the_first_quotes_bold_sentence() -> None:
    """answer@3 looks at three quotes; bold@1 at the first quote's bold sentence only."""
    turn = Turn("why?", ("mass surveillance",))
    hits = (_hit("Other. Text.", "Other."), _hit("A. Over mass surveillance.", "A."))
    outcome = judge_turn("context", turn, Answer("why?", hits))
    assert outcome.answered and not outcome.bold
    refused = judge_turn("alone", Turn("and Google?", (), True), Answer("x", (), True, "no"))
    assert refused.abstained and not refused.answerable
    table = figures("context", [outcome])
    assert (table.answer_at_3, table.bold_at_1, table.refused_answerable) == (1.0, 0.0, 0.0)


@pytest.mark.usefixtures("embedder")
def test_command_reports_the_three_methods(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command asks the follow-ups three ways and says self-contained ones are unchanged."""
    path = tmp_path / "c.jsonl"
    rows = [
        {
            "id": "1",
            "turns": [
                {"q": "What did IBM announce?", "gold": ["IBM said"]},
                {"q": "what about Microsoft?", "gold": ["Microsoft"],
                 "reading": "What did Microsoft announce?"},
                {"q": "and Google?", "gold": [], "abstain": True},
            ],
        },
        {
            "id": "2",
            "turns": [
                {"q": "What did Amazon announce?", "gold": []},
                {"q": "Who is Ron Wyden?", "gold": ["Sen. Ron Wyden"]},
            ],
        },
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    args = [
        "eval",
        "conversations",
        str(path),
        "--corpus",
        str(REPO / "corpus"),
        "--workdir",
        str(tmp_path / "work"),
        "--json",
    ]
    assert main(args) == 0
    report = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert report["follow_ups"] == 3
    assert report["context"]["refused_to_refuse"] == 1.0
    assert report["context"]["answer@3"] == 1.0
    assert (report["self_contained"], report["unchanged"]) == (1, 1)
    assert set(report) >= {"alone", "glued", "read"}
    assert report["read"]["answerable"] == 1  # only the turn with a reading is asked so


def test_of_needs_a_format_and_a_path(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """`--of` without FORMAT:PATH is a usage error naming the option."""
    args = ["eval", "conversations", str(SEED_CONVERSATIONS), "--of", "realtimeqa"]
    assert main([*args, "--workdir", str(tmp_path)]) == 2
    assert "--of 'realtimeqa'" in caplog.text
