"""Data-set readers, one module per format, each with ``read(path, corpus_dir) -> Dataset``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from index.evaluation.dataset import Dataset
from index.evaluation.formats import qa_jsonl, realtimeqa, rgb, squad

Reader = Callable[[Path, Path | None], Dataset]

FORMATS: dict[str, Reader] = {
    realtimeqa.NAME: realtimeqa.read,
    squad.NAME: squad.read,
    rgb.NAME: rgb.read,
    qa_jsonl.NAME: qa_jsonl.read,
}


def read_dataset(name: str, path: Path, corpus_dir: Path | None = None) -> Dataset:
    """Read the data set at ``path`` in the format ``name`` (one of ``FORMATS``)."""
    try:
        reader = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; use one of {', '.join(FORMATS)}") from None
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist")
    return reader(path, corpus_dir)
