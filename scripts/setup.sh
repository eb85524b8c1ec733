#!/usr/bin/env bash
# Create .venv and install coverbot with its test tools. Safe to run again.
# torch is installed first, pinned to the CPU build this machine kind provides; a plain
# "torch" requirement would otherwise pull a CUDA build of several GB.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[dev]"
echo "coverbot is installed in .venv" >&2
