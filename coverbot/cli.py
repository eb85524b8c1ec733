"""Entry point of the ``coverbot`` console script: parse arguments, dispatch to a command module.

Each command family lives in its own module under ``coverbot.commands`` and exposes
``register(subparsers)``; a registered handler receives the parsed arguments and returns an exit
code. Output meant for the user goes to stdout, diagnostics to stderr through ``logging``.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from coverbot.errors import EXIT_OK, EXIT_USAGE, describe, fail

COMMAND_MODULES = (
    "coverbot.commands.index_cmds",
    "coverbot.commands.bot_cmds",
    "coverbot.commands.eval_cmds",
    "coverbot.commands.ingest_cmds",
    "coverbot.commands.bench_cmds",
    "coverbot.commands.fit_cmds",
    "coverbot.commands.golden_cmds",
)
QUICK_COMMANDS = {
    "ask": "coverbot.commands.index_cmds",
    "index": "coverbot.commands.index_cmds",
    "run": "coverbot.commands.bot_cmds",
}
"""Commands a user waits on: only their own module is imported to run them (the others import
what ingestion and evaluation need, a second more); any other command imports them all."""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Return the parser with every command family registered, or only ``command``'s."""
    parser = argparse.ArgumentParser(
        prog="coverbot",
        description="Answer questions about news coverage with verbatim quotes and their sources.",
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more log output (and tracebacks)"
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an error")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    quick = QUICK_COMMANDS.get(command or "")
    for name in (quick,) if quick else COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(subparsers)
    _describe_from_help(parser)
    return parser


def _describe_from_help(parser: argparse.ArgumentParser) -> None:
    """Give every subcommand without a description its one-line help as one (for ``--help``)."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help for choice in action._choices_actions}
        for name, sub in action.choices.items():
            if sub.description is None and helps.get(name):
                sub.description = str(helps[name]).capitalize() + "."
            _describe_from_help(sub)


def _configure_logging(verbosity: int) -> None:
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("sentence_transformers", "transformers", "httpx", "bm25s", "faiss"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # Idle OpenMP threads must sleep, not spin: on a shared 2-core host spinning workers made
    # each question's encoding ten times slower (see BENCHMARKS.md). Set before torch loads.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    # A question multiplies only small matrices (a hundred candidates by 384): OpenBLAS splitting
    # them over threads makes the search part of `ask` slower, not faster (BENCHMARKS.md,
    # "Measurements behind the constants"). Torch keeps its own threads for encoding.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    arguments = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in arguments if not a.startswith("-")), None)
    if command == "ask" and not {"-h", "--help"} & set(arguments):
        from coverbot.commands import preload

        preload.start()  # the question encoder opens while the engine is imported
    parser = build_parser(command)
    args = parser.parse_args(arguments)
    _configure_logging(args.verbose)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(handler(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `coverbot ask ... | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # every failure is one line; the traceback only when asked for
        if args.debug or args.verbose:
            traceback.print_exc()
        return fail(describe(exc))


def run() -> NoReturn:
    """Run the command line as the whole process (the ``coverbot`` script) and exit with its code.

    Once the command has returned, what it made is frozen out of the cycle collector's sight:
    the interpreter's shutdown would otherwise walk the whole heap (every imported module's
    objects) several times to find garbage the process is about to drop anyway, about 0.15 s of
    a terminal question (BENCHMARKS.md). Objects are still freed as their references go, files
    and logs are flushed and exit handlers run as before; ``main`` stays free of this, as tests
    call it many times in one process.
    """
    code = main()
    gc.freeze()
    sys.exit(code)
