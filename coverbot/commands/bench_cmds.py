"""``coverbot bench``: latency, build speed, cold start and memory of the engine, measured.

The table (or, with ``--json``, one JSON object on the last line) goes to stdout; progress goes to
stderr, logged at INFO. Without the evaluation data it measures on the bundled coverage. The
measurements live in the repository's ``benchmarks`` package (not installed with the bot), which
this command finds beside the ``coverbot`` package.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from coverbot.errors import EXIT_ERROR, EXIT_OK
from coverbot.settings import Settings

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
SECTIONS = (
    "ask",
    "build",
    "encoders",
    "incremental",
    "coldstart",
    "index",
    "load",
    "startup",
    "million",
)
"""``million`` runs only when named: it writes, builds and serves ~1M passages (hours)."""
QUICK = {
    "questions": 20,
    "build_passages": 30,
    "articles": 5,
    "synthetic_passages": 20_000,
    "million_passages": 20_000,
    "synthetic_queries": 30,
    "fresh_processes": False,
    "startup_runs": (1, 1),
}


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive integer")
    return int(value)


def _sections(value: str) -> tuple[str, ...]:
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose among {','.join(SECTIONS)}")
    return chosen


def register(subparsers: Any) -> None:
    """Add the ``bench`` command to the CLI."""
    parser = subparsers.add_parser(
        "bench",
        help="measure ask latency, index search at scale, build speed, cold start, memory, load, "
        "start-up",
        description="Run the benchmark suite described in BENCHMARKS.md and print its figures.",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for a smoke test")
    parser.add_argument("--questions", type=_positive, help="questions asked (default 200)")
    parser.add_argument(
        "--passages", type=_positive, help="synthetic passages for the index part (default 1M)"
    )
    parser.add_argument("--queries", type=_positive, help="synthetic queries (default 200)")
    parser.add_argument(
        "--build-passages", type=_positive, help="passages of the build sample (default 1000)"
    )
    parser.add_argument(
        "--articles", type=_positive, help="index only the first N RealTime QA articles"
    )
    parser.add_argument("--only", type=_sections, help=f"some of {','.join(SECTIONS)}")
    parser.add_argument(
        "--workdir", type=Path, help="evaluation cache to reuse (default: <data_dir>/eval)"
    )
    parser.add_argument(
        "--data",
        type=Path,
        help="evaluation data (default: ../shared/eval; without it, the bundled coverage)",
    )
    parser.set_defaults(handler=run)


def _options(args: argparse.Namespace, settings: Settings) -> Any:
    from benchmarks.data import Sources, default_sources
    from benchmarks.suite import Options

    sources = default_sources(REPO)
    if args.data is not None:
        sources = Sources(args.data / "realtimeqa-dev", args.data / "xquad" / "xquad.en.json")
    options = Options(
        config=settings.engine_config(),
        workdir=args.workdir if args.workdir is not None else settings.data_dir / "eval",
        sources=sources,
    )
    if args.quick:
        from benchmarks.load import QUICK as QUICK_LOAD

        options = replace(options, load=QUICK_LOAD, **QUICK)  # type: ignore[arg-type]
    chosen = {
        "questions": args.questions,
        "synthetic_passages": args.passages,
        "million_passages": args.passages,
        "synthetic_queries": args.queries,
        "build_passages": args.build_passages,
        "articles": args.articles,
        "sections": args.only,
    }
    return replace(options, **{k: v for k, v in chosen.items() if v is not None})


def _import_benchmarks() -> None:
    """Make the repository's ``benchmarks`` package importable from the console script."""
    if (REPO / "benchmarks" / "__init__.py").is_file() and str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))


def run(args: argparse.Namespace) -> int:
    """Run ``coverbot bench`` and return its exit code."""
    _import_benchmarks()
    from benchmarks.report import format_table, targets
    from benchmarks.suite import run as run_suite
    from index.errors import CoverbotError

    options = _options(args, Settings())
    log.setLevel(min(log.getEffectiveLevel(), logging.INFO))  # progress shows without -v
    try:
        results = run_suite(options, say=lambda message: log.info("bench: %s", message))
    except (CoverbotError, OSError, RuntimeError) as exc:
        log.error("benchmark failed: %s", exc)
        return EXIT_ERROR
    results["targets"] = targets(results)
    results["command"] = "coverbot bench " + " ".join(sys.argv[2:] if len(sys.argv) > 1 else [])
    sys.stdout.write(format_table(results))
    if args.json:
        sys.stdout.write(json.dumps(results) + "\n")
    return EXIT_OK
