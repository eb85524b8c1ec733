"""The engine every front end uses: load or build an index, rebuild it safely, answer questions.

Concurrency: the serving index is one immutable ``IndexData`` referenced by the engine; ``ask``
reads that reference once, so it keeps answering from the old index while a rebuild prepares
the new one, which is swapped in only when complete and published. One rebuild at a time, in this
process (a lock) and across processes (a lock file in the index folder).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import fcntl
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.answer.abstain import abstention_reason
from index.answer.freshness import latest_date
from index.answer.news import empty_period, news_of
from index.answer.quotes import widen_to_paragraphs
from index.answer.sentence import best_sentence
from index.build.progress import ProgressFn
from index.build.settings import settings_key
from index.config import EngineConfig
from index.corpus.drift import (
    CorpusDrift,
    CorpusRead,
    Snapshot,
    compare,
    load_read,
    load_snapshot,
    save_snapshot,
    settled,
    take_snapshot,
)
from index.corpus.reader import CorpusContents
from index.embedding.batching import QueryBatcher
from index.embedding.encoder import Embedder, load_embedder, resolve_model_path, weights_hash
from index.errors import (
    CorpusError,
    CoverbotError,
    IndexMissingError,
    IndexWriteError,
    QuestionError,
    RebuildInProgressError,
)
from index.grounding.mentioned import not_quoted, unwritten_words
from index.grounding.query import Query, prepare_query
from index.question.followup import read_in_context
from index.question.normalize import MAX_QUESTION_CHARS, normalize_question
from index.question.period import TimeFrame, asks_for_news, time_frame
from index.records import Answer, ArticleInfo, BuildReport, Hit, IndexInfo
from index.retrieval.search import Ranked, SearchResult, answer_scores, nothing_published_by, search
from index.store.folder import (
    IndexData,
    Manifest,
    check_model,
    clean_leftovers,
    folder_size,
    load,
    publish,
    read_manifest,
    served_from,
    write_failure,
)
from index.text.sentences import paragraph_spans, quote_sentences

if TYPE_CHECKING:
    from index.embedding.cache import EmbeddingCache

log = logging.getLogger(__name__)

MORE_HITS = 6
CLOSEST_TITLES = 3
BUILD_LOCK = ".build.lock"
"""The lock file in the index folder that one build of any process holds."""

__all__ = ["Engine", "ProgressFn"]


@lru_cache(maxsize=8)
def _model_identity(name: str, path: str, mtime: float) -> str:
    local = Path(path)
    return weights_hash(local) if local.is_dir() else f"name:{name}"


@lru_cache(maxsize=256)
def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """Return an article's paragraph spans, remembered for the articles quoted most recently."""
    return tuple(paragraph_spans(text))


@contextlib.contextmanager
def _build_lock(index_dir: Path) -> Iterator[bool]:
    """Hold the index folder's build lock, shared by every process; yield whether it was free.

    A rebuild holds it throughout; tidying leftovers of unfinished builds takes it only when no
    build of any process is under way.
    """
    with (index_dir / BUILD_LOCK).open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


def model_identity(name: str) -> str:
    """Return the weights hash of a configured model without loading it."""
    path = resolve_model_path(name)
    local = Path(path)
    mtime = local.stat().st_mtime if local.exists() else 0.0
    return _model_identity(name, path, mtime)


def _as_given_and_resolved(path: Path) -> str:
    """Name a path as given and, when that differs, as resolved ("corpus (/srv/bot/corpus)")."""
    resolved = str(path.resolve())
    return str(path) if resolved == str(path) else f"{path} ({resolved})"


class Engine:
    """Answers questions from the coverage; see ``docs/ENGINE_API.md``."""

    def __init__(self, config: EngineConfig, embedder: Embedder | None = None) -> None:
        self.config = config
        self._embedder = embedder
        self._embedder_lock = threading.Lock()
        self._rebuild_lock = threading.Lock()
        self._cache: EmbeddingCache | None = None
        self._data: IndexData | None = None
        # Concurrent ``ask`` calls share model calls where that pays (see index.embedding.batching).
        self.queries = QueryBatcher(
            lambda texts: self.embedder.encode_queries(texts),
            batches=lambda: self.embedder.batches_questions,
        )

    @property
    def embedder(self) -> Embedder:
        """Return the embedding model, loading it on first use."""
        with self._embedder_lock:
            if self._embedder is None:
                self._embedder = load_embedder(
                    self.config.model, self.config.device, self.config.query_encoder
                )
            return self._embedder

    @property
    def rebuilding(self) -> bool:
        """Tell whether a rebuild is running in this process."""
        return self._rebuild_lock.locked()

    def load(self) -> IndexInfo:
        """Load the published index, checking it was built by this engine's model.

        Leftovers of builds that never finished (killed, disk full) are removed first, when no
        other process is building.
        """
        self._clean_leftovers()
        manifest = read_manifest(self.config.index_dir)
        dimension = self._embedder.dimension if self._embedder is not None else None
        check_model(manifest, self.config.model, model_identity(self.config.model), dimension)
        self._data = load(self.config.index_dir, manifest)
        log.info("loaded index version %s", self._data.version)
        info = self.info()
        assert info is not None  # noqa: S101 - just loaded
        return info

    def load_or_build(self, progress: ProgressFn | None = None) -> IndexInfo:
        """Load the published index, or build one from the corpus folder if none exists yet."""
        try:
            return self.load()
        except IndexMissingError:
            log.info("no index yet in %s; building it", self.config.index_dir)
        self.rebuild(progress=progress)
        info = self.info()
        assert info is not None  # noqa: S101 - just built
        return info

    def _clean_leftovers(self) -> None:
        index_dir = self.config.index_dir
        if not index_dir.is_dir() or self.rebuilding:
            return
        try:
            with _build_lock(index_dir) as held:
                if held:  # else another process is building: its staging folder is no leftover
                    clean_leftovers(index_dir)
        except OSError as exc:  # a read-only index folder can still be served
            log.warning("cannot tidy %s: %s", index_dir, exc)

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        import sqlite3  # the embedding cache's; not imported by a process that only answers

        if not self._rebuild_lock.acquire(blocking=False):
            raise RebuildInProgressError("a rebuild is already running; try again when it ends")
        try:
            self.config.index_dir.mkdir(parents=True, exist_ok=True)
            with _build_lock(self.config.index_dir) as held:
                if not held:
                    raise RebuildInProgressError(
                        "another process is rebuilding this index; try again when it ends"
                    )
                clean_leftovers(self.config.index_dir)
                try:
                    yield
                except (OSError, sqlite3.Error) as exc:  # disk full: sqlite, numpy, faiss
                    log.exception("rebuild could not write to disk")
                    raise IndexWriteError(write_failure(self.config.index_dir, exc)) from exc
        except OSError as exc:  # the index folder or its lock file cannot be created
            raise IndexWriteError(write_failure(self.config.index_dir, exc)) from exc
        finally:
            self._rebuild_lock.release()

    def _previous_manifest(self) -> Manifest | None:
        if self._data is not None:
            return self._data.manifest
        try:
            return read_manifest(self.config.index_dir)
        except Exception:  # a missing or broken index just means "build from scratch"
            return None

    def rebuild(
        self, corpus_dir: Path | None = None, progress: ProgressFn | None = None
    ) -> BuildReport:
        """Rebuild from the corpus folder, embedding only what changed, and swap it in."""
        corpus = corpus_dir or self.config.corpus_dir
        report_progress = progress or (lambda stage, done, total: None)
        if not corpus.is_dir():  # checked first: a wrong folder must not leave an index folder
            raise CorpusError(
                f"the corpus folder {_as_given_and_resolved(corpus)} does not exist or is not a "
                "folder; run coverbot from the project folder or set COVERBOT_CORPUS_DIR"
            )
        # Building is imported when building: a question alone never pays for it.
        from index.build.builder import build_index, diff_report, read_corpus

        with self._exclusive():
            started = time.perf_counter()
            report_progress("reading", 0, 1)
            snapshot_ns = time.time_ns()
            snapshot = take_snapshot(corpus)
            kept = self._kept_as_built(corpus, snapshot, started)
            if kept is not None:
                report_progress("reading", 1, 1)
                return kept
            contents = read_corpus(corpus, self.config)
            if self._embedder is None:
                report_progress("model", 0, 1)
            embedder = self.embedder
            previous_manifest = self._previous_manifest()
            previous = dict(previous_manifest.articles) if previous_manifest else {}
            unchanged = previous_manifest and self._unchanged(
                previous_manifest, contents.articles, embedder
            )
            if previous_manifest and unchanged:
                if self._data is None:
                    self.load()
                report = diff_report(
                    previous_manifest.version,
                    previous,
                    contents,
                    previous_manifest.passage_count,
                    0,
                    {"total": time.perf_counter() - started},
                )
                log.info("corpus unchanged; index %s kept", report.version)
                read = self._read(contents, snapshot_ns)
                save_snapshot(self.config.index_dir, report.version, corpus, snapshot, read)
                return report
            if self._cache is None:
                from index.embedding.cache import EmbeddingCache

                self._cache = EmbeddingCache(self.config.embedding_cache_dir)
            same = previous_manifest and self._same_build_settings(previous_manifest, embedder)
            reuse = self._data if same else None
            data, report = build_index(
                self.config,
                corpus,
                contents,
                embedder,
                self._cache,
                previous,
                report_progress,
                reuse,
            )
            report_progress("publishing", 0, 1)
            mark = time.perf_counter()
            folder = publish(self.config.index_dir, data, self.config.keep_versions)
            self._data = served_from(data, folder)
            read = self._read(contents, snapshot_ns)
            save_snapshot(self.config.index_dir, data.version, corpus, snapshot, read)
            report_progress("publishing", 1, 1)
            seconds = dict(report.seconds)
            seconds["publish"] = time.perf_counter() - mark
            seconds["total"] = time.perf_counter() - started
            log.info(
                "published index %s (%d passages, %d embedded)",
                report.version,
                report.passages,
                report.embedded,
            )
            return dataclasses.replace(report, seconds=seconds)

    def _read(self, contents: CorpusContents, snapshot_ns: int) -> CorpusRead:
        return CorpusRead(
            self.config.max_file_bytes,
            snapshot_ns,
            contents.failed,
            contents.duplicates,
            contents.warnings,
        )

    def _kept_as_built(
        self, corpus: Path, snapshot: Snapshot, started: float
    ) -> BuildReport | None:
        """Return the report of a rebuild with nothing to do, without reading a file.

        That is when the corpus folder's names, sizes and times are those recorded when the
        serving index was built, read with the same size cap, and the build settings and model
        are the same; otherwise None, and the corpus is read.
        """
        manifest = self._previous_manifest()
        if manifest is None:
            return None
        recorded = load_read(self.config.index_dir, manifest.version, corpus)
        if recorded is None or recorded[0] != snapshot:
            return None
        if not settled(snapshot, recorded[1].snapshot_ns):
            return None
        if recorded[1].max_file_bytes != self.config.max_file_bytes:
            return None
        embedder = self._embedder
        name = embedder.name if embedder else self.config.model
        weights = embedder.weights_hash if embedder else model_identity(self.config.model)
        if manifest.settings() != settings_key(self.config, name) or manifest.model_hash != weights:
            return None
        if self._data is None:
            try:
                self.load()
            except CoverbotError:  # a broken index is rebuilt from the files
                return None
        log.info("corpus folder as when index %s was built; kept", manifest.version)
        from index.build.builder import report_as_built

        return report_as_built(manifest, recorded[1], time.perf_counter() - started)

    def _same_build_settings(self, manifest: Manifest, embedder: Embedder) -> bool:
        wanted = settings_key(self.config, embedder.name)
        return manifest.settings() == wanted and manifest.model_hash == embedder.weights_hash

    def _unchanged(self, manifest: Manifest, articles: tuple, embedder: Embedder) -> bool:
        from index.build.builder import fingerprint as corpus_fingerprint

        if manifest.corpus_fingerprint != corpus_fingerprint(articles):
            return False
        return self._same_build_settings(manifest, embedder)

    def corpus_changes(self) -> CorpusDrift:
        """Tell how the corpus folder differs from the one the serving index was built from.

        Cheap (one directory walk comparing names, sizes and modification times; no file is
        read), so front ends call it before answering. Empty (falsy) when nothing changed or no
        index is loaded; ``unknown`` when the index carries no record of its corpus.
        """
        data = self._data
        if data is None:
            return CorpusDrift()
        corpus = self.config.corpus_dir
        recorded = load_snapshot(self.config.index_dir, data.version, corpus)
        return compare(recorded, take_snapshot(corpus))

    def corpus_changed(self) -> bool:
        """Tell whether the corpus folder changed since the serving index was built."""
        return bool(self.corpus_changes())

    @property
    def data(self) -> IndexData:
        """Return the serving index (for evaluation tools that look inside a ranking)."""
        return self._require()

    def _require(self) -> IndexData:
        data = self._data
        if data is None:
            raise IndexMissingError("no index is loaded; build one with `coverbot index build`")
        return data

    def ask(
        self,
        question: str,
        k: int = 3,
        asked_at: dt.datetime | None = None,
        after: Sequence[str] = (),
    ) -> Answer:
        """Answer with the ``k`` best quotes (and more for paging), or abstain with a reason.

        ``asked_at`` (default: now, UTC) is when the question was asked: articles published after
        it are not quoted, and articles from the period the question is about rank first.
        ``after``: the earlier questions of a conversation, oldest first; the question is read in
        their context (``index/question/followup.py``) and ``Answer.read_as`` says how, when that
        changed it. A question about a period and nothing else gets that period's articles
        (``Answer.news``).
        """
        asked_at = asked_at or dt.datetime.now(dt.UTC)
        question = normalize_question(question)
        if not question:
            raise QuestionError("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(f"the question is longer than {MAX_QUESTION_CHARS} characters")
        earlier = [normalize_question(turn)[:MAX_QUESTION_CHARS] for turn in after]
        reading = read_in_context(earlier, question)
        if not reading.in_context:
            return self._answer(question, k, asked_at)
        answer = self._answer(reading.asked[:MAX_QUESTION_CHARS], k, asked_at)
        return dataclasses.replace(answer, question=question, read_as=reading.asked)

    def _answer(self, question: str, k: int, asked_at: dt.datetime) -> Answer:
        data = self._require()
        frame = time_frame(question, asked_at)
        if asks_for_news(question, frame):
            news = news_of(data.articles, frame, days=data.article_days)
            if not news.items:
                return Answer.refusal(question, empty_period(news), asked_at=asked_at, news=news)
            return Answer(question, (), asked_at=asked_at, news=news)
        if nothing_published_by(data, frame):
            not_yet = f"Nothing in the coverage was published by {frame.asked.isoformat()}."
            return Answer.refusal(question, not_yet, asked_at=asked_at)
        query, result = self._search(data, question, k, frame)
        reason = abstention_reason(result.signals, self.config.search, result.missing)
        if reason is not None:
            titles = dict.fromkeys(
                data.articles[int(data.article_of[r.passage])].title for r in result.ranked
            )
            closest = list(titles)[:CLOSEST_TITLES]
            return Answer.refusal(question, reason, closest_titles=closest, asked_at=asked_at)
        hits = tuple(self._hit(data, query, r) for r in result.ranked[: k + MORE_HITS])
        quoted = not_quoted(query.named, [hit.quote for hit in hits[:k]])
        # Only for answers: slower than the refusal checks.
        unwritten = (n.text for n in unwritten_words(data.coverage, query.mentioned))
        unmentioned = tuple(dict.fromkeys((*quoted, *unwritten)))
        return Answer(
            question,
            hits[:k],
            more=hits[k:],
            unmentioned=unmentioned,
            asked_at=asked_at,
            latest_published=latest_date(h.published for h in hits),
        )

    def ranking(self, question: str, k: int, asked_at: dt.datetime) -> tuple[Query, SearchResult]:
        """Return the question as prepared and its ranked passages, before any abstention.

        What ``ask`` builds its answer from, for evaluation tools that look inside a ranking
        (``coverbot fit-sentence``).
        """
        question = normalize_question(question)
        return self._search(self._require(), question, k, time_frame(question, asked_at))

    def _search(
        self, data: IndexData, question: str, k: int, frame: TimeFrame
    ) -> tuple[Query, SearchResult]:
        query = prepare_query(data.coverage, question, self.queries.encode(question))
        return query, search(data, query, self.config.search, k, frame)

    def _hit(self, data: IndexData, query: Query, ranked: Ranked) -> Hit:
        passage = data.passages[ranked.passage]
        article = data.articles[passage.article]
        scores = answer_scores(data, query, ranked.passage)
        start, end = widen_to_paragraphs(
            article.text,
            (passage.start, passage.end),
            self.config.search.max_quote_chars,
            _paragraphs(article.text),
        )
        shift = passage.start - start
        best = best_sentence(scores.tolist())
        highlight = () if best is None else (passage.sentences[best],)
        quote = article.text[start:end]
        return Hit(
            quote=quote,
            highlight=tuple((a + shift, b + shift) for a, b in highlight),
            sentences=quote_sentences(quote),
            title=article.title,
            outlet=article.outlet,
            author=article.author,
            published=article.published,
            url=article.url,
            source=article.source,
            paragraph=passage.paragraph,
            start=start,
            end=end,
            score=ranked.score,
            dense_score=ranked.dense,
            lexical_score=ranked.lexical,
        )

    def info(self) -> IndexInfo | None:
        """Describe the serving index, or None when none is loaded."""
        data = self._data
        if data is None:
            return None
        manifest = data.manifest
        return IndexInfo(
            version=data.version,
            built_at=manifest.built_at,
            model=manifest.model,
            model_hash=manifest.model_hash,
            dimension=manifest.dimension,
            index_kind=manifest.index_kind,
            articles=len(data.articles),
            passages=len(data.passages),
            path=str(data.path),
            size_bytes=folder_size(data.path) if data.path.is_dir() else 0,
        )

    def articles(self) -> tuple[ArticleInfo, ...]:
        """List the articles of the serving index, in corpus order."""
        data = self._data
        if data is None:
            return ()
        counts = np.bincount(data.article_of, minlength=len(data.articles)).tolist()
        return tuple(
            ArticleInfo(a.source, a.title, a.outlet, a.published, a.url, counts[i])
            for i, a in enumerate(data.articles)
        )
