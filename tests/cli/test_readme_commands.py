"""The commands the README shows do what it says they do."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_every_python_dash_m_command_in_the_readme_runs() -> None:
    """Issue 21 item 2: ``python -m bot`` was documented as starting the bot but exited 1."""
    commands = {
        match.group(1).strip()
        for match in re.finditer(r"python -m ((?!pytest)[\w.]+(?: [a-z][\w-]*)*)", README)
    }
    assert commands, "the README shows no python -m command any more: drop this test"
    for command in sorted(commands):
        shown = subprocess.run(
            [sys.executable, "-m", *command.split(), "--help"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert shown.returncode == 0, f"python -m {command}: {shown.stderr.strip()[-300:]}"
