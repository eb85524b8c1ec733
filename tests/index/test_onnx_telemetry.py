"""ONNX Runtime records and uploads nothing about the machine a question is answered on.

Its Linux builds keep a device identifier and an event database under
``$XDG_CACHE_HOME/Microsoft/DeveloperTools`` unless ``ORT_DISABLE_TELEMETRY`` is set before it
starts; the engine imports it through ``index.embedding.runtime``, which sets it. Each case runs
in a fresh process, as ONNX Runtime reads the switch once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import onnx
import pytest
from onnx import TensorProto, helper

REPO = Path(__file__).resolve().parents[2]
OPEN_A_SESSION = """
import os, sys
from index.embedding.runtime import TELEMETRY_SWITCH, ort
session = ort.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
print(session.get_inputs()[0].name, os.environ[TELEMETRY_SWITCH])
"""


def _identity_model(path: Path) -> Path:
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [1])
    graph = helper.make_graph([helper.make_node("Identity", ["x"], ["y"])], "identity", [x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))
    return path


def _open_session(tmp_path: Path, **extra: str) -> tuple[Path, str]:
    """Open a session in a fresh process; return its user cache and the switch it ran with."""
    cache = tmp_path / "user-cache"
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    env.update(XDG_CACHE_HOME=str(cache), HOME=str(tmp_path), PYTHONPATH=str(REPO), **extra)
    model = _identity_model(tmp_path / "identity.onnx")
    done = subprocess.run(
        [sys.executable, "-c", OPEN_A_SESSION, str(model)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    name, switch = done.stdout.split()
    assert name == "x"
    return cache, switch


@pytest.mark.parametrize("given", [None, "", " "])
def test_the_engine_s_onnx_runtime_keeps_no_device_identifier(tmp_path, given) -> None:
    """Unset, or set but empty (an ``.env`` line with no value), the switch is turned on."""
    extra = {} if given is None else {"ORT_DISABLE_TELEMETRY": given}
    cache, switch = _open_session(tmp_path, **extra)
    assert switch == "1"
    assert not (cache / "Microsoft").exists()
    assert not (tmp_path / ".cache" / "Microsoft").exists()


def test_an_operator_who_sets_the_switch_keeps_their_choice(tmp_path) -> None:
    """``ORT_DISABLE_TELEMETRY=0`` is the operator's to set: the engine does not overrule it."""
    _, switch = _open_session(tmp_path, ORT_DISABLE_TELEMETRY="0")
    assert switch == "0"
