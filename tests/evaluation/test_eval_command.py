"""``coverbot eval`` through the CLI: a fake engine for the output, the real one end to end."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coverbot.cli import main
from index.records import Answer, Hit
from tests.hits import make_hit

REPO = Path(__file__).resolve().parents[2]
SEED_QA = REPO.parent / "shared" / "eval" / "seed-qa-examples.jsonl"


def _hit(quote: str) -> Hit:
    return make_hit(quote, sentences=((0, len(quote)),))


class FakeEngine:
    """Answers from a table: quotes for known questions, abstention otherwise."""

    def __init__(self, answers: dict[str, tuple[str, ...]]):
        self.answers = answers
        self.asked: list[tuple[str, int]] = []
        self.times: list[object] = []

    def ask(self, question: str, k: int = 3, asked_at: object = None) -> Answer:
        """Return the canned answer of a question, or an abstention."""
        self.asked.append((question, k))
        self.times.append(asked_at)
        quotes = self.answers.get(question)
        if quotes is None:
            return Answer(question, hits=(), abstained=True, reason="not covered")
        hits = tuple(_hit(q) for q in quotes)
        return Answer(question, hits=hits[:k], more=hits[k:])


@pytest.fixture
def qa_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("An article about Amazon Rekognition and the ACLU.\n")
    questions = tmp_path / "qa.jsonl"
    rows = [
        {"q": "first", "gold": ["right answer"], "asked": "2022-09-08"},
        {"q": "second", "gold": ["deep answer"]},
        {"q": "third", "gold": ["never found"]},
        {"q": "offtopic", "gold": [], "abstain": True},
    ]
    questions.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return questions, corpus


@pytest.fixture
def fake_engine(monkeypatch):
    engine = FakeEngine(
        {
            "first": ("the right answer here", "other"),
            "second": ("a", "b", "c", "d", "e", "f", "the deep answer"),
        }
    )
    monkeypatch.setattr("index.evaluation.runner.open_engine", lambda *a, **k: engine)
    return engine


def test_json_output_is_the_last_line_with_every_figure(qa_files, fake_engine, tmp_path, capsys):
    """--json prints one object last with recall@k, mrr@10, answer@k and abstention shares."""
    questions, corpus = qa_files
    argv = ["eval", "qa-jsonl", str(questions), "--corpus", str(corpus), "--json"]
    assert main([*argv, "--workdir", str(tmp_path / "work")]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["questions"] == 4
    assert figures["recall@1"] == pytest.approx(1 / 3)
    assert figures["recall@5"] == pytest.approx(1 / 3)
    assert figures["recall@10"] == pytest.approx(2 / 3)
    assert figures["mrr@10"] == pytest.approx((1 + 1 / 7) / 3)
    assert figures["answer@10"] == pytest.approx(2 / 3)
    assert figures["abstained"] == pytest.approx(1 / 3)
    assert figures["abstain_correct"] == 1.0
    assert {k for _, k in fake_engine.asked} == {10}


def test_table_output_and_limit(qa_files, fake_engine, tmp_path, capsys):
    """Without --json a table is printed; --limit asks only the first questions."""
    questions, corpus = qa_files
    argv = ["eval", "qa-jsonl", str(questions), "--corpus", str(corpus), "--limit", "2"]
    assert main([*argv, "--k", "1,5", "--workdir", str(tmp_path / "work")]) == 0
    out = capsys.readouterr().out
    assert "2 questions" in out
    assert "recall" in out and "@5" in out and "mrr@10" in out
    assert [q for q, _ in fake_engine.asked] == ["first", "second"]


@pytest.mark.parametrize(("case", "asked"), [("upper", "FIRST"), ("title", "First")])
def test_case_retypes_every_question(qa_files, fake_engine, tmp_path, capsys, case, asked):
    """--case asks each question as a member typing in capitals or Title Case would."""
    questions, corpus = qa_files
    argv = ["eval", "qa-jsonl", str(questions), "--corpus", str(corpus), "--case", case]
    assert main([*argv, "--workdir", str(tmp_path / "work")]) == 0
    assert fake_engine.asked[0][0] == asked
    assert f"typed in {case} case" in capsys.readouterr().out


def test_details_file_has_one_line_per_question(qa_files, fake_engine, tmp_path):
    """--details writes each question's ranks, abstention and hits as a JSON line."""
    questions, corpus = qa_files
    details = tmp_path / "details.jsonl"
    argv = ["eval", "qa-jsonl", str(questions), "--corpus", str(corpus), "--details", str(details)]
    assert main([*argv, "--workdir", str(tmp_path / "work")]) == 0
    rows = [json.loads(line) for line in details.read_text().splitlines()]
    assert [r["question"] for r in rows] == ["first", "second", "third", "offtopic"]
    assert (rows[0]["gold_rank"], rows[1]["gold_rank"]) == (1, 7)
    assert rows[2]["abstained"] and rows[2]["reason"] == "not covered"
    assert len(rows[1]["hits"]) == 7
    assert (rows[0]["asked"], rows[1]["asked"]) == ("2022-09-08T00:00:00+00:00", None)


def test_a_question_is_asked_on_its_date(qa_files, fake_engine, tmp_path):
    """A qa-jsonl row's "asked" date reaches the engine; an undated row is asked as of now."""
    questions, corpus = qa_files
    argv = ["eval", "qa-jsonl", str(questions), "--corpus", str(corpus)]
    assert main([*argv, "--workdir", str(tmp_path / "work")]) == 0
    assert fake_engine.times[0] == datetime(2022, 9, 8, tzinfo=UTC)
    assert fake_engine.times[1:] == [None, None, None]


def test_an_unreadable_asked_date_is_a_usage_error(qa_files, fake_engine, tmp_path, caplog):
    """A row whose "asked" is not a date is refused, naming the file and line, before asking."""
    questions, corpus = qa_files
    questions.write_text(json.dumps({"q": "first", "gold": ["x"], "asked": "last week"}) + "\n")
    argv = ["eval", "qa-jsonl", str(questions), "--corpus", str(corpus)]
    assert main([*argv, "--workdir", str(tmp_path / "work")]) == 2
    assert "qa.jsonl:1" in caplog.text and "'last week' is not a date" in caplog.text
    assert fake_engine.asked == []


def test_bad_override_is_a_usage_error(qa_files, fake_engine, tmp_path):
    """An unknown --set key exits with the usage code before asking anything."""
    questions, corpus = qa_files
    argv = ["eval", "qa-jsonl", str(questions), "--corpus", str(corpus), "--set", "nope=1"]
    assert main([*argv, "--workdir", str(tmp_path / "work")]) == 2
    assert fake_engine.asked == []


@pytest.mark.model
@pytest.mark.skipif(not SEED_QA.is_file(), reason="needs ../shared/eval beside the checkout")
def test_seed_questions_end_to_end(embedder, tmp_path, capsys):
    """The real engine on the seed article finds the gold quotes and reports every key."""
    argv = ["eval", "qa-jsonl", str(SEED_QA), "--corpus", str(REPO / "corpus"), "--json"]
    assert main([*argv, "--workdir", str(tmp_path / "work")]) == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    for key in ("questions", "recall@1", "recall@5", "recall@10", "mrr@10", "answer@5"):
        assert key in figures
    assert "abstained" in figures and "abstain_correct" in figures
    assert figures["questions"] == 6
    assert figures["recall@5"] >= 0.8
