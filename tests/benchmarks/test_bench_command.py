"""``coverbot bench --quick`` end to end on tiny data: a table, then one JSON object last."""

import json
from pathlib import Path

import pytest

from benchmarks.latency import torch_threads
from coverbot.cli import main

SHARED_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="needs ../shared/eval"),
]


def test_quick_run_prints_every_figure(tmp_path, capsys, embedder):
    """Every section reports its figures under the documented JSON keys."""
    # One torch thread: on a busy two-core machine, two spinning OpenMP threads make each query
    # take most of a second, and this test is about the output, not the speed.
    with torch_threads(1):
        code = main(
            ["bench", "--quick", "--json", "--workdir", str(tmp_path), "--questions", "8"]
            + ["--build-passages", "10", "--articles", "2", "--passages", "3000"]
        )
    assert code == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("machine: ")
    assert any(line.startswith("targets: ") for line in out)
    figures = json.loads(out[-1])
    assert {
        "machine",
        "ask",
        "build",
        "encoders",
        "incremental",
        "coldstart",
        "index_scale",
        "targets",
    } <= set(figures)
    latency = {"p50_ms", "p95_ms", "p99_ms", "mean_ms"}
    for corpus in ("seed", "realtimeqa"):
        assert latency <= set(figures["ask"][corpus])
        assert figures["ask"][corpus]["questions"] == 8
    assert figures["build"]["passages"] > 0
    assert {"build_per_s", "plain_per_s", "ratio"} <= set(figures["build"])
    encoders = figures["encoders"]
    assert {"fp32_per_s", "int8_per_s", "ratio", "passage_cosine"} <= set(encoders)
    assert encoders["passage_cosine"]["min"] > 0.9
    assert figures["incremental"]["changed"] == 1
    assert {"seconds", "full_from_cache_s", "ratio_to_full"} <= set(figures["incremental"])
    assert {"load_s", "peak_mib_per_10k"} <= set(figures["coldstart"]["index"])
    assert "load_s" in figures["coldstart"]["model"]
    scale = figures["index_scale"]
    assert scale["passages"] == 3000
    assert latency | {"recall@10", "nprobe", "lists"} <= set(scale["ivf"])
    assert latency <= set(scale["flat"])
    load = figures["load"]
    assert load["pool_default"]["threads"] < load["pool_32"]["threads"] == 32
    burst = load["pool_32"]["burst_20"]
    assert burst["expired_10062"] == 0 and burst["answered"] + burst["busy"] == burst["asked"] == 20
    assert {"ack", "answer", "loop_lag", "peak_rss_mib", "answers_per_s"} <= set(burst)
    over = load["over_limit"]["burst_20"]
    assert over["busy"] > 0 and over["expired_10062"] == 0
    start = figures["startup"]
    assert start["cli_ask"]["answered"] and start["bot_ready"]["answered"]
    assert start["cli_ask"]["median_s"] > 0 and start["bot_ready"]["median_s"] > 0
    assert set(figures["targets"]) == {
        "ask_p95_realtimeqa<=20ms",
        "build_ratio>=0.9",
        "int8_passages_ratio>=2",
        "incremental<=2s",
        "index_kib_per_passage<=4",
        "coldstart_load<=1s",
        "cli_ask<=1s",
        "bot_ready<=3s",
        "index_p95<=50ms_recall>=0.95",
    }


def test_unknown_section_is_a_usage_error(capsys):
    """``--only`` accepts only the known sections."""
    with pytest.raises(SystemExit) as stop:
        main(["bench", "--only", "ask,nonsense"])
    assert stop.value.code == 2
    assert "choose among" in capsys.readouterr().err
