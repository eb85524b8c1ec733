"""Grow the coverage: add articles by link, file or feed, remove and restore them, audited.

The front ends (CLI, Discord) use :class:`Library`; everything it raises on purpose is an
:class:`IngestError` (a ``CoverbotError``) whose message can be shown to a moderator as is.
"""

from index.ingest.config import EngineLike, IngestConfig
from index.ingest.errors import (
    AmbiguousArticleError,
    ArticleNotFoundError,
    BadFileError,
    DuplicateArticleError,
    FeedError,
    FetchRefusedError,
    IngestError,
    NotAnArticleError,
    NotHtmlError,
    PrivateAddressError,
    RebuildBusyError,
    TooLargeError,
    TooShortError,
    UnreachableError,
)
from index.ingest.feedstore import FeedInfo
from index.ingest.library import Library
from index.ingest.policy import FetchPolicy
from index.ingest.reports import (
    AddResult,
    AuditEntry,
    AuditSummary,
    FeedPollResult,
    IngestStatus,
    RemovedArticle,
    RemoveResult,
    RestoreResult,
)

__all__ = [
    "AddResult",
    "AmbiguousArticleError",
    "ArticleNotFoundError",
    "AuditEntry",
    "AuditSummary",
    "BadFileError",
    "DuplicateArticleError",
    "EngineLike",
    "FeedError",
    "FeedInfo",
    "FeedPollResult",
    "FetchPolicy",
    "FetchRefusedError",
    "IngestConfig",
    "IngestError",
    "IngestStatus",
    "Library",
    "NotAnArticleError",
    "NotHtmlError",
    "PrivateAddressError",
    "RebuildBusyError",
    "RemoveResult",
    "RemovedArticle",
    "RestoreResult",
    "TooLargeError",
    "TooShortError",
    "UnreachableError",
]
