"""``COVERBOT_PASSAGE_ENCODER`` reaches the engine; a value it does not know is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from coverbot.settings import Settings
from tests.settings_env import fresh_folders


def test_the_passage_encoder_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """fp32 unless set; onnx-int8 when set; anything else is refused, naming the setting."""
    fresh_folders(tmp_path, monkeypatch)
    assert Settings().engine_config().passage_encoder == "fp32"
    monkeypatch.setenv("COVERBOT_PASSAGE_ENCODER", "onnx-int8")
    assert Settings().engine_config().passage_encoder == "onnx-int8"
    monkeypatch.setenv("COVERBOT_PASSAGE_ENCODER", "int4")
    with pytest.raises(ValidationError, match="passage_encoder"):
        Settings()
