"""ONNX Runtime, imported with its telemetry off unless the operator chose otherwise.

Since 1.29 the Linux and macOS builds of ONNX Runtime record usage events in a database under
``$XDG_CACHE_HOME/Microsoft/DeveloperTools/.onnxruntime``, keep a device identifier beside it and
upload the events to Microsoft. A bot that answers a community's questions has no business
reporting on its machine, and the database's writes and ``fsync`` at exit cost every terminal
question time. ONNX Runtime reads ``ORT_DISABLE_TELEMETRY`` once, when it starts: it is set here,
before the first import, so every part of the engine imports ONNX Runtime through this module.
An operator who sets the variable to a value keeps it; set but empty (as an ``.env`` line
``ORT_DISABLE_TELEMETRY=`` leaves it), ONNX Runtime would read it as unset, so it is set here.
"""

from __future__ import annotations

import os

TELEMETRY_SWITCH = "ORT_DISABLE_TELEMETRY"

if not os.environ.get(TELEMETRY_SWITCH, "").strip():
    os.environ[TELEMETRY_SWITCH] = "1"

import onnxruntime as ort  # noqa: E402 - the switch must be set before ONNX Runtime starts

__all__ = ["ort"]
