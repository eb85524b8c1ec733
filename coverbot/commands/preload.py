"""The question encoder, opened on a second thread while ``coverbot ask`` imports the engine.

A terminal question spends about 0.2 s opening the ONNX session of the question encoder and
about 0.35 s importing the engine (FAISS, the retrieval and answering modules). The first is
onnxruntime's own work outside the GIL, the second Python's, so the two overlap on two cores:
the session is started here before the engine is imported, and the engine is given the
embedder once it is ready (``take``).

Only what starts from cached files is started this way (``loads_without_torch``): an export
still to be made, or torch questions, stay on the main thread, where a failure is reported as
any other. A failure here is never reported: the engine then loads the embedder itself and meets
the same failure where the user sees it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.config import EngineConfig
    from index.embedding.encoder import Embedder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Wanted:
    model: str
    device: str
    query_encoder: str


class _Preload:
    def __init__(self, config: EngineConfig) -> None:
        self.wanted = _Wanted(config.model, config.device, config.query_encoder)
        self.embedder: Embedder | None = None
        self.thread = threading.Thread(target=self._load, args=(config,), name="preload-encoder")

    def _load(self, config: EngineConfig) -> None:
        from index.embedding.encoder import load_embedder

        try:
            self.embedder = load_embedder(config.model, config.device, config.query_encoder)
        except Exception:  # the main thread loads it again and reports the failure
            log.debug("preloading the question encoder failed", exc_info=True)


_started: _Preload | None = None


def start() -> None:
    """Start opening the configured question encoder when that needs cached files only."""
    global _started
    try:
        from coverbot.settings import Settings
        from index.embedding.encoder import loads_without_torch

        config = Settings().engine_config()
        if not loads_without_torch(config.model, config.device, config.query_encoder):
            return
        # Imported here, so that the thread imports nothing while the main thread imports
        # the engine: two threads importing at once could wait on each other's modules.
        import tokenizers  # noqa: F401

        import index.embedding.runtime  # noqa: F401 - ONNX Runtime, telemetry off
    except Exception:  # settings or model the main thread will report on
        log.debug("not preloading the question encoder", exc_info=True)
        return
    _started = _Preload(config)
    _started.thread.start()


def take(config: EngineConfig) -> Embedder | None:
    """Return the preloaded embedder when it is the one ``config`` asks for, else None."""
    global _started
    preload, _started = _started, None
    if preload is None:
        return None
    preload.thread.join()
    wanted = _Wanted(config.model, config.device, config.query_encoder)
    return preload.embedder if preload.wanted == wanted else None
