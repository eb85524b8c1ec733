"""Passage encoders side by side: fp32 (sentence-transformers) against the int8 ONNX export.

Both encode the same passages (an even sample of RealTime QA articles, cut by the engine's
chunker, as ``benchmarks.build`` samples them) in the same process, through
``Embedder.encode_passages`` (token vectors pooled per sentence included). The sample is cut in
two halves encoded in the order fp32, int8, int8, fp32, so that load from elsewhere on the
machine during the run weighs on both sides rather than biasing the ratio. The vectors are
compared too: the cosine of each passage's int8 vector to its fp32 one, and of each sentence's.

``python -m benchmarks.encoders [--passages N] [--data DIR]`` prints the figures as one JSON
line (``OMP_NUM_THREADS`` sets the threads of both: torch's, and the int8 passages run at once).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.build import PASSAGES_PER_ARTICLE
from benchmarks.data import sample_records
from benchmarks.machine import machine
from benchmarks.stats import ratio, throughput
from index.build.builder import read_corpus
from index.build.incremental import chunk_corpus
from index.config import EngineConfig, PassageEncoderKind
from index.embedding.encoder import Embedder, Encoded
from index.embedding.passages import workers
from index.evaluation.formats import read_dataset
from index.evaluation.materialize import materialize
from index.records import ArticleRecord, Passage

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parent.parent
WARM_UP = 8


def sample_passages(
    records: tuple[ArticleRecord, ...], config: EngineConfig, embedder: Embedder, count: int
) -> list[Passage]:
    """Return about ``count`` passages of articles spread evenly over ``records``."""
    articles = max(1, math.ceil(count / PASSAGES_PER_ARTICLE))
    with tempfile.TemporaryDirectory(prefix="coverbot-bench-encoders-") as scratch:
        corpus = materialize(sample_records(records, articles), Path(scratch), "sample") / "corpus"
        chunked, _ = chunk_corpus(read_corpus(corpus, config).articles, config, embedder)
    return chunked[:count]


def _timed(
    embedder: Embedder, passages: list[Passage], encoder: PassageEncoderKind
) -> tuple[list[Encoded], float]:
    start = time.perf_counter()
    encoded = embedder.encode_passages(
        [p.text for p in passages], [p.sentences for p in passages], encoder=encoder
    )
    return encoded, time.perf_counter() - start


def compare(embedder: Embedder, passages: list[Passage]) -> dict[str, Any]:
    """Time fp32 and int8 on the same passages (fp32, int8, int8, fp32) and compare vectors."""
    if len(passages) < 2:
        raise ValueError("comparing encoders needs at least two passages")
    for encoder in ("fp32", "onnx-int8"):  # load both models, fill caches, start threads
        _timed(embedder, passages[:WARM_UP], encoder)
    first, second = passages[0::2], passages[1::2]
    fp32_a, fp32_a_s = _timed(embedder, first, "fp32")
    int8_a, int8_a_s = _timed(embedder, first, "onnx-int8")
    int8_b, int8_b_s = _timed(embedder, second, "onnx-int8")
    fp32_b, fp32_b_s = _timed(embedder, second, "fp32")
    fp32_rate = throughput(len(passages), fp32_a_s + fp32_b_s)
    int8_rate = throughput(len(passages), int8_a_s + int8_b_s)
    fp32, int8 = fp32_a + fp32_b, int8_a + int8_b
    passage_cos = np.array([float(a.vector @ b.vector) for a, b in zip(fp32, int8, strict=True)])
    sentence_cos = np.concatenate(
        [(a.sentences * b.sentences).sum(axis=1) for a, b in zip(fp32, int8, strict=True)]
    )
    words = [len(p.text.split()) for p in passages]
    log.info("fp32 %.1f passages/s, int8 %.1f", fp32_rate, int8_rate)
    return {
        "passages": len(passages),
        "mean_words": float(np.mean(words)),
        "fp32_per_s": fp32_rate,
        "int8_per_s": int8_rate,
        "ratio": ratio(int8_rate, fp32_rate),
        "halves_per_s": {
            "fp32": [throughput(len(first), fp32_a_s), throughput(len(second), fp32_b_s)],
            "int8": [throughput(len(first), int8_a_s), throughput(len(second), int8_b_s)],
        },
        "int8_workers": workers(),
        "passage_cosine": {"min": float(passage_cos.min()), "mean": float(passage_cos.mean())},
        "sentence_cosine": {"min": float(sentence_cos.min()), "mean": float(sentence_cos.mean())},
    }


def main(argv: list[str] | None = None) -> int:
    """Print the comparison on RealTime QA dev as one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.encoders")
    parser.add_argument("--passages", type=int, default=600)
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "eval")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    config = EngineConfig()
    embedder = Embedder(config.model, config.device)
    records = read_dataset("realtimeqa", args.data / "realtimeqa-dev").records
    passages = sample_passages(records, config, embedder, args.passages)
    started = time.perf_counter()
    figures = compare(embedder, passages)
    figures["seconds"] = time.perf_counter() - started
    figures["omp_num_threads"] = os.environ.get("OMP_NUM_THREADS")
    print(json.dumps({"machine": machine(), "encoders": figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
