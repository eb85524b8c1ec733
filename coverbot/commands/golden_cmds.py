"""``coverbot golden write|check``: pin what the engine answers to each question of the sets.

``write`` asks every set of the manifest and writes its golden file beside it; ``check`` asks
them and prints, question by question, how the answers differ from the files (exit code 1 when
one does). Run from the repository root: the manifest's paths are relative to it. See
docs/GOLDEN.md.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

from coverbot.errors import EXIT_ERROR, EXIT_OK, EXIT_USAGE
from coverbot.settings import Settings

log = logging.getLogger(__name__)

MANIFEST = Path("tests/golden/sets.json")
REGENERATE = "coverbot golden write"
"""The command that regenerates every golden file, run from the repository root."""


def register(subparsers: Any) -> None:
    """Add the ``golden`` command to the CLI."""
    parser = subparsers.add_parser(
        "golden",
        help="write or check the golden files that pin each question's answer",
        description=(
            "Ask every question set of the manifest as the bot asks, with the shipped defaults, "
            "and write (write) or compare (check) one JSON line per question: refused and why, "
            "the gold and answer ranks, the bold sentence, the quotes' places, the names the "
            "quotes do not mention."
        ),
    )
    parser.add_argument("action", choices=("write", "check"))
    parser.add_argument(
        "--sets", type=Path, default=MANIFEST, help=f"the manifest (default {MANIFEST})"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="this set only (repeatable; default: every set whose questions are here)",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        default=None,
        help="cache of indexes and embeddings, as `coverbot eval` (default: <data_dir>/eval)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``coverbot golden`` and return its exit code."""
    from index.evaluation.golden import differences  # imported here: the engine loads torch
    from index.evaluation.golden_sets import ask_set, golden_config, golden_embedder, read_sets

    workdir = args.workdir if args.workdir is not None else Settings().data_dir / "eval"
    try:
        sets = read_sets(args.sets)
    except (OSError, ValueError, TypeError) as exc:
        log.error("cannot read %s: %s", args.sets, exc)
        return EXIT_USAGE
    unknown = sorted(set(args.only) - {spec.name for spec in sets})
    if unknown:
        log.error("no set named %s in %s", ", ".join(unknown), args.sets)
        return EXIT_USAGE
    root = Path.cwd()
    embedder = golden_embedder(golden_config())
    changed = 0
    for spec in sets:
        if args.only and spec.name not in args.only:
            continue
        if not spec.available(root):
            print(f"{spec.name}: skipped, {spec.questions} is not here")
            continue
        target = args.sets.parent / f"{spec.name}.jsonl"
        text = ask_set(spec, root, workdir, embedder)
        before = target.read_text(encoding="utf-8") if target.exists() else ""
        changes = differences(before, text)
        if args.action == "write":
            target.write_text(text, encoding="utf-8")
            print(f"{spec.name}: {len(text.splitlines())} questions, {len(changes)} changed")
        elif changes:
            changed += 1
            print(f"{spec.name}: {len(changes)} answers differ from {target} (pinned -> now):")
            sys.stdout.write("".join(change + "\n" for change in changes))
        else:
            print(f"{spec.name}: {len(text.splitlines())} questions as pinned")
    if changed:
        print(f"Regenerate with `{REGENERATE}` and explain the change in the commit message.")
    return EXIT_ERROR if changed else EXIT_OK
