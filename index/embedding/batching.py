"""Questions asked at about the same time, encoded together in one model call.

The encoder is most of what a question costs, and one call for 16 short questions costs far less
than 16 calls (a third as much a question, BENCHMARKS.md). :class:`QueryBatcher` lets
threads that ask concurrently share calls without any timer: a caller that finds the encoder idle
encodes its question at once (no added latency when the bot is quiet); callers that arrive while
a call is running wait, and the next call takes them all (up to ``max_batch``). The window is
thus the length of the running call, and it only exists under load.

An encoder that encodes each question alone anyway (the int8 ONNX encoder: its activation ranges
would otherwise depend on the batch) gains nothing from shared calls; for it (``batches`` false)
each caller encodes its own question at once, so callers on different cores run in parallel
(the encoder releases the GIL) instead of queueing behind one leader.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index.embedding.encoder import Vectors

Encode = Callable[[Sequence[str]], Vectors]
MAX_BATCH = 16
"""Past about 16 questions a call, the cost per question stops falling and latency grows."""


@dataclass(eq=False)
class _Pending:
    text: str
    done: threading.Event = field(default_factory=threading.Event)
    vector: Vectors | None = None
    error: BaseException | None = None
    lead: bool = False
    """Set instead of a result: this caller runs the next call for everyone waiting."""


@dataclass
class BatchStats:
    """How many calls were made and how many questions they encoded (read for reports)."""

    calls: int = 0
    questions: int = 0
    largest: int = 0


class QueryBatcher:
    """Thread-safe: ``encode(text)`` returns the text's vector, sharing calls with other threads."""

    def __init__(
        self, encode: Encode, max_batch: int = MAX_BATCH, batches: Callable[[], bool] = lambda: True
    ) -> None:
        """``batches()`` tells (when first needed) whether shared calls pay for ``encode``."""
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self._encode = encode
        self._batches = batches
        self._shared: bool | None = None  # batches(), asked once: it may load the model
        self.max_batch = max_batch
        self.stats = BatchStats()
        self._lock = threading.Lock()
        self._waiting: list[_Pending] = []
        self._running = False  # a call is running, or about to be run by a woken leader

    @property
    def shares_calls(self) -> bool:
        """Tell whether concurrent callers share model calls (asks ``batches`` the first time)."""
        if self._shared is None:
            self._shared = bool(self._batches())
        return self._shared

    def encode(self, text: str) -> Vectors:
        """Return the vector of ``text``; raise what the encoder raised for its batch."""
        if not self.shares_calls:
            return self._encode_alone(text)
        mine = _Pending(text)
        with self._lock:
            self._waiting.append(mine)
            lead = not self._running
            self._running = True
        if not lead:
            mine.done.wait()
        if mine.lead or lead:
            self._run_one_call()
        if mine.error is not None:
            raise mine.error
        assert mine.vector is not None  # noqa: S101 - set with done, or error is
        return mine.vector

    def _encode_alone(self, text: str) -> Vectors:
        vectors = self._encode([text])
        if len(vectors) != 1:
            raise RuntimeError(f"encoder returned {len(vectors)} vectors for 1")
        with self._lock:
            self.stats.calls += 1
            self.stats.questions += 1
            self.stats.largest = max(self.stats.largest, 1)
        return vectors[0]

    def _run_one_call(self) -> None:
        """Encode the oldest waiting questions (the caller's own among them), then hand over."""
        with self._lock:
            batch = self._waiting[: self.max_batch]
            del self._waiting[: self.max_batch]
        try:
            vectors = self._encode([p.text for p in batch])
            if len(vectors) != len(batch):
                raise RuntimeError(f"encoder returned {len(vectors)} vectors for {len(batch)}")
        except BaseException as error:  # each waiting caller gets the failure, none hangs
            for pending in batch:
                pending.error = error
        else:
            for pending, vector in zip(batch, vectors, strict=True):
                pending.vector = vector
        with self._lock:
            self.stats.calls += 1
            self.stats.questions += len(batch)
            self.stats.largest = max(self.stats.largest, len(batch))
            successor = self._waiting[0] if self._waiting else None
            if successor is None:
                self._running = False
            else:
                successor.lead = True
        for pending in batch:
            pending.lead = False
            pending.done.set()
        if successor is not None:
            successor.done.set()
