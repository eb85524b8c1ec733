"""Domain exceptions of the engine; front ends map them to user-facing text."""

from __future__ import annotations


class CoverbotError(Exception):
    """Base of every error the engine raises on purpose; its message is safe to show."""


class IndexMissingError(CoverbotError):
    """No index has been published in the index folder yet."""


class IndexCorruptError(CoverbotError):
    """A file of the published index is missing, unreadable or inconsistent."""


class IndexMismatchError(CoverbotError):
    """The index was built with settings (model, dimension) other than the engine's."""


class RebuildInProgressError(CoverbotError):
    """A rebuild was asked for while another one runs."""


class CorpusError(CoverbotError):
    """The corpus folder itself cannot be used (missing, not a folder, nothing indexable)."""


class ModelLoadError(CoverbotError):
    """The embedding model could not be loaded offline."""


class QuestionError(CoverbotError):
    """The question cannot be asked (empty, too long)."""


class IndexWriteError(CoverbotError):
    """The new index could not be written (disk full, permissions); the old one still serves."""
