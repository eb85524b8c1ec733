"""``coverbot index build|status`` and ``coverbot ask``: the engine from a terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import asdict
from typing import Any

from coverbot.commands.common import (
    EXIT_OK,
    ProgressBars,
    add_location_options,
    fail,
    guarded,
    make_engine,
)
from index.errors import IndexMissingError
from index.models import Answer, BuildReport, Hit
from index.recency import freshness_note, parse_when

BOLD, RESET = "\033[1m", "\033[0m"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``index`` and ``ask`` commands."""
    index = subparsers.add_parser("index", help="build or inspect the search index")
    index_sub = index.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    build = index_sub.add_parser("build", help="build or incrementally rebuild from the corpus")
    add_location_options(build)
    build.add_argument("--json", action="store_true", help="print the report as JSON")
    build.set_defaults(handler=guarded(_build))
    status = index_sub.add_parser("status", help="describe the published index")
    add_location_options(status)
    status.add_argument("--json", action="store_true", help="print the status as JSON")
    status.set_defaults(handler=guarded(_status))

    ask = subparsers.add_parser("ask", help="answer a question with quotes from the coverage")
    ask.add_argument("question", help="the question, in quotes")
    ask.add_argument("-k", type=int, default=3, help="how many passages to quote (default 3)")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument(
        "--as-of",
        type=_when,
        default=None,
        metavar="DATE",
        help="answer as if asked then (2022-09-08 or an ISO date-time; default: now): later "
        "articles are not quoted and the period the question is about is preferred",
    )
    add_location_options(ask)
    ask.set_defaults(handler=guarded(_ask))


def _when(value: str) -> dt.datetime:
    try:
        return parse_when(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def format_report(report: BuildReport) -> str:
    """Return a build report as lines for a terminal."""
    lines = [
        f"index version {report.version}: {report.articles} articles, {report.passages} passages "
        f"({report.embedded} embedded, the rest from cache) in {report.total_seconds:.1f}s",
        f"  added {len(report.added)}, changed {len(report.changed)}, "
        f"removed {len(report.removed)}, unchanged {len(report.unchanged)}, "
        f"duplicates {len(report.duplicates)}, failed {len(report.failed)}",
    ]
    lines += [f"  failed: {f.path}: {f.reason}" for f in report.failed]
    lines += [f"  duplicate (indexed once): {d}" for d in report.duplicates]
    return "\n".join(lines)


def _build(args: argparse.Namespace) -> int:
    engine = make_engine(args)
    bars = ProgressBars(enabled=sys.stderr.isatty())
    try:
        report = engine.rebuild(progress=bars)
    finally:
        bars.close()
    if args.json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print(format_report(report))
    return EXIT_OK


def _status(args: argparse.Namespace) -> int:
    engine = make_engine(args)
    info = engine.load()
    if args.json:
        print(json.dumps(asdict(info), indent=2))
        return EXIT_OK
    print(
        f"version    {info.version}\nbuilt at   {info.built_at}\n"
        f"model      {info.model} (weights {info.model_hash[:12]}, {info.dimension} dims)\n"
        f"index      {info.index_kind}, {info.articles} articles, {info.passages} passages, "
        f"{info.size_bytes / 1e6:.1f} MB\npath       {info.path}"
    )
    return EXIT_OK


def hit_json(hit: Hit) -> dict[str, Any]:
    """Return a hit as the ``--json`` output describes it."""
    return {
        "quote": hit.quote,
        "highlight": hit.highlighted_text,
        "highlight_spans": [list(span) for span in hit.highlight],
        "title": hit.title,
        "outlet": hit.outlet,
        "published": hit.published,
        "url": hit.url,
        "paragraph": hit.paragraph,
        "score": round(hit.score, 6),
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    """Return an answer as one JSON object."""
    return {
        "question": answer.question,
        "abstained": answer.abstained,
        "reason": answer.reason,
        "hits": [hit_json(hit) for hit in answer.hits],
        "closest_titles": list(answer.closest_titles),
        "asked_at": answer.asked_at.isoformat() if answer.asked_at else None,
        "latest_published": (
            answer.latest_published.isoformat() if answer.latest_published else None
        ),
        "freshness": freshness_note(answer.latest_published, answer.asked_at),
    }


def format_hit(number: int, hit: Hit, bold: bool) -> str:
    """Return a quoted passage with its best sentences emphasised, and its source."""
    parts, cursor = [], 0
    open_mark, close_mark = (BOLD, RESET) if bold else ("**", "**")
    for start, end in hit.highlight:
        parts += [hit.quote[cursor:start], open_mark, hit.quote[start:end], close_mark]
        cursor = end
    parts.append(hit.quote[cursor:])
    source = ", ".join(
        x for x in (hit.title, hit.outlet, hit.published, f"paragraph {hit.paragraph}") if x
    )
    lines = [f"[{number}] “{''.join(parts)}”", f"    — {source}"]
    if hit.url:
        lines.append(f"    {hit.url}")
    return "\n".join(lines)


def _ask(args: argparse.Namespace) -> int:
    if not args.question.strip():
        return fail("the question is empty")
    engine = make_engine(args)
    try:
        engine.load()
    except IndexMissingError:
        print("building the index of the coverage (first use)…", file=sys.stderr)
        bars = ProgressBars(enabled=sys.stderr.isatty())
        try:
            engine.rebuild(progress=bars)
        finally:
            bars.close()
    answer = engine.ask(args.question, k=max(1, args.k), asked_at=args.as_of)
    if args.json:
        print(json.dumps(answer_json(answer), ensure_ascii=False))
        return EXIT_OK
    if answer.abstained:
        print(f"The coverage does not answer this. {answer.reason}")
        if answer.closest_titles:
            print("Closest articles: " + "; ".join(answer.closest_titles))
        return EXIT_OK
    bold = sys.stdout.isatty()
    print("\n\n".join(format_hit(i, hit, bold) for i, hit in enumerate(answer.hits, start=1)))
    note = freshness_note(answer.latest_published, answer.asked_at)
    if note:
        print(f"\n({note})")
    return EXIT_OK
