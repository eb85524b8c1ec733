"""Build an index from a corpus folder: read, chunk, embed what is new, index, report.

The previous index (if any) tells which articles were added, changed or removed; the embedding
cache makes unchanged passages free, so a rebuild after one edit embeds only that article.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from index.build.incremental import chunk_corpus
from index.build.progress import ProgressFn
from index.build.settings import new_manifest
from index.build.vectors import embed_passages, embed_titles
from index.config import EngineConfig
from index.corpus.drift import CorpusRead
from index.corpus.reader import CorpusContents, load_corpus
from index.embedding.cache import EmbeddingCache
from index.embedding.encoder import Embedder
from index.errors import CorpusError
from index.records import Article, BuildReport, Passage
from index.store.bm25 import TermCounts, assemble
from index.store.dense import build_dense
from index.store.folder import IndexData, Manifest, new_version_name
from index.store.lexical import LexicalIndex
from index.text.terms import terms

log = logging.getLogger(__name__)


def _no_progress(stage: str, done: int, total: int) -> None:
    """Ignore progress."""


@dataclass(frozen=True)
class _Diff:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: tuple[str, ...]


def _diff(previous: dict[str, str], articles: tuple[Article, ...]) -> _Diff:
    current = {a.source: a.content_hash for a in articles}
    return _Diff(
        added=tuple(s for s in current if s not in previous),
        changed=tuple(s for s in current if s in previous and previous[s] != current[s]),
        removed=tuple(s for s in previous if s not in current),
        unchanged=tuple(s for s in current if previous.get(s) == current[s]),
    )


def fingerprint(articles: tuple[Article, ...]) -> str:
    """Return a hash of the corpus content (sources, texts and metadata)."""
    digest = hashlib.sha256()
    for article in articles:
        for value in (
            article.source,
            article.content_hash,
            article.title,
            article.outlet,
            article.author,
            article.published,
            article.url,
        ):
            digest.update((value or "").encode("utf-8") + b"\0")
    return digest.hexdigest()


def lexical_text(articles: tuple[Article, ...], passage: Passage, config: EngineConfig) -> str:
    """Return what BM25 indexes for a passage: its text, after its article's title if enabled."""
    if not config.lexical_titles:
        return passage.text
    title = articles[passage.article].title
    if articles[passage.article].text.startswith(title.rstrip("…")):
        return passage.text  # the title was taken from the text itself: nothing to add
    return f"{title}\n{passage.text}"


def read_corpus(corpus_dir: Path, config: EngineConfig) -> CorpusContents:
    """Read the corpus folder, refusing one that holds no usable article."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"the corpus folder {corpus_dir} does not exist or is not a folder")
    contents = load_corpus(corpus_dir, config.max_file_bytes)
    if not contents.articles:
        reasons = "; ".join(f"{f.path}: {f.reason}" for f in contents.failed[:10])
        raise CorpusError(
            f"no article in {corpus_dir} could be indexed" + (f" ({reasons})" if reasons else "")
        )
    return contents


def diff_report(
    version: str,
    previous: dict[str, str],
    contents: CorpusContents,
    passages: int,
    embedded: int,
    timings: dict[str, float],
) -> BuildReport:
    """Return the report of a build that produced ``contents``."""
    diff = _diff(previous, contents.articles)
    return BuildReport(
        version=version,
        added=diff.added,
        changed=diff.changed,
        removed=diff.removed,
        unchanged=diff.unchanged,
        failed=contents.failed,
        duplicates=contents.duplicates,
        articles=len(contents.articles),
        passages=passages,
        embedded=embedded,
        seconds=timings,
        warnings=contents.warnings,
    )


def report_as_built(manifest: Manifest, read: CorpusRead, seconds: float) -> BuildReport:
    """Return the report of a rebuild that found the corpus folder as ``manifest`` was built."""
    return BuildReport(
        version=manifest.version,
        added=(),
        changed=(),
        removed=(),
        unchanged=tuple(manifest.articles),
        failed=read.failed,
        duplicates=read.duplicates,
        articles=manifest.article_count,
        passages=manifest.passage_count,
        embedded=0,
        seconds={"total": seconds},
        warnings=read.warnings,
    )


def term_counts(
    articles: tuple[Article, ...],
    passages: list[Passage],
    sources: list[int],
    config: EngineConfig,
    reuse: IndexData | None,
) -> TermCounts:
    """Return every passage's BM25 term counts, stemming only passages new to the index."""
    previous = reuse.lexical.counts if reuse is not None else None
    if previous is None or reuse is None or previous.passages != len(reuse.passages):
        previous, sources = None, [-1] * len(passages)
    fresh = [
        terms(lexical_text(articles, p, config))
        for p, row in zip(passages, sources, strict=True)
        if row < 0
    ]
    return assemble(previous, sources, fresh)


def build_index(
    config: EngineConfig,
    corpus_dir: Path,
    contents: CorpusContents,
    embedder: Embedder,
    cache: EmbeddingCache,
    previous: dict[str, str],
    progress: ProgressFn = _no_progress,
    reuse: IndexData | None = None,
) -> tuple[IndexData, BuildReport]:
    """Build a complete index in memory from read articles (publishing is the caller's job).

    ``reuse``, a serving index built with the same settings, lends its passages, vectors and BM25
    terms to the articles that did not change (``index.build.incremental``), so a one-article
    rebuild does little work.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    progress("reading", 0, 1)
    passages, sources = chunk_corpus(contents.articles, config, embedder, reuse)
    progress("reading", 1, 1)
    timings["read_and_chunk"] = time.perf_counter() - started

    mark = time.perf_counter()
    computed = embed_passages(
        passages, embedder, cache, progress, reuse, sources, config.passage_encoder
    )
    vectors, sentence_vectors = computed.vectors, computed.sentence_vectors
    offsets, embedded = computed.sentence_offsets, computed.embedded
    timings["embed"] = time.perf_counter() - mark

    mark = time.perf_counter()
    progress("indexing", 0, 1)
    title_vectors = embed_titles(contents.articles, embedder, cache)
    dense = build_dense(vectors, config.index_kind)
    counts = term_counts(contents.articles, passages, sources, config, reuse)
    lexical = LexicalIndex.from_counts(counts)
    progress("indexing", 1, 1)
    timings["index"] = time.perf_counter() - mark

    corpus_hash = fingerprint(contents.articles)
    version = new_version_name(corpus_hash)
    manifest = new_manifest(
        config, corpus_dir, contents, embedder, version, corpus_hash, len(passages)
    )
    data = IndexData(
        manifest=manifest,
        articles=contents.articles,
        passages=tuple(passages),
        article_of=np.array([p.article for p in passages], dtype=np.int32),
        vectors=vectors,
        sentence_vectors=sentence_vectors,
        sentence_offsets=offsets,
        title_vectors=title_vectors,
        dense=dense,
        lexical=lexical,
        path=config.index_dir,
    )
    timings["total"] = time.perf_counter() - started
    return data, diff_report(version, previous, contents, len(passages), embedded, timings)
