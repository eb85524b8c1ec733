#!/usr/bin/env bash
# Create .venv and install coverbot with its test tools. Safe to run again.
#
# torch is installed first, as a CPU build: a plain "torch" requirement resolved against PyPI on
# Linux pulls a CUDA build with about 18 nvidia-* packages (several GB). PyTorch's own CPU wheel
# index is used when it answers; otherwise (no route to it, e.g. behind a mirror) whatever this
# machine's pip offers is used, and the script says which it was.
#
#   COVERBOT_TORCH_INDEX   index to take torch from (default: PyTorch's CPU index)
#   COVERBOT_TORCH         torch requirement (default: torch==2.13.0)
#   COVERBOT_TORCH_GPU=1   keep pip's default torch (CUDA on Linux); then COVERBOT_DEVICE=cuda
#   PYTHON                 interpreter for the venv (default: python3)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
TORCH="${COVERBOT_TORCH:-torch==2.13.0}"
TORCH_INDEX="${COVERBOT_TORCH_INDEX:-https://download.pytorch.org/whl/cpu}"
say() { echo "setup: $*" >&2; }

if [ ! -x .venv/bin/python ]; then
    say "creating .venv with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv .venv
fi
PIP=(.venv/bin/python -m pip install)
say "upgrading pip"
"${PIP[@]}" --upgrade pip

# Answers within 5 seconds or not at all: an unreachable index must not stall the set-up.
reachable() {
    .venv/bin/python - "$1" <<'EOF'
import os, sys, urllib.parse, urllib.request
url = sys.argv[1].rstrip("/") + "/torch/"
if url.startswith("file:"):
    sys.exit(0 if os.path.isdir(urllib.parse.urlparse(url).path) else 1)
try:
    urllib.request.urlopen(url, timeout=5).close()
except Exception:
    sys.exit(1)
EOF
}

if [ "${COVERBOT_TORCH_GPU:-0}" = "1" ]; then
    say "installing $TORCH as pip offers it (GPU build on Linux; set COVERBOT_DEVICE=cuda)"
    "${PIP[@]}" "$TORCH"
elif reachable "$TORCH_INDEX"; then
    say "installing $TORCH, CPU build, from $TORCH_INDEX"
    "${PIP[@]}" --index-url "$TORCH_INDEX" --extra-index-url https://pypi.org/simple "$TORCH"
else
    say "$TORCH_INDEX does not answer; installing $TORCH from this machine's pip configuration"
    "${PIP[@]}" "$TORCH"
fi

say "installing coverbot and its development tools"
"${PIP[@]}" -e ".[dev]"
# Asked once numpy is installed too: importing torch without it warns "Failed to initialize NumPy".
.venv/bin/python - <<'EOF' >&2
import torch
kind = "CUDA " + torch.version.cuda if torch.version.cuda else "CPU"
print(f"setup: torch {torch.__version__} ({kind} build)")
EOF
# pip compiles what it installs, but not an editable checkout: compiled here, so that a command
# does not compile the project's modules each time where PYTHONDONTWRITEBYTECODE is set (about
# 0.1 s of a terminal question, BENCHMARKS.md).
.venv/bin/python -m compileall -q -j 0 bot coverbot index >/dev/null
say "coverbot is installed in .venv; try: .venv/bin/coverbot ask \"What did the ACLU say?\""
