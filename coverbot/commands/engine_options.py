"""The engine a command uses: configured from settings, with ``--corpus`` and ``--index``."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from coverbot.commands import preload
from coverbot.settings import Settings
from index.config import EngineConfig
from index.engine import Engine


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
    """Return an engine configured from settings and arguments.

    It is given the question encoder ``coverbot.commands.preload`` opened, when one was.
    """
    config = engine_config(args)
    return Engine(config, embedder=preload.take(config))
