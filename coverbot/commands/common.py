"""Helpers shared by the CLI's command modules: settings, engine construction, error output."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tqdm import tqdm

from coverbot.settings import Settings
from index.config import EngineConfig
from index.engine import Engine
from index.errors import CoverbotError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2

STAGE_NAMES = {
    "reading": "reading the corpus",
    "model": "loading the model",
    "embedding": "embedding passages",
    "indexing": "indexing",
    "publishing": "publishing",
}


def add_location_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--corpus`` and ``--index`` options overriding the configured folders."""
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: COVERBOT_CORPUS_DIR)")
    parser.add_argument("--index", type=Path, help="index folder (default: COVERBOT_INDEX_DIR)")


def engine_config(args: argparse.Namespace) -> EngineConfig:
    """Return the engine configuration from settings, with command-line overrides."""
    config = Settings().engine_config()
    if getattr(args, "corpus", None):
        config = replace(config, corpus_dir=args.corpus)
    if getattr(args, "index", None):
        config = replace(config, index_dir=args.index)
    return config


def make_engine(args: argparse.Namespace) -> Engine:
    """Return an engine configured from settings and arguments."""
    return Engine(engine_config(args))


def fail(message: str) -> int:
    """Print an error for a shell user and return the error exit code."""
    print(f"coverbot: error: {message}", file=sys.stderr)
    return EXIT_ERROR


def usage_error(command: str, message: str) -> int:
    """Print a usage error the way argparse does and return its exit code (2)."""
    print(f"usage: coverbot {command} ...\ncoverbot {command}: error: {message}", file=sys.stderr)
    return EXIT_USAGE


class ProgressBars:
    """Progress callback: one tqdm bar a stage on stderr, and a log line when a stage starts.

    Bars are drawn only when ``enabled`` (callers pass ``sys.stderr.isatty()``); the log lines
    show with ``-v``, so a long build is never silent for whoever asked to see what it does.
    """

    def __init__(self, enabled: bool = True) -> None:
        self._enabled = enabled
        self._bars: dict[str, tqdm] = {}
        self._started: set[str] = set()

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Update the bar of ``stage``."""
        name = STAGE_NAMES.get(stage, stage)
        if stage not in self._started:
            self._started.add(stage)
            log.info("%s%s", name, f" ({total:,})" if total > 1 else "")
        if not self._enabled or total <= 0:
            return
        bar = self._bars.get(stage)
        if bar is None:
            bar = tqdm(
                total=total,
                desc=name,
                unit="passage" if stage == "embedding" else "step",
                file=sys.stderr,
                leave=False,
            )
            self._bars[stage] = bar
        bar.total = total
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    def close(self) -> None:
        """Close every bar."""
        for bar in self._bars.values():
            bar.close()


def guarded(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Wrap a handler so that engine errors become one clear line on stderr, not a traceback.

    With ``--debug`` or ``-v`` the error is left to ``coverbot.cli.main``, which prints the
    traceback before the same line.
    """

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CoverbotError as exc:
            if getattr(args, "debug", False) or getattr(args, "verbose", 0):
                raise
            return fail(str(exc))

    return run
