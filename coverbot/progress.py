"""Progress of a long engine job on a terminal: one bar a stage, and a log line as each starts."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tqdm import tqdm

log = logging.getLogger(__name__)

STAGE_NAMES = {
    "reading": "reading the corpus",
    "model": "loading the model",
    "embedding": "embedding passages",
    "indexing": "indexing",
    "publishing": "publishing",
}


class ProgressBars:
    """Progress callback: one tqdm bar a stage on stderr, and a log line when a stage starts.

    Bars are drawn only when ``enabled`` (callers pass ``sys.stderr.isatty()``); the log lines
    show with ``-v``, so a long build is never silent for whoever asked to see what it does.
    """

    def __init__(self, enabled: bool = True) -> None:
        self._enabled = enabled
        self._bars: dict[str, tqdm] = {}
        self._started: set[str] = set()

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Update the bar of ``stage``."""
        name = STAGE_NAMES.get(stage, stage)
        if stage not in self._started:
            self._started.add(stage)
            log.info("%s%s", name, f" ({total:,})" if total > 1 else "")
        if not self._enabled or total <= 0:
            return
        bar = self._bars.get(stage)
        if bar is None:
            from tqdm import tqdm  # only once something is built: not for a question

            bar = tqdm(
                total=total,
                desc=name,
                unit="passage" if stage == "embedding" else "step",
                file=sys.stderr,
                leave=False,
            )
            self._bars[stage] = bar
        bar.total = total
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    def close(self) -> None:
        """Close every bar."""
        for bar in self._bars.values():
            bar.close()
