"""Passages encoded by the int8 ONNX export: each passage's token vectors and their offsets.

The export (``index.embedding.onnx``, the file questions use) outputs the model's token vectors;
``index.embedding.encoder`` pools them into the passage's vector and its sentences' vectors
exactly as it pools the torch model's.

Each passage is encoded alone, so nothing is padded and its vectors never depend on other
passages: int8 activations are quantised with one range over the whole input, so a passage
padded into a batch gets other vectors, and the same text must get the same vectors whichever
build encodes it. Alone is also faster than batches of similar lengths here (BENCHMARKS.md).
The cores are used by running that many passages at once, each on one thread (onnxruntime
releases the GIL while it runs).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class TokenVectors:
    """One passage's token vectors (special tokens included) and their character offsets."""

    vectors: npt.NDArray[np.float32]
    offsets: tuple[tuple[int, int], ...]


def workers() -> int:
    """Return how many passages to encode at once.

    ``OMP_NUM_THREADS`` when set, as torch reads it; otherwise the cores this process may use.
    """
    configured = os.environ.get("OMP_NUM_THREADS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


class OnnxPassageEncoder:
    """Encodes passages with an exported model; thread-safe (onnxruntime sessions are)."""

    def __init__(self, path: Path, tokenizer_json: str, max_tokens: int) -> None:
        from tokenizers import Tokenizer

        from index.embedding.runtime import ort

        tokenizer = Tokenizer.from_str(tokenizer_json)
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=max_tokens)
        self._tokenizer = tokenizer
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1  # one passage a thread; ``workers`` run side by side
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self._session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.workers = workers()
        self.path = path

    def encode(self, texts: Sequence[str]) -> list[TokenVectors]:
        """Return each text's token vectors, in the order of ``texts``."""
        encodings = self._tokenizer.encode_batch(list(texts))
        # Longest first, so the last passages to finish are short ones and no worker idles long.
        order = sorted(range(len(encodings)), key=lambda i: -len(encodings[i].ids))
        results: list[TokenVectors | None] = [None] * len(encodings)

        def encode_one(index: int) -> None:
            encoding = encodings[index]
            ids = np.asarray([encoding.ids], dtype=np.int64)
            types = np.asarray([encoding.type_ids], dtype=np.int64)
            (tokens,) = self._session.run(
                None,
                {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": types},
            )
            offsets = tuple((int(a), int(b)) for a, b in encoding.offsets)
            results[index] = TokenVectors(np.asarray(tokens[0], dtype=np.float32), offsets)

        if self.workers == 1 or len(order) == 1:
            for index in order:
                encode_one(index)
        else:
            with ThreadPoolExecutor(self.workers, thread_name_prefix="passages") as pool:
                list(pool.map(encode_one, order))
        return [r for r in results if r is not None]
