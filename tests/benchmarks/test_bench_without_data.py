"""``coverbot bench`` without ``../shared/eval``: it measures on the bundled coverage instead."""

import json
import logging

import pytest

from benchmarks.latency import torch_threads
from coverbot.cli import main

pytestmark = pytest.mark.model


def test_bench_runs_on_the_bundled_coverage_and_logs_progress_at_info(
    tmp_path, capsys, caplog: pytest.LogCaptureFixture
):
    """Issue 21 item 3: without the evaluation data every section but load failed."""
    missing = tmp_path / "no-eval-data"
    with torch_threads(1), caplog.at_level(logging.INFO):
        code = main(
            ["bench", "--quick", "--json", "--data", str(missing), "--workdir", str(tmp_path)]
            + ["--only", "ask,build,incremental,coldstart,index", "--questions", "4"]
            + ["--build-passages", "10", "--passages", "3000", "--queries", "10"]
        )
    assert code == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[1] == "data: the bundled coverage"
    figures = json.loads(out[-1])
    errors = {k: v["error"] for k, v in figures.items() if isinstance(v, dict) and "error" in v}
    assert errors == {}
    assert figures["ask"]["seed"]["questions"] == 4 and "realtimeqa" not in figures["ask"]
    assert figures["build"]["passages"] > 0 and figures["incremental"]["changed"] == 1
    assert figures["coldstart"]["index"]["passages"] > 0
    assert figures["index_scale"]["passages"] == 3000
    progress = [r for r in caplog.records if r.getMessage().startswith("bench: ")]
    assert any("bundled coverage" in r.getMessage() for r in progress)
    assert {r.levelno for r in progress} == {logging.INFO}


def test_the_index_part_needs_no_data_at_all(tmp_path, capsys):
    """``--only index`` measures synthetic vectors: it never looks for articles."""
    code = main(
        ["bench", "--json", "--only", "index", "--data", str(tmp_path / "none")]
        + ["--passages", "2000", "--queries", "5", "--workdir", str(tmp_path)]
    )
    assert code == 0
    figures = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert figures["index_scale"]["passages"] == 2000 and "data" not in figures
