"""The whole bot under load: the real bot logged in to a loopback Discord, asked in bursts.

For each answering pool (sized by default, and forced to 32 threads, what a 28-core host would get
from asyncio's default pool) it asks bursts of /ask at once (10, 100, 1,000; distinct members,
bundled coverage) and then a sustained rate, and reports per phase: acknowledged within 3 s,
expired (10062), answered, told "busy", acknowledgement and answer p50/p95/max, answers a second,
the bot's loop lag and peak memory, and how many questions each model call encoded. A last
burst runs with the pending-question limit below the burst, to show "busy" replacing silence.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.loadrun import LoopThread, Probe
from index.embedding.encoder import Embedder
from index.engine import Engine

log = logging.getLogger(__name__)
Say = Callable[[str], None]
TOKEN = "load-benchmark-token"  # noqa: S105 - the loopback Discord's token, not a secret
ACK_WINDOW = 3.0
SETTLE_POLL = 0.25
MIB = 1 << 20
QUESTIONS = (
    "How much did the Oregon sheriff's office pay to upload its photos?",
    "What did the ACLU say about Amazon's moratorium?",
    "How long is Amazon's ban on police use of Rekognition?",
    "Which companies stopped selling face recognition to police?",
    "What did Amazon say Congress should do?",
    "Who found that facial recognition misidentifies darker-skinned women?",
    "How do I bake sourdough bread?",
    "Will Amazon still let other organizations use Rekognition?",
)


@dataclass(frozen=True)
class LoadOptions:
    """What the load benchmark asks, and with which pools."""

    bursts: tuple[int, ...] = (10, 100, 1000)
    sustained_rate: float = 5.0
    sustained_seconds: float = 60.0
    pools: tuple[int | None, ...] = (None, 32)
    """Answering threads: None is the bot's own sizing."""
    limited: int = 200
    """The pending-question limit of the last burst (past it: "busy")."""
    settle_timeout: float = 300.0
    spec_check: bool = False
    """Check every request and event against Discord's OpenAPI spec (the loopback Discord's
    jsonschema validation). It runs in this process, on the bot's GIL, and costs more than the
    bot's own work for each interaction (a profile of a 1,000 burst: 13.6 s of validation), which
    a real Discord does not charge the bot; the tests and the quick run check the spec."""


QUICK = LoadOptions(
    bursts=(5, 20), sustained_rate=5.0, sustained_seconds=2.0, limited=5, spec_check=True
)


def spread(values: list[float]) -> dict[str, float] | None:
    """Return p50, p95 and max of ``values`` (seconds) in milliseconds; None when empty."""
    if not values:
        return None
    array = np.asarray(values, dtype=np.float64) * 1000
    return {
        "p50_ms": float(np.percentile(array, 50)),
        "p95_ms": float(np.percentile(array, 95)),
        "max_ms": float(array.max()),
    }


def outcomes(fake: Any, ids: list[int], busy_text: str) -> dict[str, Any]:
    """Summarise what the members saw for ``ids`` (read on the loopback Discord's loop)."""
    followups: dict[int, Any] = {}
    for request in fake.requests:
        wanted = request.name == "followup_create" and request.status == 200
        if wanted and request.interaction_id not in followups:
            followups[request.interaction_id] = request
    acks, answers, ends = [], [], []
    acked = expired = answered = busy = 0
    starts = []
    for iid in ids:
        record = fake.interaction(iid)
        starts.append(record.dispatched_at)
        expired += record.expired
        if record.ack_delay is not None:
            acks.append(record.ack_delay)
            acked += record.ack_delay <= ACK_WINDOW
        if record.ack_type == 4 and busy_text in str(record.callbacks):
            busy += 1
        elif iid in followups:
            answered += 1
            answers.append(followups[iid].since_dispatch)
            ends.append(record.dispatched_at + followups[iid].since_dispatch)
    span = (max(ends) - min(starts)) if ends else 0.0
    return {
        "asked": len(ids),
        "acked_within_3s": acked,
        "expired_10062": expired,
        "answered": answered,
        "busy": busy,
        "unsettled": len(ids) - answered - busy - expired,
        "ack": spread(acks),
        "answer": spread(answers),
        "answers_per_s": answered / span if span > 0 else None,
    }


def settled(fake: Any, ids: list[int]) -> bool:
    """Tell whether every interaction is answered, told busy, or expired."""
    for iid in ids:
        if fake.interaction(iid).expired:
            continue
        if not any(not message.loading for message in fake.seen(iid).messages):
            return False
    return True


async def ask_at_once(fake: Any, count: int, first: int) -> list[int]:
    """Dispatch ``count`` /ask from distinct members at once (on the fake's loop)."""
    from fakediscord import FakeUser

    return list(
        await asyncio.gather(
            *(
                fake.slash(
                    "ask",
                    {"question": QUESTIONS[n % len(QUESTIONS)]},
                    user=FakeUser(username=f"member{first + n}"),
                )
                for n in range(count)
            )
        )
    )


async def ask_steadily(fake: Any, rate: float, seconds: float, first: int) -> list[int]:
    """Dispatch /ask at ``rate`` a second for ``seconds`` (on the fake's loop)."""
    from fakediscord import FakeUser

    loop = asyncio.get_running_loop()
    start = loop.time()
    ids = []
    for n in range(max(1, int(rate * seconds))):
        await asyncio.sleep(max(0.0, start + n / rate - loop.time()))
        user = FakeUser(username=f"steady{first + n}")
        ids.append(await fake.slash("ask", {"question": QUESTIONS[n % len(QUESTIONS)]}, user=user))
    return ids


async def settle(fake: Any, ids: list[int], timeout: float) -> None:
    """Wait until every interaction has its outcome, or ``timeout`` (on the fake's loop)."""
    try:
        await fake.wait_until(lambda: settled(fake, ids), timeout, SETTLE_POLL)
    except TimeoutError:
        log.warning("load: %d interactions unsettled after %.0f s", len(ids), timeout)


class Session:
    """The bot on this loop, the loopback Discord on its own thread, and the probe."""

    def __init__(self, engine: Engine, fake_thread: LoopThread, fake: Any, bot: Any) -> None:
        self.engine = engine
        self.fake_thread = fake_thread
        self.fake = fake
        self.bot = bot
        self.probe = Probe()
        self.members = 0

    async def phase(self, dispatch: Callable[[int], Any], count: int, timeout: float) -> dict:
        """Run one phase (a burst or a sustained rate) and return its figures."""
        from bot.errors import BUSY

        stats = self.engine.queries.stats
        calls, questions = stats.calls, stats.questions
        started = time.perf_counter()
        ids = await self.fake_thread.call(dispatch(self.members))
        self.members += count
        await self.fake_thread.call(settle(self.fake, ids, timeout))
        ended = time.perf_counter()
        figures = await self.fake_thread.call(_read(outcomes, self.fake, ids, BUSY))
        calls, questions = stats.calls - calls, stats.questions - questions
        figures.update(
            seconds=ended - started,
            loop_lag=spread(self.probe.lags_between(started, ended)),
            peak_rss_mib=self.probe.peak_memory_between(started, ended) / MIB,
            encoder_calls=calls,
            questions_per_call=questions / calls if calls else None,
        )
        return figures


async def _read(function: Callable[..., Any], *args: Any) -> Any:
    return function(*args)


async def _start_fake(spec_check: bool) -> Any:
    from fakediscord import FakeDiscord

    fake = FakeDiscord(token=TOKEN, spec_check=spec_check)
    await fake.start()
    return fake


def bot_settings(engine: Engine, data_dir: Path, guild_id: int, **pool: Any) -> Any:
    """Return production settings for the benchmark's bot (default cooldown and limits)."""
    from coverbot.settings import Settings

    values = {
        "discord_token": TOKEN,
        "data_dir": data_dir,
        "corpus_dir": engine.config.corpus_dir,
        "index_dir": engine.config.index_dir,
        "guild_ids": [guild_id],
        **{k: v for k, v in pool.items() if v is not None},
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass(frozen=True)
class Pool:
    """One bot configuration to load: its pool, its limit, and which phases to run."""

    threads: int | None = None
    limit: int | None = None
    bursts: tuple[int, ...] | None = None
    sustained: bool = True


async def run_pool(
    engine: Engine, scratch: Path, options: LoadOptions, say: Say, pool: Pool
) -> dict[str, Any]:
    """Start the bot with one pool setting and run the bursts and the sustained rate."""
    from bot.__main__ import build_bot, warm_up
    from bot.heap import freeze_startup_heap

    fake_thread = LoopThread("loopback-discord")
    fake = await fake_thread.call(_start_fake(options.spec_check))
    settings = bot_settings(
        engine,
        scratch / "bot",
        fake.guild.id,
        answer_threads=pool.threads,
        answer_queue_limit=pool.limit,
    )
    await asyncio.to_thread(warm_up, engine)  # as ``serve`` does before the bot connects
    bot = build_bot(settings, engine)
    freeze_startup_heap()
    session = Session(engine, fake_thread, fake, bot)
    session.probe.start()
    try:
        await fake.start_client(bot, token=TOKEN, timeout=60)
        results: dict[str, Any] = {"threads": bot.answering.threads, "limit": bot.answering.limit}
        for size in pool.bursts or options.bursts:
            say(f"load: {size} asks at once ({results['threads']} threads)")
            results[f"burst_{size}"] = await session.phase(
                functools.partial(ask_at_once, fake, size), size, options.settle_timeout
            )
        if pool.sustained:
            rate, seconds = options.sustained_rate, options.sustained_seconds
            say(f"load: {rate:g} asks a second for {seconds:g} s")
            results["sustained"] = await session.phase(
                functools.partial(ask_steadily, fake, rate, seconds),
                int(rate * seconds),
                options.settle_timeout,
            )
            results["sustained"]["rate_per_s"] = rate
        results["figures"] = vars(bot.answering.figures())
        return results
    finally:
        await fake.stop_client()
        await fake_thread.call(fake.close())
        fake_thread.stop()
        await session.probe.stop()


def run_load(
    engine_config: Any, embedder: Embedder, scratch: Path, options: LoadOptions, say: Say
) -> dict[str, Any]:
    """Build the bundled coverage's index, then run every pool's phases; return the figures."""
    engine = Engine(replace(engine_config, index_dir=scratch / "load-index"), embedder)
    info = engine.load_or_build()
    results: dict[str, Any] = {"articles": info.articles, "passages": info.passages}
    for threads in options.pools:
        name = "pool_default" if threads is None else f"pool_{threads}"
        results[name] = asyncio.run(run_pool(engine, scratch / name, options, say, Pool(threads)))
    largest = max(options.bursts)
    say(f"load: {largest} asks at once with the limit at {options.limited}")
    results["over_limit"] = asyncio.run(
        run_pool(
            engine,
            scratch / "over_limit",
            options,
            say,
            Pool(limit=options.limited, bursts=(largest,), sustained=False),
        )
    )
    return results
