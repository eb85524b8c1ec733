"""Measure in a fresh process: run one of the benchmark modules and read its last JSON line.

A cold start, an import's cost or a million-passage index's memory are only honest in a process
that has loaded nothing yet; each such module has a ``main`` that measures and prints one JSON
object as its last line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def run_child(
    module: str,
    *arguments: str,
    timeout_s: float,
    env_extra: dict[str, str] | None = None,
    stdin: str = "",
) -> dict[str, Any]:
    """Return what ``python -m module arguments`` printed last, run from the repository root.

    ``env_extra`` is laid over this process's environment. A child that fails raises
    ``RuntimeError`` with the end of its standard error.
    """
    env = dict(os.environ)
    env.update(env_extra or {})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", module, *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout_s,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{module} child failed: {done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
