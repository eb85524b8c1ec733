"""A question costs what answering costs: no torch, transformers or sentence-transformers.

With a built index and the ONNX export cached, ``coverbot ask`` (a whole process) and the bot
(its own start on the loopback Discord, then an /ask) encode questions with onnxruntime and the
model's tokenizer file alone; the heavy modules are for building and exporting. Once the word
frequency tables are cached, a question imports neither wordfreq nor tiktoken's encoder nor
bm25s (and with it scipy): those are for building the tables and the index.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.startup import ask_command, heavy, imported_modules
from coverbot.cli import build_parser
from coverbot.commands import preload
from coverbot.commands.engine_options import make_engine
from index.embedding.encoder import Embedder
from index.engine import Engine
from tests.articles import SEED_CORPUS
from tests.conftest import engine_config

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """Return a corpus, its built index and an environment whose ONNX cache holds the export."""
    root = tmp_path_factory.mktemp("imports")
    corpus, cache = root / "corpus", root / "onnx"
    shutil.copytree(SEED_CORPUS, corpus)
    embedder = Embedder(query_encoder="onnx-int8", onnx_cache=cache)  # exports into the cache
    assert embedder.query_encoder == "onnx-int8"
    Engine(engine_config(corpus, root / "index"), embedder=embedder).rebuild()
    env = dict(os.environ, COVERBOT_ONNX_CACHE=str(cache), PYTHONPATH=str(REPO))
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    env["XDG_CACHE_HOME"] = str(root / "user-cache")  # the word frequency tables go there
    return corpus, root / "index", env


def _ask_importing(built: tuple[Path, Path, dict[str, str]], cwd: Path) -> set[str]:
    corpus, index, env = built
    command = ask_command(corpus, index, "What did the ACLU say?")
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    answer = json.loads(done.stdout)
    assert not answer["abstained"] and "ACLU" in answer["hits"][0]["quote"]
    return imported_modules(done.stderr)


def test_coverbot_ask_imports_no_model_library(built, tmp_path) -> None:
    """`coverbot ask` answers with onnxruntime and tokenizers, never importing torch & co."""
    modules = _ask_importing(built, tmp_path)
    assert {"onnxruntime", "tokenizers"} <= modules
    assert heavy(modules) == []
    assert not modules & {"index.ingest", "aiohttp", "discord"}  # ingestion and the bot: not asked
    assert not modules & {"bm25s", "scipy", "sklearn"}  # an index is read, not built
    again = _ask_importing(built, tmp_path)  # the word frequency tables are cached now
    assert not again & {"wordfreq", "tiktoken", "bm25s", "scipy"}
    assert not again & {"yaml", "sqlite3", "tqdm"}  # for reading files and building
    assert "rich" not in again  # JSON output is not drawn
    # ONNX Runtime ran with its telemetry off: no device identifier or event database was kept.
    assert not (Path(built[2]["XDG_CACHE_HOME"]) / "Microsoft").exists()


def test_the_bot_starts_and_answers_without_model_libraries(built, tmp_path) -> None:
    """The bot's start (index, warm-up question, log-in) and an /ask import none of them."""
    corpus, index, env = built
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.startup", "bot", str(corpus), str(index), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["answered"] and report["heavy_imports"] == []
    assert not (Path(env["XDG_CACHE_HOME"]) / "Microsoft").exists()


@pytest.fixture
def preload_env(built, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    corpus, index, env = built
    for name in ("COVERBOT_ONNX_CACHE", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, env[name])
    return corpus, index


def _ask_args(corpus: Path, index: Path) -> argparse.Namespace:
    parser = build_parser("ask")
    return parser.parse_args(["ask", "--corpus", str(corpus), "--index", str(index), "ACLU?"])


def test_ask_gets_the_question_encoder_opened_while_it_imported(preload_env) -> None:
    """The encoder `coverbot ask` started early is the engine's, and answers as a fresh one."""
    corpus, index = preload_env
    preload.start()
    engine = make_engine(_ask_args(corpus, index))
    opened = engine._embedder
    assert opened is not None and opened.query_encoder == "onnx-int8"
    engine.load()
    fresh = Engine(engine.config)
    fresh.load()
    question = "What did the ACLU say about the moratorium?"
    assert engine.ask(question).hits == fresh.ask(question).hits
    assert engine.embedder is opened  # nothing was loaded a second time


def test_nothing_is_opened_early_that_would_need_torch(preload_env, monkeypatch, tmp_path) -> None:
    """Without the export cached, the engine loads its encoder itself, on the main thread."""
    corpus, index = preload_env
    monkeypatch.setenv("COVERBOT_ONNX_CACHE", str(tmp_path / "empty"))
    preload.start()
    assert preload.take(engine_config(corpus, index)) is None
    assert not (tmp_path / "empty").exists() or not list((tmp_path / "empty").glob("*.onnx"))


def test_an_encoder_opened_for_other_settings_is_not_used(preload_env) -> None:
    corpus, index = preload_env
    preload.start()
    other = replace(Engine(engine_config(corpus, index)).config, query_encoder="torch")
    assert preload.take(other) is None


def test_bad_settings_are_reported_by_ask_not_by_the_early_start(built, tmp_path) -> None:
    corpus, index, env = built
    command = ask_command(corpus, index, "What did the ACLU say?")
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=dict(env, COVERBOT_QUERY_ENCODER="bogus"),
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "COVERBOT_QUERY_ENCODER" in lines[0], done.stderr
