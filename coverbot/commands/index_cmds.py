"""``coverbot index build|status`` and ``coverbot ask``: the engine from a terminal."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from coverbot.commands.engine_options import add_location_options, make_engine
from coverbot.errors import EXIT_OK, guarded, usage_error
from coverbot.progress import ProgressBars
from coverbot.terminal import clean, from_argv, plural, print_answer
from index.answer.freshness import freshness_note
from index.corpus.drift import CorpusDrift
from index.engine import Engine
from index.errors import IndexMissingError, RebuildInProgressError
from index.records import Answer, BuildReport, Hit, News
from index.text.dates import parse_when


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
        "--short",
        action="store_true",
        help="the compact view the bot sends by default: the answering sentence and the next, "
        "one line for each other strong match",
    )
    ask.add_argument(
        "--as-of",
        type=_when,
        default=None,
        metavar="DATE",
        help="answer as if asked then (2022-09-08 or an ISO date-time; default: now): later "
        "articles are not quoted and the period the question is about is preferred",
    )
    ask.add_argument(
        "--after",
        action="append",
        default=[],
        metavar="QUESTION",
        help="an earlier question of the conversation (repeatable, oldest first): the question "
        "is read in their context, as a reply to the bot's answer is",
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
        f"index version {report.version}: {plural(report.articles, 'article')}, "
        f"{plural(report.passages, 'passage')} "
        f"({report.embedded} embedded, the rest from cache) in {report.total_seconds:.1f}s",
        f"  added {len(report.added)}, changed {len(report.changed)}, "
        f"removed {len(report.removed)}, unchanged {len(report.unchanged)}, "
        f"duplicates {len(report.duplicates)}, failed {len(report.failed)}",
    ]
    lines += [
        f"  failed: {clean(f.path, one_line=True)}: {clean(f.reason, one_line=True)}"
        for f in report.failed
    ]
    lines += [
        f"  warning: {clean(w.path, one_line=True)}: {clean(w.reason, one_line=True)}"
        for w in report.warnings
    ]
    lines += _duplicate_lines(report.duplicates)
    return "\n".join(lines)


DUPLICATES_LISTED = 5
"""Past this many, duplicates are one line with a count: each was indexed once, nothing failed."""


def _duplicate_lines(duplicates: tuple[str, ...]) -> list[str]:
    if len(duplicates) <= DUPLICATES_LISTED:
        return [f"  duplicate (indexed once): {clean(d, one_line=True)}" for d in duplicates]
    named = ", ".join(clean(d, one_line=True) for d in duplicates[:3])
    return [
        f"  duplicates (indexed once): {len(duplicates):,} articles, e.g. {named} "
        "(`--json` lists them all)"
    ]


@contextlib.contextmanager
def _report_instead_of_warnings(verbose: int) -> Iterator[None]:
    """Keep the corpus loader's per-file warnings off the terminal: the report lists them."""
    corpus_log = logging.getLogger("index.corpus.reader")
    level = corpus_log.level
    if not verbose:
        corpus_log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        corpus_log.setLevel(level)


def _build(args: argparse.Namespace) -> int:
    engine = make_engine(args)
    with _report_instead_of_warnings(args.verbose):
        report = _rebuild_quietly(engine)
    if args.json:
        print(json.dumps(asdict(report), indent=2))
    else:
        print(format_report(report))
    return EXIT_OK


def corpus_line(drift: CorpusDrift) -> str:
    """Say whether the corpus folder changed since the index was built, and what to do then."""
    if not drift:
        return "unchanged since the build"
    if drift.unknown and not (drift.added or drift.changed or drift.removed):
        return "not known: the index has no record of it; `coverbot index build` records it"
    return f"changed since the build ({drift.summary()}); `coverbot index build` updates the index"


def _status(args: argparse.Namespace) -> int:
    engine = make_engine(args)
    info = engine.load()
    drift = engine.corpus_changes()
    if args.json:
        changes = {"stale": bool(drift), "summary": drift.summary(), **asdict(drift)}
        print(json.dumps({**asdict(info), "corpus_changes": changes}, indent=2))
        return EXIT_OK
    print(
        f"version    {info.version}\nbuilt at   {info.built_at}\n"
        f"model      {info.model} (weights {info.model_hash[:12]}, {info.dimension} dims)\n"
        f"index      {info.index_kind}, {plural(info.articles, 'article')}, "
        f"{plural(info.passages, 'passage')}, "
        f"{info.size_bytes / 1e6:.1f} MB\npath       {info.path}\n"
        f"corpus     {corpus_line(drift)}"
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
        "unmentioned": list(answer.unmentioned),
        "asked_at": answer.asked_at.isoformat() if answer.asked_at else None,
        "latest_published": (
            answer.latest_published.isoformat() if answer.latest_published else None
        ),
        "freshness": freshness_note(answer.latest_published, answer.asked_at),
        "read_as": answer.read_as,
        "news": news_json(answer.news) if answer.news is not None else None,
    }


def news_json(news: News) -> dict[str, Any]:
    """Return a period's articles as the ``--json`` output describes them."""
    return {
        "start": news.start.isoformat(),
        "end": news.end.isoformat(),
        "total": news.total,
        "articles": [
            {
                "title": item.title,
                "outlet": item.outlet,
                "published": item.published,
                "url": item.url,
                "lead": item.lead,
            }
            for item in news.items
        ],
    }


def news_lines(news: News) -> list[str]:
    """Return a period's articles as plain lines: title, outlet and date, then the lead."""
    lines = [f"Published {news.start.isoformat()} to {news.end.isoformat()}, newest first:"]
    for item in news.items:
        source = " · ".join(part for part in (item.outlet, item.published) if part)
        lines += ["", clean(f"{item.title} ({source})" if source else item.title, one_line=True)]
        lines.append("  " + clean(item.lead, one_line=True))
    if news.total > len(news.items):
        lines += ["", f"… and {plural(news.total - len(news.items), 'more article')}"]
    return lines


def _rebuild_quietly(engine: Engine, announce: str | None = None) -> BuildReport:
    """Rebuild with progress bars; ``announce`` is printed once the rebuild really starts."""
    bars = ProgressBars(enabled=sys.stderr.isatty())

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal announce
        if announce is not None:
            print(announce, file=sys.stderr)
            announce = None
        bars(stage, done, total)

    try:
        return engine.rebuild(progress=progress)
    finally:
        bars.close()


def _rebuild_before_answering(engine: Engine, verbose: int, announce: str) -> None:
    with _report_instead_of_warnings(verbose):
        report = _rebuild_quietly(engine, announce)
    if report.failed:
        print(
            f"{plural(len(report.failed), 'file')} could not be indexed "
            "(`coverbot index build` lists them with the reason)",
            file=sys.stderr,
        )


def _ready(engine: Engine, verbose: int) -> None:
    """Load the index, building it on first use or rebuilding it if the corpus changed."""
    try:
        engine.load()
    except IndexMissingError:
        first_use = "building the index of the coverage (first use)…"
        _rebuild_before_answering(engine, verbose, first_use)
        return
    drift = engine.corpus_changes()
    if not drift:
        return
    changed = f"the corpus changed since the index was built ({drift.summary()})"
    try:
        _rebuild_before_answering(engine, verbose, f"{changed}; updating the index first…")
    except RebuildInProgressError:  # another process is updating it: answer from what is served
        print(
            f"{changed}; another process is updating the index, so this answer may not have "
            "the latest changes",
            file=sys.stderr,
        )


def _ask(args: argparse.Namespace) -> int:
    question = from_argv(args.question)
    if not question.strip():
        return usage_error("ask", "the question is empty")
    engine = make_engine(args)
    _ready(engine, args.verbose)
    after = [from_argv(turn) for turn in args.after]
    answer = engine.ask(question, k=max(1, args.k), asked_at=args.as_of, after=after)
    if args.json:
        print(json.dumps(answer_json(answer), ensure_ascii=False))
        return EXIT_OK
    if answer.read_as is not None:
        print(clean(f"Read as: {answer.read_as}") + "\n")
    if answer.news is not None and answer.news.items:
        print("\n".join(news_lines(answer.news)))
        return EXIT_OK
    print_answer(answer, sys.stdout, short=args.short)
    note = freshness_note(answer.latest_published, answer.asked_at)
    if note:
        print(f"\n({note})")
    return EXIT_OK
