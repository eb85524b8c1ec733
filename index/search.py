"""Turn a question's vector and terms into ranked, de-duplicated passages of a loaded index."""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from index.abstain import Signals
from index.config import SearchSettings
from index.dense import search_dense
from index.fusion import convex, rrf
from index.lexical import coverage, terms
from index.ranking import collapse_duplicates, spread_articles
from index.recency import TimeFrame, not_after, ordinal_date, published_days, reweigh
from index.store import IndexData

COVERAGE_DEPTH = 3


@dataclass(frozen=True)
class Query:
    """A question prepared for search: its vector, its BM25 terms and their IDF weights."""

    text: str
    vector: npt.NDArray[np.float32]
    terms: tuple[str, ...]
    weights: tuple[float, ...]


@dataclass(frozen=True)
class Ranked:
    """A candidate passage with its fused, dense and lexical scores."""

    passage: int
    score: float
    dense: float
    lexical: float


@dataclass(frozen=True)
class SearchResult:
    """Ranked passages (best first) and the evidence used to decide abstention."""

    ranked: tuple[Ranked, ...]
    signals: Signals


def prepare_query(data: IndexData, text: str, vector: npt.NDArray[np.float32]) -> Query:
    """Return the query with its terms weighted by the index's IDF."""
    query_terms = tuple(dict.fromkeys(terms(text)))
    weights = tuple(data.lexical.idf(t) for t in query_terms)
    return Query(text, vector, query_terms, weights)


def passage_coverage(data: IndexData, query: Query, passage: int) -> float:
    """Return the share of the query's term weight found in one passage."""
    return coverage(query.terms, set(terms(data.passages[passage].text)), query.weights)


def title_ranking(
    data: IndexData, vector: npt.NDArray[np.float32], n: int
) -> list[tuple[int, float]]:
    """Rank the best passage of each of the ``n`` articles whose titles match best."""
    if len(data.title_vectors) == 0:
        return []
    scores = data.title_vectors @ vector
    n = min(n, len(scores))
    top = np.argpartition(-scores, n - 1)[:n]
    ranking = []
    for article in top[np.argsort(-scores[top], kind="stable")]:
        first = int(np.searchsorted(data.article_of, article, side="left"))
        last = int(np.searchsorted(data.article_of, article, side="right"))
        if last > first:
            best = first + int(np.argmax(data.vectors[first:last] @ vector))
            ranking.append((best, float(scores[article])))
    return ranking


# --- time (issue 9): article dates of an index, parsed once per loaded index ---
_ARTICLE_DAYS: dict[int, npt.NDArray[np.int64]] = {}


def article_days(data: IndexData) -> npt.NDArray[np.int64]:
    """Return each article's publication day ordinal (0 when undated), cached per index."""
    key = id(data)
    days = _ARTICLE_DAYS.get(key)
    if days is None:
        days = published_days([article.published for article in data.articles])
        _ARTICLE_DAYS[key] = days
        weakref.finalize(data, _ARTICLE_DAYS.pop, key, None)
    return days


def allowed_passages(data: IndexData, frame: TimeFrame | None) -> npt.NDArray[np.bool_] | None:
    """Return which passages may be quoted as of the frame (None when all of them may)."""
    if frame is None or len(data.articles) == 0:
        return None
    allowed = not_after(article_days(data), frame.asked)
    return None if bool(allowed.all()) else allowed[data.article_of]


def weigh_by_time(
    data: IndexData,
    fused: list[tuple[int, float]],
    frame: TimeFrame | None,
    settings: SearchSettings,
) -> list[tuple[int, float]]:
    """Return the fused ranking with the recency prior applied (``recency_weight`` scales it)."""
    if frame is None or settings.recency_weight <= 0 or not fused:
        return fused
    frame = dataclasses.replace(frame, weight=frame.weight * settings.recency_weight)
    days = article_days(data)
    dates = [ordinal_date(days[int(data.article_of[item])]) for item, _score in fused]
    return reweigh(fused, dates, frame)


# --- end time ---


def search(
    data: IndexData,
    query: Query,
    settings: SearchSettings,
    k: int,
    frame: TimeFrame | None = None,
) -> SearchResult:
    """Rank passages for the query: dense and BM25 fused, duplicates collapsed, articles spread.

    With a ``frame`` (when and what period the question asks about), articles published after it
    was asked are left out and the fused scores are weighed by the recency prior.
    """
    allowed = allowed_passages(data, frame)
    dense = search_dense(data.dense, query.vector, settings.candidates, allowed)
    lexical = data.lexical.search(query.terms, settings.candidates, allowed)
    if settings.fusion == "convex":
        fused = convex(dense, lexical, settings.convex_alpha)
    else:
        rankings = [dense, lexical]
        if settings.title_ranking:
            titles = title_ranking(data, query.vector, settings.candidates)
            rankings.append([p for p in titles if allowed is None or allowed[p[0]]])
        fused = rrf(rankings, settings.rrf_k)
    fused = weigh_by_time(data, fused, frame, settings)
    ids = [item for item, _score in fused]
    if not ids:
        return SearchResult((), Signals(0.0, 0.0))
    vectors = data.vectors[ids]
    cosines = vectors @ query.vector
    texts = [data.passages[i].text for i in ids]
    kept = collapse_duplicates(ids, vectors, texts, settings.duplicate_similarity)
    spread = spread_articles(kept, [int(data.article_of[i]) for i in kept], k, settings.per_article)
    fused_score = dict(fused)
    dense_score = dict(zip(ids, cosines.tolist(), strict=True))
    lexical_score = dict(lexical)
    ranked = tuple(
        Ranked(i, fused_score[i], dense_score[i], lexical_score.get(i, 0.0)) for i in spread
    )
    best_coverage = max(
        (passage_coverage(data, query, r.passage) for r in ranked[:COVERAGE_DEPTH]), default=0.0
    )
    return SearchResult(ranked, Signals(max(dense_score.values()), best_coverage))


def sentence_coverages(query: Query, sentences: Sequence[str]) -> list[float]:
    """Return each sentence's share of the query's term weight."""
    return [coverage(query.terms, set(terms(s)), query.weights) for s in sentences]
