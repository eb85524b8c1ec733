"""``coverbot eval conversations FILE``: follow-up turns in context beside two baselines.

The conversations are asked of the configured corpus (``--corpus``), or of the corpus of a data
set (``--of realtimeqa:../shared/eval/realtimeqa-dev``), built and cached exactly as ``coverbot
eval`` builds that data set, so a corpus embedded once is not embedded again.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from coverbot.errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from index.config import EngineConfig
from index.errors import CoverbotError
from index.evaluation.conversations import (
    METHODS,
    READ,
    Conversation,
    ConversationReport,
    TurnOutcome,
    asked_as,
    figures,
    judge_turn,
    methods_of,
    read_conversations,
    same_answer,
)
from index.evaluation.dataset import Dataset
from index.evaluation.formats import read_dataset
from index.evaluation.placement import place
from index.question.followup import read_in_context

log = logging.getLogger(__name__)


def dataset_of(args: argparse.Namespace, corpus: Path) -> Dataset:
    """Return the data set whose corpus the conversations are asked of."""
    if args.of is None:
        return Dataset(name="conversations", questions=(), corpus_dir=corpus)
    name, _, path = args.of.partition(":")
    if not path:
        raise ValueError(f"--of {args.of!r}: give FORMAT:PATH, e.g. realtimeqa:DIR")
    return read_dataset(name, Path(path), corpus)


def run_conversations(
    args: argparse.Namespace, config: EngineConfig, corpus: Path, workdir: Path
) -> int:
    """Ask every follow-up three ways (four with hand readings) and print the figures."""
    try:
        conversations = read_conversations(args.path)
        dataset = dataset_of(args, corpus)
    except (ValueError, OSError) as exc:
        log.error("cannot evaluate: %s", exc)
        return EXIT_USAGE
    from index.evaluation.runner import open_engine  # loads the engine and torch

    try:
        engine = open_engine(place(dataset, config, workdir))
        details = args.details.open("w", encoding="utf-8") if args.details else None
        try:
            report = _ask_all(engine, conversations[: args.limit], details)
        finally:
            if details is not None:
                details.close()
    except (CoverbotError, OSError) as exc:
        log.error("evaluation failed: %s", exc)
        return EXIT_ERROR
    if args.json:
        sys.stdout.write(json.dumps({"format": "conversations", **report.as_dict()}) + "\n")
    else:
        sys.stdout.write(format_report(f"conversations {args.path}", report))
    return EXIT_OK


def _ask_all(
    engine: Any, conversations: tuple[Conversation, ...], details: TextIO | None
) -> ConversationReport:
    outcomes: list[TurnOutcome] = []
    rules: Counter[str] = Counter()
    self_contained = unchanged = follow_ups = 0
    for conversation in conversations:
        turns = conversation.turns
        for index in range(1, len(turns)):
            follow_ups += 1
            turn = turns[index]
            answers = {}
            for method in methods_of(turn):
                question, after = asked_as(method, turns, index)
                answers[method] = engine.ask(question, k=3, asked_at=turn.asked, after=after)
                outcomes.append(judge_turn(method, turn, answers[method]))
            reading = read_in_context([t.q for t in turns[:index]], turn.q)
            rules[reading.rule] += 1
            if reading.rule == "alone":
                self_contained += 1
                unchanged += same_answer(answers["context"], answers["alone"])
            if details is not None:
                details.write(
                    json.dumps(_detail(conversation, index, reading.asked, answers)) + "\n"
                )
    read = (READ,) if any(o.method == READ for o in outcomes) else ()
    return ConversationReport(
        len(conversations),
        follow_ups,
        tuple(figures(method, outcomes) for method in (*METHODS, *read)),
        self_contained,
        unchanged,
        tuple(sorted(rules.items())),
    )


def _detail(conversation: Conversation, index: int, read_as: str, answers: dict) -> dict:
    turn = conversation.turns[index]
    return {
        "id": conversation.cid,
        "turn": index,
        "q": turn.q,
        "read_as": read_as,
        "gold": list(turn.gold),
        "abstain": turn.abstain,
        **{
            method: {
                "abstained": answer.abstained,
                "reason": answer.reason,
                "answer@3": judge_turn(method, turn, answer).answered,
                "bold@1": judge_turn(method, turn, answer).bold,
                "bold": answer.hits[0].highlighted_text if answer.hits else None,
                "titles": [h.title for h in answer.hits],
            }
            for method, answer in answers.items()
        },
    }


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_report(title: str, report: ConversationReport) -> str:
    """Return the figures as a small text table."""
    first = report.methods[0]
    lines = [
        f"{title}: {report.conversations} conversations, {report.follow_ups} follow-ups "
        f"({first.answerable} answerable, {first.to_refuse} to refuse)",
        f"{'':<12}{'answer@3':>10}{'bold@1':>10}{'refused':>10}{'refused':>10}",
        f"{'':<12}{'':>10}{'':>10}{'(answer)':>10}{'(refuse)':>10}",
    ]
    for m in report.methods:
        cells = (m.answer_at_3, m.bold_at_1, m.refused_answerable, m.refused_to_refuse)
        lines.append(f"{m.method:<12}" + "".join(f"{_cell(c):>10}" for c in cells))
    read = [m for m in report.methods if m.method == READ]
    if read:
        lines.append(
            f"read: the {read[0].answerable + read[0].to_refuse} follow-ups with a hand-written "
            "reading, each asked as that reading alone"
        )
    rules = ", ".join(f"{rule} {count}" for rule, count in report.rules)
    lines.append(f"rules: {rules}")
    lines.append(
        f"self-contained follow-ups answered exactly as alone: {report.unchanged} of "
        f"{report.self_contained}"
    )
    return "\n".join(lines) + "\n"
