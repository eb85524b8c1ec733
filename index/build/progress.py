"""How a build reports progress: ``progress(stage, done, total)`` as each stage advances.

Apart from the steps that call it, so that a process that only answers questions can name the
type without importing the builder's modules (the embedding cache, sqlite3).
"""

from __future__ import annotations

from collections.abc import Callable

ProgressFn = Callable[[str, int, int], None]
"""Told ``(stage, done, total)`` as a build goes."""
