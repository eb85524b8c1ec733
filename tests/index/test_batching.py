"""Questions asked together share model calls; each caller still gets its own vector or error."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np
import pytest

from index.embedding.batching import QueryBatcher, Vectors
from index.engine import Engine
from tests.articles import SEED_QUESTION


class GatedEncoder:
    """An encoder whose first call waits for a gate, so later callers pile up behind it."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.gate = threading.Event()
        self.calls: list[list[str]] = []
        self.fail_on = fail_on

    def __call__(self, texts: Sequence[str]) -> Vectors:
        """Record the call; the first waits for the gate; a vector from each text's letters."""
        self.calls.append(list(texts))
        if len(self.calls) == 1:
            self.gate.wait(30)
        if self.fail_on in texts:
            raise ValueError("encoder failed")
        return np.array([[float(len(t)), float(sum(map(ord, t)))] for t in texts], np.float32)


def expected(text: str) -> list[float]:
    """Return the vector ``GatedEncoder`` gives ``text``."""
    return [float(len(text)), float(sum(map(ord, text)))]


def ask_in_threads(batcher: QueryBatcher, texts: list[str]) -> tuple[dict, list[threading.Thread]]:
    """Start one thread per text calling ``batcher.encode``; results (or errors) go in a dict."""
    results: dict[str, object] = {}

    def ask(text: str) -> None:
        try:
            results[text] = batcher.encode(text).tolist()
        except ValueError as error:
            results[text] = error

    threads = [threading.Thread(target=ask, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    return results, threads


def wait_for_waiting(batcher: QueryBatcher, count: int) -> None:
    """Block until ``count`` callers wait behind the running call."""
    done = threading.Event()
    for _ in range(3000):
        with batcher._lock:
            if len(batcher._waiting) >= count:
                return
        done.wait(0.01)
    raise AssertionError(f"{count} callers never queued")


def test_an_idle_batcher_encodes_a_question_at_once() -> None:
    """A lone question is encoded by itself, in one call, without waiting for company."""
    encoder = GatedEncoder()
    encoder.gate.set()
    batcher = QueryBatcher(encoder)
    assert batcher.encode("hello").tolist() == expected("hello")
    assert encoder.calls == [["hello"]]


def test_questions_arriving_during_a_call_share_the_next_one() -> None:
    """Five questions asked while a call runs are encoded in one call, each caller its vector."""
    encoder = GatedEncoder()
    batcher = QueryBatcher(encoder)
    first, first_threads = ask_in_threads(batcher, ["first"])
    while not encoder.calls:
        threading.Event().wait(0.01)
    later = [f"question {i}" for i in range(5)]
    results, threads = ask_in_threads(batcher, later)
    wait_for_waiting(batcher, 5)
    encoder.gate.set()
    for thread in [*first_threads, *threads]:
        thread.join(30)
    assert encoder.calls[0] == ["first"]
    assert sorted(encoder.calls[1]) == later and len(encoder.calls) == 2
    assert all(results[t] == expected(t) for t in later) and first["first"] == expected("first")
    assert (batcher.stats.calls, batcher.stats.questions, batcher.stats.largest) == (2, 6, 5)


def test_a_call_takes_at_most_max_batch_questions() -> None:
    """Seven waiting questions with max_batch 3 go in calls of 3, 3 and 1, all answered."""
    encoder = GatedEncoder()
    batcher = QueryBatcher(encoder, max_batch=3)
    _, first_threads = ask_in_threads(batcher, ["first"])
    while not encoder.calls:
        threading.Event().wait(0.01)
    later = [f"q{i}" for i in range(7)]
    results, threads = ask_in_threads(batcher, later)
    wait_for_waiting(batcher, 7)
    encoder.gate.set()
    for thread in [*first_threads, *threads]:
        thread.join(30)
    assert [len(c) for c in encoder.calls] == [1, 3, 3, 1]
    assert all(results[t] == expected(t) for t in later)


def test_a_failing_call_fails_only_its_own_callers() -> None:
    """When a call raises, each of its callers gets the error; the batcher keeps working."""
    encoder = GatedEncoder(fail_on="bad")
    batcher = QueryBatcher(encoder)
    _, first_threads = ask_in_threads(batcher, ["first"])
    while not encoder.calls:
        threading.Event().wait(0.01)
    results, threads = ask_in_threads(batcher, ["bad", "unlucky"])
    wait_for_waiting(batcher, 2)
    encoder.gate.set()
    for thread in [*first_threads, *threads]:
        thread.join(30)
    assert all(isinstance(results[t], ValueError) for t in ("bad", "unlucky"))
    assert batcher.encode("after").tolist() == expected("after")


def test_an_encoder_that_does_not_batch_is_called_by_each_caller_in_parallel() -> None:
    """With ``batches`` false, two callers are inside the encoder at the same time."""
    inside = threading.Barrier(2, timeout=30)  # broken (an error) unless both calls overlap
    seen: list[list[str]] = []

    def encode(texts: Sequence[str]) -> Vectors:
        seen.append(list(texts))
        inside.wait()
        return np.array([expected(t) for t in texts], np.float32)

    batcher = QueryBatcher(encode, batches=lambda: False)
    results, threads = ask_in_threads(batcher, ["one", "two"])
    for thread in threads:
        thread.join(60)
    assert results == {"one": expected("one"), "two": expected("two")}
    assert sorted(seen) == [["one"], ["two"]]
    assert (batcher.stats.calls, batcher.stats.questions, batcher.stats.largest) == (2, 2, 1)


@pytest.mark.model
def test_concurrent_asks_get_the_answers_of_single_asks(seed_engine: Engine) -> None:
    """Questions asked at once from many threads are answered as if each were asked alone."""
    questions = [SEED_QUESTION, "What did the ACLU say?", "How do I bake sourdough bread?"] * 4
    alone = {q: seed_engine.ask(q) for q in set(questions)}
    answers: list[tuple[str, object]] = []
    threads = [
        threading.Thread(target=lambda q=q: answers.append((q, seed_engine.ask(q))))
        for q in questions
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(answers) == len(questions)
    for question, answer in answers:
        single = alone[question]
        assert answer.abstained == single.abstained  # type: ignore[attr-defined]
        assert [h.quote for h in answer.hits] == [h.quote for h in single.hits]  # type: ignore[attr-defined]
