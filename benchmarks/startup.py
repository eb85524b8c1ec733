"""Start-up as a user meets it: ``coverbot ask`` as a whole process, and the bot until ready.

``cli_ask`` times ``python -m coverbot ask`` from spawn to exit (median of several processes,
after one untimed run that fills the page cache), on a built index with the ONNX export cached.
``bot_ready`` times a child that runs the bot's own start (``bot.__main__.serve``: load the
index, check the corpus, warm-up question, log in) against the loopback Discord, from spawn until
discord.py is ready, then asks one /ask through Discord. The child also imports the loopback
Discord, which ``coverbot run`` does not; its checks against Discord's OpenAPI spec are off here
(they would time the harness, and only where ``../shared`` is beside the checkout). discord.py
turns ready only once no more guilds came for ``guild_ready_timeout`` (2 s); the child waits
0.05 s, as the tests' harness does, so the figure is the bot's own work, not that wait.

Both report the CPU seconds too (less disturbed than wall time by a busy host), and which heavy
modules (``HEAVY``) the process imported: none, when questions are encoded by the cached ONNX
export. ``python -m benchmarks.startup CORPUS INDEX`` prints the figures as one JSON line;
``... alternate ROUNDS old=CHECKOUT:INDEX new=CHECKOUT:INDEX`` times two checkouts (each with an
index built by its own code) taking turns, as BENCHMARKS.md compares before and after.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("torch", "transformers", "sentence_transformers")
QUESTION = "What did the ACLU say about Amazon's moratorium?"
ASK_RUNS = 5
BOT_RUNS = 3
TOKEN = "startup-benchmark-token"  # noqa: S105 - the loopback Discord's token, not a secret
GUILD_WAIT_S = 0.05
CHILD_TIMEOUT_S = 300
READY = "ready"


def imported_modules(importtime_log: str) -> set[str]:
    """Return the modules named by ``python -X importtime``'s lines on stderr."""
    names = set()
    for line in importtime_log.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.add(name)
    return names


def heavy(modules: set[str] | dict[str, Any]) -> list[str]:
    """Return the ``HEAVY`` modules among ``modules``."""
    return [name for name in HEAVY if name in modules]


def _env(code: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(code), env.get("PYTHONPATH")) if p)
    for name, value in (
        ("HF_HUB_OFFLINE", "1"),
        ("TRANSFORMERS_OFFLINE", "1"),
        ("TOKENIZERS_PARALLELISM", "false"),
    ):
        env.setdefault(name, value)
    return env


def _children_cpu() -> float:
    """Return the CPU seconds (user and system) of this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def ask_command(corpus: Path, index: Path, question: str = QUESTION) -> list[str]:
    """Return the command line of one ``coverbot ask`` process."""
    return [
        sys.executable,
        "-m",
        "coverbot",
        "ask",
        "--json",
        "--corpus",
        str(corpus),
        "--index",
        str(index),
        question,
    ]


def cli_ask(corpus: Path, index: Path, runs: int = ASK_RUNS, code: Path = REPO) -> dict[str, Any]:
    """Time ``coverbot ask`` as whole processes; also which heavy modules it imports."""
    command, env = ask_command(corpus, index), _env(code)
    traced = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [command[0], "-X", "importtime", *command[1:]],
        capture_output=True,
        text=True,
        env=env,
        cwd=code,
        timeout=CHILD_TIMEOUT_S,
        check=True,
    )
    answer = json.loads(traced.stdout.strip().splitlines()[-1])
    walls, cpus = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(  # noqa: S603 - our own interpreter and arguments
            command, capture_output=True, env=env, cwd=code, timeout=CHILD_TIMEOUT_S, check=True
        )
        walls.append(time.perf_counter() - start)
        cpus.append(_children_cpu() - cpu)
    return {
        "runs": runs,
        "wall_s": [round(w, 3) for w in walls],
        "median_s": statistics.median(walls),
        "cpu_median_s": statistics.median(cpus),
        "heavy_imports": heavy(imported_modules(traced.stderr)),
        "answered": not answer["abstained"],
    }


def _bot_once(corpus: Path, index: Path, scratch: Path, code: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.startup", "bot", str(corpus), str(index)]
    command.append(str(scratch))
    start = time.perf_counter()
    with subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, stdout=subprocess.PIPE, text=True, env=_env(code), cwd=code
    ) as child:
        assert child.stdout is not None  # noqa: S101 - piped above
        first = child.stdout.readline()
        ready = time.perf_counter() - start
        rest = child.stdout.read()
        code_ = child.wait(timeout=CHILD_TIMEOUT_S)
    signal, _, cpu = first.strip().partition(" ")
    if signal != READY or code_ != 0:
        raise RuntimeError(f"the bot did not start (exit {code_}): {first.strip()[:200]}")
    return {"ready_s": ready, "cpu_s": float(cpu), **json.loads(rest.strip().splitlines()[-1])}


def bot_ready(
    corpus: Path, index: Path, scratch: Path, runs: int = BOT_RUNS, code: Path = REPO
) -> dict[str, Any]:
    """Time the bot from spawn to ready on the loopback Discord (median of ``runs`` starts)."""
    starts = [_bot_once(corpus, index, scratch / f"bot-{i}", code) for i in range(runs)]
    readies = [s["ready_s"] for s in starts]
    return {
        "runs": runs,
        "ready_s": [round(r, 3) for r in readies],
        "median_s": statistics.median(readies),
        "cpu_median_s": statistics.median(s["cpu_s"] for s in starts),
        "heavy_imports": sorted({m for s in starts for m in s["heavy_imports"]}),
        "answered": all(s["answered"] for s in starts),
    }


def measure(
    corpus: Path,
    index: Path,
    scratch: Path,
    runs: tuple[int, int] = (ASK_RUNS, BOT_RUNS),
    code: Path = REPO,
) -> dict[str, Any]:
    """Return both start-up figures for a built index of ``corpus`` (``runs``: asks, starts)."""
    return {
        "cli_ask": cli_ask(corpus, index, runs[0], code),
        "bot_ready": bot_ready(corpus, index, scratch, runs[1], code),
    }


def alternate(trees: dict[str, tuple[Path, Path]], rounds: int, scratch: Path) -> dict[str, Any]:
    """Time checkouts against each other, taking turns, on the same host in the same minutes.

    ``trees`` names each checkout's folder and the index it built of its own ``corpus``. Each
    round times two ``coverbot ask`` processes and one bot start of every checkout in turn.
    """
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    for turn in range(rounds):
        for name, (code, index) in trees.items():
            figures = measure(code / "corpus", index, scratch / f"{name}-{turn}", (2, 1), code)
            runs[name].append(figures)
    summary = {}
    for name, measured in runs.items():
        asks = [m["cli_ask"] for m in measured]
        bots = [m["bot_ready"] for m in measured]
        summary[name] = {
            "ask_wall_s": [w for a in asks for w in a["wall_s"]],
            "ask_median_s": statistics.median(w for a in asks for w in a["wall_s"]),
            "ask_cpu_median_s": statistics.median(a["cpu_median_s"] for a in asks),
            "bot_ready_s": [r for b in bots for r in b["ready_s"]],
            "bot_median_s": statistics.median(r for b in bots for r in b["ready_s"]),
            "bot_cpu_median_s": statistics.median(b["cpu_median_s"] for b in bots),
            "heavy_imports": sorted({m for f in asks + bots for m in f["heavy_imports"]}),
            "answered": all(f["answered"] for f in asks + bots),
        }
    return summary


async def _serve_until_ready(corpus: Path, index: Path, data: Path) -> dict[str, Any]:
    """Run the bot's own start against the loopback Discord; ask once; stop."""
    from pydantic import SecretStr

    from bot import __main__ as composition
    from coverbot.settings import Settings
    from fakediscord import FakeDiscord

    # The loopback's checks against Discord's OpenAPI spec (when ../shared holds it) are the
    # test harness's work, about 0.3 s of it in this process: off, so the figure is the bot's.
    async with FakeDiscord(token=TOKEN, spec_check=False) as fake:
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            discord_token=SecretStr(TOKEN),
            corpus_dir=corpus,
            index_dir=index,
            data_dir=data,
            guild_ids=[fake.guild.id],
        )
        bots: list[Any] = []
        build = composition.build_bot

        def build_and_keep(*args: Any, **kwargs: Any) -> Any:
            bot = build(*args, **kwargs)
            bot._connection.guild_ready_timeout = GUILD_WAIT_S
            bots.append(bot)
            return bot

        composition.build_bot = build_and_keep
        serving = asyncio.create_task(composition.serve(settings))
        while not (bots and bots[0].is_ready()):
            if serving.done():
                serving.result()
                raise RuntimeError("the bot stopped before it was ready")
            await asyncio.sleep(0.002)
        print(READY, time.process_time(), flush=True)  # CPU seconds until ready
        asked = await fake.slash("ask", {"question": QUESTION}, user="alice")
        seen = await fake.wait_seen(asked)
        answered = bool(seen.messages) and "moratorium" in seen.messages[-1].text.lower()
        await bots[0].close()
        await serving
    return {"heavy_imports": heavy(sys.modules), "answered": answered}


USAGE = """usage: python -m benchmarks.startup CORPUS INDEX
       python -m benchmarks.startup alternate ROUNDS NAME=CHECKOUT:INDEX NAME=CHECKOUT:INDEX"""


def main(argv: list[str]) -> int:
    """Run the bot child, measure one checkout, or alternate checkouts (see ``USAGE``)."""
    import tempfile

    if len(argv) == 5 and argv[1] == "bot":
        result = asyncio.run(_serve_until_ready(Path(argv[2]), Path(argv[3]), Path(argv[4])))
        print(json.dumps(result))
        return 0
    with tempfile.TemporaryDirectory(prefix="coverbot-startup-") as scratch:
        if len(argv) == 3:
            print(json.dumps(measure(Path(argv[1]), Path(argv[2]), Path(scratch))))
            return 0
        if len(argv) >= 4 and argv[1] == "alternate" and argv[2].isdigit():
            trees = {}
            for spec in argv[3:]:
                name, _, paths = spec.partition("=")
                code, _, index = paths.partition(":")
                trees[name] = (Path(code), Path(index))
            print(json.dumps(alternate(trees, int(argv[2]), Path(scratch))))
            return 0
    print(USAGE, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
