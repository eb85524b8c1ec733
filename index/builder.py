"""Build an index from a corpus folder: read, chunk, embed what is new, index, report.

The previous index (if any) tells which articles were added, changed or removed; the embedding
cache makes unchanged passages free, so a rebuild after one edit embeds only that article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from index.bm25 import TermCounts, assemble
from index.chunking import chunk_article
from index.config import EngineConfig
from index.corpus import CorpusContents, load_corpus
from index.dense import build_dense
from index.embcache import EmbeddingCache, cache_key
from index.embedding import Embedder, Encoded
from index.errors import CorpusError
from index.lexical import LexicalIndex, terms
from index.models import Article, BuildReport, Passage
from index.store import IndexData, Manifest, new_version_name, package_versions
from index.tokens import ENCODING, count_tokens

log = logging.getLogger(__name__)

ProgressFn = Callable[[str, int, int], None]
CACHE_SLICE = 128


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


def reuse_key(article: Article) -> str:
    """Return what must be unchanged for an article's passages to be reused as they are."""
    return f"{article.content_hash}\0{article.title}"


def reusable_rows(previous: IndexData | None) -> dict[str, range]:
    """Map each article of a serving index to the rows of its passages, for reuse."""
    if previous is None:
        return {}
    rows: dict[str, range] = {}
    bounds = np.searchsorted(previous.article_of, np.arange(len(previous.articles) + 1))
    for number, article in enumerate(previous.articles):
        rows[reuse_key(article)] = range(int(bounds[number]), int(bounds[number + 1]))
    return rows


def chunk_corpus(
    articles: tuple[Article, ...],
    config: EngineConfig,
    embedder: Embedder,
    previous: IndexData | None = None,
) -> tuple[list[Passage], list[int]]:
    """Cut every article into passages the model reads whole; reuse unchanged ones' passages.

    Returns the passages and, for each, its row in ``previous`` (or -1 when it is new).
    """
    reuse = reusable_rows(previous)
    passages: list[Passage] = []
    sources: list[int] = []
    for number, article in enumerate(articles):
        rows = reuse.get(reuse_key(article))
        if rows is not None and previous is not None:
            passages.extend(
                replace(previous.passages[row], article=number, article_text=article.text)
                for row in rows
            )
            sources.extend(rows)
            continue
        for chunk in chunk_article(article.text, count_tokens, config.chunks, embedder.fits):
            passages.append(
                Passage.of(
                    article=number,
                    start=chunk.start,
                    end=chunk.end,
                    paragraph=chunk.paragraph,
                    article_text=article.text,
                    sentences=[(a - chunk.start, b - chunk.start) for a, b in chunk.sentences],
                )
            )
            sources.append(-1)
    return passages, sources


def lexical_text(articles: tuple[Article, ...], passage: Passage, config: EngineConfig) -> str:
    """Return what BM25 indexes for a passage: its text, after its article's title if enabled."""
    if not config.lexical_titles:
        return passage.text
    title = articles[passage.article].title
    if articles[passage.article].text.startswith(title.rstrip("…")):
        return passage.text  # the title was taken from the text itself: nothing to add
    return f"{title}\n{passage.text}"


@dataclass(frozen=True)
class PassageVectors:
    """Every passage's vector and its sentences' vectors, row-aligned with the passages."""

    vectors: np.ndarray
    sentence_vectors: np.ndarray
    sentence_offsets: np.ndarray
    embedded: int


def _copy_reused(
    target: PassageVectors, previous: IndexData, rows: np.ndarray, sources: np.ndarray
) -> None:
    """Copy reused passages' vectors from the previous index in bulk (no per-passage work)."""
    target.vectors[rows] = previous.vectors[sources]
    lengths = target.sentence_offsets[rows + 1] - target.sentence_offsets[rows]
    relative = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    source_rows = np.repeat(previous.sentence_offsets[sources], lengths) + relative
    target_rows = np.repeat(target.sentence_offsets[rows], lengths) + relative
    target.sentence_vectors[target_rows] = previous.sentence_vectors[source_rows]


def embed_passages(
    passages: list[Passage],
    embedder: Embedder,
    cache: EmbeddingCache,
    progress: ProgressFn,
    previous: IndexData | None = None,
    sources: list[int] | None = None,
) -> PassageVectors:
    """Return every passage's vectors: reused, from the cache, or computed (and cached)."""
    offsets = np.zeros(len(passages) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([p.sentence_count for p in passages])
    result = PassageVectors(
        np.zeros((len(passages), embedder.dimension), dtype=np.float32),
        np.zeros((int(offsets[-1]), embedder.dimension), dtype=np.float16),
        offsets,
        0,
    )
    source_rows = np.asarray(sources if sources is not None else [-1] * len(passages))
    reused = np.flatnonzero(source_rows >= 0) if previous is not None else np.zeros(0, int)
    if len(reused):
        assert previous is not None  # noqa: S101 - reused rows imply a previous index
        _copy_reused(result, previous, reused, source_rows[reused])
    todo = sorted(set(range(len(passages))) - set(reused.tolist()))
    model_id = f"{embedder.name}\0{embedder.weights_hash}"
    keys = {i: cache_key(model_id, passages[i].text, passages[i].sentences) for i in todo}
    found = cache.get_many(list(keys.values()))
    missing = [i for i in todo if keys[i] not in found]
    done = 0
    progress("embedding", 0, len(missing))

    def advance(count: int) -> None:
        nonlocal done
        done += count
        progress("embedding", done, len(missing))

    # Embed in slices, caching each one, so a build killed midway keeps the work it did.
    for begin in range(0, len(missing), CACHE_SLICE):
        rows = missing[begin : begin + CACHE_SLICE]
        fresh = embedder.encode_passages(
            [passages[i].text for i in rows], [passages[i].sentences for i in rows], advance
        )
        new_items = [(keys[i], encoded) for i, encoded in zip(rows, fresh, strict=True)]
        cache.put_many(new_items)
        found.update(new_items)
    for i in todo:
        entry = found[keys[i]]
        result.vectors[i] = entry.vector
        result.sentence_vectors[offsets[i] : offsets[i + 1]] = entry.sentences
    return replace(result, embedded=len(missing))


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


def settings_key(config: EngineConfig, embedder_name: str) -> dict[str, Any]:
    """Return the build settings that, with the corpus, determine an index's content."""
    return {
        "model": embedder_name,
        "index_kind": config.index_kind,
        "lexical_titles": config.lexical_titles,
        "chunking": {
            "encoding": ENCODING,
            "target_tokens": config.chunks.target_tokens,
            "max_tokens": config.chunks.max_tokens,
            "min_tokens": config.chunks.min_tokens,
        },
    }


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
    )


def embed_titles(
    articles: tuple[Article, ...], embedder: Embedder, cache: EmbeddingCache
) -> np.ndarray:
    """Return one normalized vector per article title, cached like passages."""
    model_id = f"{embedder.name}\0{embedder.weights_hash}\0title"
    keys = [cache_key(model_id, a.title, ()) for a in articles]
    found = cache.get_many(keys)
    missing = [i for i, key in enumerate(keys) if key not in found]
    if missing:
        vectors = embedder.encode_plain([articles[i].title for i in missing])
        empty = np.zeros((0, embedder.dimension), dtype=np.float32)
        items = [(keys[i], Encoded(v, empty)) for i, v in zip(missing, vectors, strict=True)]
        cache.put_many(items)
        found.update(items)
    return np.vstack([found[key].vector for key in keys]).astype(np.float32)


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

    ``reuse``, a serving index built with the same settings, lends its passages, vectors and
    BM25 terms to the articles that did not change, so a one-article rebuild does little work.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    progress("reading", 0, 1)
    passages, sources = chunk_corpus(contents.articles, config, embedder, reuse)
    progress("reading", 1, 1)
    timings["read_and_chunk"] = time.perf_counter() - started

    mark = time.perf_counter()
    computed = embed_passages(passages, embedder, cache, progress, reuse, sources)
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
    manifest = Manifest(
        version=version,
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        **settings_key(config, embedder.name),
        model_hash=embedder.weights_hash,
        dimension=embedder.dimension,
        model_max_tokens=embedder.max_tokens,
        corpus_dir=str(corpus_dir),
        corpus_fingerprint=corpus_hash,
        articles={a.source: a.content_hash for a in contents.articles},
        article_count=len(contents.articles),
        passage_count=len(passages),
        failed=[{"path": f.path, "reason": f.reason} for f in contents.failed],
        packages=package_versions(),
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
