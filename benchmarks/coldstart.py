"""Cold start and memory, measured in a fresh Python process.

Run as ``python -m benchmarks.coldstart index INDEX_DIR MODEL``, ``... model MODEL`` or
``... queries MODEL`` (questions on stdin, one a line); the child prints one JSON line. Peak memory
is the rise of ``VmHWM`` (the resident high-water mark) while loading, after the imports; where
the kernel allows it the mark is reset first.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.child import run_child
from benchmarks.stats import per_10k

CHILD_TIMEOUT_S = 300
WARMUP = 3


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _reset_peak() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _measure_index(index_dir: Path, model: str) -> dict[str, Any]:
    start = time.perf_counter()
    from index.config import EngineConfig
    from index.embedding.digest import file_sha256
    from index.embedding.encoder import resolve_model_path, weights_file
    from index.engine import Engine

    imports = time.perf_counter() - start
    _reset_peak()
    base = _status_kib("VmRSS")
    engine = Engine(EngineConfig(index_dir=index_dir, model=model))
    start = time.perf_counter()
    info = engine.load()
    load = time.perf_counter() - start
    peak_mib = (_status_kib("VmHWM") - base) / 1024
    weights = weights_file(Path(resolve_model_path(model)))
    start = time.perf_counter()
    if weights is not None:  # the hashing itself, without the memo loading remembered it by
        file_sha256(weights, memo_dir=None)
    hashing = time.perf_counter() - start
    return {
        "imports_s": imports,
        "load_s": load,
        "model_hash_s": hashing,
        "passages": info.passages,
        "peak_mib": peak_mib,
        "resident_mib": (_status_kib("VmRSS") - base) / 1024,
        "peak_mib_per_10k": per_10k(peak_mib, info.passages),
        "disk_mib": info.size_bytes / 1024**2,
    }


def _measure_model(model: str) -> dict[str, Any]:
    start = time.perf_counter()
    import sentence_transformers  # noqa: F401 - timed import
    import torch  # noqa: F401 - timed import

    from index.embedding.encoder import Embedder

    imports = time.perf_counter() - start
    _reset_peak()
    base = _status_kib("VmRSS")
    start = time.perf_counter()
    embedder = Embedder(model)
    load = time.perf_counter() - start
    start = time.perf_counter()
    embedder.encode_queries(["Who bought the company?"])
    first = time.perf_counter() - start
    return {
        "imports_s": imports,
        "load_s": load,
        "first_query_ms": first * 1000,
        "peak_mib": (_status_kib("VmHWM") - base) / 1024,
    }


def _measure_queries(model: str, questions: list[str]) -> dict[str, Any]:
    from benchmarks.stats import percentiles
    from index.embedding.encoder import Embedder

    embedder = Embedder(model)
    for question in questions[:WARMUP]:
        embedder.encode_queries([question])
    timings = []
    for question in questions:
        start = time.perf_counter()
        embedder.encode_queries([question])
        timings.append((time.perf_counter() - start) * 1000)
    return percentiles(timings)


def measure(
    kind: str, *arguments: str, env_extra: dict[str, str] | None = None, stdin: str = ""
) -> dict[str, Any]:
    """Run the measurement ``kind`` (index, model, queries) in a fresh process; return figures."""
    return run_child(
        "benchmarks.coldstart",
        kind,
        *arguments,
        timeout_s=CHILD_TIMEOUT_S,
        env_extra=env_extra,
        stdin=stdin,
    )


def main(argv: list[str]) -> int:
    """Measure in this process and print one JSON line (the child's side of ``measure``)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if argv[:1] == ["index"] and len(argv) == 3:
        figures = _measure_index(Path(argv[1]), argv[2])
    elif argv[:1] == ["model"] and len(argv) == 2:
        figures = _measure_model(argv[1])
    elif argv[:1] == ["queries"] and len(argv) == 2:
        figures = _measure_queries(
            argv[1], [line for line in sys.stdin.read().splitlines() if line]
        )
    else:
        sys.stderr.write(
            "usage: python -m benchmarks.coldstart index DIR MODEL | model M | queries M\n"
        )
        return 2
    sys.stdout.write(json.dumps(figures) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
