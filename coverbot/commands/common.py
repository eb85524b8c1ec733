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


class ProgressBars:
    """Progress callback drawing one tqdm bar a stage on stderr."""

    def __init__(self, enabled: bool = True) -> None:
        self._enabled = enabled
        self._bars: dict[str, tqdm] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Update the bar of ``stage``."""
        if not self._enabled or total <= 0:
            return
        bar = self._bars.get(stage)
        if bar is None:
            bar = tqdm(
                total=total,
                desc=stage,
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
    """Wrap a handler so that engine errors become one clear line on stderr, not a traceback."""

    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CoverbotError as exc:
            return fail(str(exc))

    return run
