"""``coverbot eval``: measure the engine on question-answering data with the bot's own settings.

The table (or, with ``--json``, one JSON object on the last line) goes to stdout; progress bars
and diagnostics go to stderr.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from tqdm import tqdm

from coverbot.commands.conversation_eval import run_conversations
from coverbot.errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from coverbot.settings import Settings
from index.errors import CoverbotError
from index.evaluation.dataset import CASES, HALVES, Question, as_offtopic, half_of, recased
from index.evaluation.formats import FORMATS, read_dataset
from index.evaluation.metrics import Outcome, Report
from index.evaluation.overrides import OverrideError, apply_overrides
from index.evaluation.swap import DEFAULT_SEED, entity_swaps
from index.records import Answer

log = logging.getLogger(__name__)

DEFAULT_KS = (1, 3, 5, 10)


def _ks(value: str) -> tuple[int, ...]:
    try:
        ks = tuple(sorted({int(part) for part in value.split(",") if part.strip()}))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a list such as 1,3,5,10") from None
    if not ks or ks[0] < 1:
        raise argparse.ArgumentTypeError("cut-offs must be positive integers, such as 1,3,5,10")
    return ks


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive integer")
    return int(value)


def register(subparsers: Any) -> None:
    """Add the ``eval`` command to the CLI."""
    parser = subparsers.add_parser(
        "eval",
        help="measure retrieval and abstention on a question-answering data set",
        description=(
            "Build (or reuse) the index of a data set with the bot's engine and settings, ask "
            "every question and report recall@k, mrr@10, answer@k and abstention shares."
        ),
    )
    parser.add_argument(
        "format",
        choices=sorted([*FORMATS, "conversations"]),
        help="the data set's format (conversations: follow-up turns, see docs/EVALUATION.md)",
    )
    parser.add_argument("path", type=Path, help="the data set (a file, or a folder of weeks)")
    parser.add_argument(
        "--of",
        default=None,
        metavar="FORMAT:PATH",
        help="conversations only: ask them of this data set's corpus (e.g. "
        "realtimeqa:../shared/eval/realtimeqa-dev) instead of --corpus",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="corpus folder asked by qa-jsonl and --offtopic (default: the configured corpus)",
    )
    parser.add_argument(
        "--offtopic",
        action="store_true",
        help="ask the data set's questions against --corpus, which does not cover them, and "
        "report the share answered (should be near 0)",
    )
    parser.add_argument(
        "--swap",
        action="store_true",
        help="swap the entity of each answerable question for one of the same kind the corpus "
        "never mentions (near-topic unanswerable questions) and report the share refused",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help="seed of --swap's choices (default 8)"
    )
    parser.add_argument(
        "--case",
        choices=sorted(CASES),
        default=None,
        help="ask every question retyped in lower case, Title Case or capitals (after --swap)",
    )
    parser.add_argument("--k", type=_ks, default=DEFAULT_KS, help="cut-offs (default 1,3,5,10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--limit", type=_positive, default=None, help="ask the first N only")
    parser.add_argument(
        "--half",
        choices=HALVES,
        default=None,
        help="ask one half of the questions only (by gold article), e.g. the half that "
        "`coverbot fit-sentence` did not fit on",
    )
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="change an engine setting, e.g. search.fusion=convex or chunks.target_tokens=120",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="cache of corpora, indexes and embeddings (default: <data_dir>/eval)",
    )
    parser.add_argument(
        "--details",
        type=Path,
        default=None,
        metavar="FILE",
        help="write one JSON line per question (ranks, answer, hits) to FILE",
    )
    parser.set_defaults(handler=run)


def detail_row(question: Question, answer: Answer, outcome: Outcome) -> dict[str, Any]:
    """Return what ``--details`` records about one question."""
    return {
        "id": question.qid,
        "question": question.text,
        "answerable": question.answerable,
        "asked": question.asked.isoformat() if question.asked else None,
        "gold": sorted(question.gold_urls) or list(question.gold_quotes),
        "answers": [list(group) for group in question.answers],
        "abstained": outcome.abstained,
        "reason": answer.reason,
        "gold_rank": outcome.gold_rank,
        "answer_rank": outcome.answer_rank,
        "bold_rank": outcome.bold_rank,
        "bold": answer.hits[0].highlighted_text if answer.hits else None,
        "hits": [
            {
                "title": h.title,
                "url": h.url,
                "source": h.source,
                "published": h.published,
                "paragraph": h.paragraph,
                "bold": h.highlighted_text,
                "score": round(h.score, 4),
            }
            for h in answer.hits + answer.more
        ],
    }


@contextmanager
def _progress_bars() -> Iterator[tuple[Any, Any]]:
    """Yield a build-progress and a question-progress callback drawing tqdm bars on stderr."""
    bars: dict[str, tqdm] = {}

    def bar(stage: str, done: int, total: int) -> None:
        if stage not in bars:
            for other in bars.values():
                other.close()
            bars.clear()
            bars[stage] = tqdm(total=total, desc=stage, unit="", file=sys.stderr, disable=None)
        current = bars[stage]
        current.total = total
        current.update(done - current.n)

    try:
        yield bar, lambda done, total: bar("asking", done, total)
    finally:
        for other in bars.values():
            other.close()


def _cell(value: float | int | None) -> str:
    if value is None:
        return "-"
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def format_table(title: str, report: Report) -> str:
    """Return the report as a small text table."""
    ks = [k for k, _ in report.recall]
    lines = [title, f"{'':<16}" + "".join(f"{'@' + str(k):>8}" for k in ks)]
    lines.append(f"{'recall':<16}" + "".join(f"{_cell(v):>8}" for _, v in report.recall))
    lines.append(f"{'answer':<16}" + "".join(f"{_cell(v):>8}" for _, v in report.answer))
    figures = report.as_dict()
    for key in (
        "quote@1",
        "bold@1",
        "bold@3",
        "mrr@10",
        "abstained",
        "abstain_correct",
        "answered_share",
    ):
        lines.append(f"{key:<16}{_cell(figures[key]):>8}")
    return "\n".join(lines) + "\n"


def _title(args: argparse.Namespace, questions: int, overrides: Sequence[str]) -> str:
    mode = " against " + str(args.corpus) if args.offtopic else ""
    mode += f", entities swapped (seed {args.seed})" if args.swap else ""
    mode += f", typed in {args.case} case" if args.case else ""
    changed = f"; settings: {' '.join(overrides)}" if overrides else ""
    return f"{args.format} {args.path}{mode}: {questions} questions{changed}"


def run(args: argparse.Namespace) -> int:
    """Run ``coverbot eval`` and return its exit code."""
    settings = Settings()
    corpus = args.corpus if args.corpus is not None else settings.corpus_dir
    workdir = args.workdir if args.workdir is not None else settings.data_dir / "eval"
    if args.format == "conversations":
        try:
            config = apply_overrides(settings.engine_config(), args.overrides)
        except OverrideError as exc:
            log.error("cannot evaluate: %s", exc)
            return EXIT_USAGE
        return run_conversations(args, config, corpus, workdir)
    try:
        config = apply_overrides(settings.engine_config(), args.overrides)
        dataset = read_dataset(args.format, args.path, corpus)
    except (OverrideError, ValueError, OSError) as exc:
        log.error("cannot evaluate: %s", exc)
        return EXIT_USAGE
    if args.half is not None:
        kept = tuple(q for q in dataset.questions if half_of(q) == args.half)
        dataset = dataclasses.replace(dataset, questions=kept)
    if args.offtopic:
        dataset = as_offtopic(dataset, corpus)
    if args.swap:
        dataset = entity_swaps(dataset, args.seed)
    if args.case is not None:
        dataset = recased(dataset, args.case)
    from index.evaluation.runner import evaluate  # imported here: it loads the engine and torch

    try:
        with _progress_bars() as (on_build, on_question), ExitStack() as stack:
            on_answer = None
            if args.details is not None:
                handle = stack.enter_context(args.details.open("w", encoding="utf-8"))

                def on_answer(question: Question, answer: Answer, outcome: Outcome) -> None:
                    handle.write(json.dumps(detail_row(question, answer, outcome)) + "\n")

            report = evaluate(
                dataset,
                config,
                args.k,
                workdir=workdir,
                limit=args.limit,
                progress=on_build,
                on_question=on_question,
                on_answer=on_answer,
            )
    except (CoverbotError, OSError) as exc:
        log.error("evaluation failed: %s", exc)
        return EXIT_ERROR
    if args.json:
        figures = {"format": dataset.name, **report.as_dict(), "set": list(args.overrides)}
        sys.stdout.write(json.dumps(figures) + "\n")
    else:
        sys.stdout.write(format_table(_title(args, report.questions, args.overrides), report))
    return EXIT_OK
