"""coverbot's retrieval engine: corpus, chunking, embedding, FAISS and BM25 search, quotes.

Front ends import what they need from here (the list is ``__all__``, documented in
``docs/ENGINE_API.md``); the packages below are the engine's inside, laid out by concern in
``docs/ARCHITECTURE.md``. This package never imports ``discord``.

Names are loaded on first use, so ``import index`` costs nothing and a front end that only reads
records never loads FAISS.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.answer.freshness import freshness_note
    from index.answer.news import news_of
    from index.answer.strength import weak_flags
    from index.config import (
        DEFAULT_MODEL,
        MAX_FILE_BYTES,
        ChunkSettings,
        EngineConfig,
        SearchSettings,
    )
    from index.corpus.drift import CorpusDrift
    from index.corpus.formats import ArticleFileError, hides_host
    from index.corpus.reader import (
        SUPPORTED_SUFFIXES,
        article_files,
        load_corpus,
        read_article_file,
        read_corpus_file,
    )
    from index.embedding.encoder import Embedder, load_embedder
    from index.engine import Engine, ProgressFn
    from index.errors import (
        CorpusError,
        CoverbotError,
        IndexCorruptError,
        IndexMismatchError,
        IndexMissingError,
        IndexWriteError,
        ModelLoadError,
        QuestionError,
        RebuildInProgressError,
    )
    from index.question.followup import Reading, read_in_context
    from index.question.period import asks_for_news
    from index.records import (
        Answer,
        Article,
        ArticleInfo,
        ArticleRecord,
        BuildReport,
        FileFailure,
        Hit,
        IndexInfo,
        News,
        NewsItem,
        Span,
    )

_HOMES = {
    "index.answer.freshness": ("freshness_note",),
    "index.answer.news": ("news_of",),
    "index.answer.strength": ("weak_flags",),
    "index.config": (
        "DEFAULT_MODEL",
        "MAX_FILE_BYTES",
        "ChunkSettings",
        "EngineConfig",
        "SearchSettings",
    ),
    "index.corpus.drift": ("CorpusDrift",),
    "index.corpus.formats": ("ArticleFileError", "hides_host"),
    "index.corpus.reader": (
        "SUPPORTED_SUFFIXES",
        "article_files",
        "load_corpus",
        "read_article_file",
        "read_corpus_file",
    ),
    "index.embedding.encoder": ("Embedder", "load_embedder"),
    "index.engine": ("Engine", "ProgressFn"),
    "index.errors": (
        "CorpusError",
        "CoverbotError",
        "IndexCorruptError",
        "IndexMismatchError",
        "IndexMissingError",
        "IndexWriteError",
        "ModelLoadError",
        "QuestionError",
        "RebuildInProgressError",
    ),
    "index.question.followup": ("Reading", "read_in_context"),
    "index.question.period": ("asks_for_news",),
    "index.records": (
        "Answer",
        "Article",
        "ArticleInfo",
        "ArticleRecord",
        "BuildReport",
        "FileFailure",
        "Hit",
        "IndexInfo",
        "News",
        "NewsItem",
        "Span",
    ),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "DEFAULT_MODEL",
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "Answer",
    "Article",
    "ArticleFileError",
    "ArticleInfo",
    "ArticleRecord",
    "BuildReport",
    "ChunkSettings",
    "CorpusDrift",
    "CorpusError",
    "CoverbotError",
    "Embedder",
    "Engine",
    "EngineConfig",
    "FileFailure",
    "Hit",
    "IndexCorruptError",
    "IndexInfo",
    "IndexMismatchError",
    "IndexMissingError",
    "IndexWriteError",
    "ModelLoadError",
    "News",
    "NewsItem",
    "ProgressFn",
    "QuestionError",
    "Reading",
    "RebuildInProgressError",
    "SearchSettings",
    "Span",
    "article_files",
    "asks_for_news",
    "freshness_note",
    "hides_host",
    "load_corpus",
    "load_embedder",
    "news_of",
    "read_article_file",
    "read_corpus_file",
    "read_in_context",
    "weak_flags",
]


def __getattr__(name: str) -> Any:
    """Return a public name, importing its module the first time it is asked for."""
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'index' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
