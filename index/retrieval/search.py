"""Turn a question's vector and terms into ranked, de-duplicated passages of a loaded index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from index.answer.abstain import Signals
from index.answer.evidence import sentence_scores
from index.answer.sentence import (
    FEATURES,
    NEVER,
    caption_sentences,
    sentence_features,
    sentence_model,
)
from index.config import SearchSettings
from index.grounding.query import Query, unmentioned, with_acronyms
from index.grounding.symbols import named_terms, text_terms
from index.question.answer_kind import AnswerKind, holds
from index.question.names import (
    name_share,
)
from index.question.period import TimeFrame
from index.records import Span
from index.retrieval.fusion import convex, rrf
from index.retrieval.ranking import collapse_duplicates, spread_articles
from index.retrieval.recency import not_after, reweigh, time_prior
from index.retrieval.scores import best_first, weight_share
from index.store.dense import search_dense
from index.store.folder import IndexData
from index.store.lexical import best
from index.text.dates import ordinal_date

SENTENCE_CACHE = 2048
"""How many passages' sentence term sets and answer kinds are remembered (latest candidates)."""


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
    missing: tuple[str, ...] = ()
    """The names of the question that the coverage never mentions."""


def passage_share(data: IndexData, query: Query, passage: int) -> float:
    """Return the share of the query's term weight found in one passage."""
    text = data.passages[passage].text
    return weight_share(query.terms, with_acronyms(query, text, named_terms(text)), query.weights)


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


def allowed_passages(data: IndexData, frame: TimeFrame | None) -> npt.NDArray[np.bool_] | None:
    """Return which passages may be quoted as of the frame (None when all of them may)."""
    if frame is None or len(data.articles) == 0:
        return None
    allowed = not_after(data.article_days, frame.asked)
    return None if bool(allowed.all()) else allowed[data.article_of]


def period_passages(data: IndexData, frame: TimeFrame | None) -> npt.NDArray[np.bool_] | None:
    """Return which passages' articles were published in the period the question asks about.

    None when the question is timeless, or when no article (or every article) is from then.
    """
    if frame is None or frame.kind == "timeless" or len(data.articles) == 0:
        return None
    days = data.article_days
    inside = (days >= frame.start.toordinal()) & (days <= frame.end.toordinal())
    if not inside.any() or inside.all():
        return None
    return inside[data.article_of]


def merged(
    first: Sequence[tuple[int, float]], second: Sequence[tuple[int, float]]
) -> list[tuple[int, float]]:
    """Return two rankings of the same scores as one, best first (each passage once)."""
    scores = dict(first)
    scores.update(second)
    return best_first(scores.items())


def nothing_published_by(data: IndexData, frame: TimeFrame) -> bool:
    """Tell whether every article of the coverage was published after the question was asked."""
    allowed = allowed_passages(data, frame)
    return allowed is not None and not bool(allowed.any())


def weigh_by_time(
    data: IndexData,
    fused: list[tuple[int, float]],
    frame: TimeFrame | None,
    settings: SearchSettings,
) -> list[tuple[int, float]]:
    """Return the fused ranking with the recency prior applied (``recency_weight`` scales it)."""
    if frame is None or settings.recency_weight <= 0 or not fused:
        return fused
    days = data.article_days
    dates = [ordinal_date(days[int(data.article_of[item])]) for item, _score in fused]
    return reweigh(fused, dates, time_prior(frame, settings))


# --- end time ---


def search(
    data: IndexData,
    query: Query,
    settings: SearchSettings,
    k: int,
    frame: TimeFrame | None = None,
) -> SearchResult:
    """Rank passages for the query: fused, re-ranked, duplicates collapsed, articles spread.

    Dense and BM25 results are fused, the best re-ranked by their best sentence and the names
    they mention (``rerank``). With a ``frame`` (when and what period the question asks about),
    articles published after it was asked are left out, each retriever's best passages of the
    period it asks about join the candidates, and the recency prior weighs the fused scores
    (choosing which candidates are re-ranked) and the re-ranked ones.
    """
    allowed = allowed_passages(data, frame)
    dense = search_dense(data.dense, query.vector, settings.candidates, allowed)
    scores = data.lexical.scores(query.terms)
    lexical = best(scores, settings.candidates, allowed)
    drawn = settings.period_candidates and settings.recency_weight > 0
    period = period_passages(data, frame) if drawn else None
    if period is not None:  # the period's best too, so the prior has them to prefer
        n = settings.candidates
        dense = merged(dense, search_dense(data.dense, query.vector, n, period))
        lexical = merged(lexical, best(scores, n, period))
    if settings.fusion == "convex":
        fused = convex(dense, lexical, settings.convex_alpha)
    else:
        rankings = [dense, lexical]
        if settings.title_ranking:
            titles = title_ranking(data, query.vector, settings.candidates)
            rankings.append([p for p in titles if allowed is None or allowed[p[0]]])
        fused = rrf(rankings, settings.rrf_k)
    # The prior chooses which candidates are re-ranked, then weighs the re-ranked scores too:
    # re-ranking adds sentence evidence that knows nothing of dates (both beat either alone,
    # docs/EVALUATION.md, "Figures behind the rules").
    fused = weigh_by_time(data, fused, frame, settings)
    fused = rerank(data, query, fused, settings)
    head = settings.rerank_depth
    fused = weigh_by_time(data, fused[:head], frame, settings) + fused[head:]
    fused = answer_first(data, query, fused, settings)
    ids = [item for item, _score in fused]
    missing = unmentioned(data.coverage, query, ids)
    if not ids:
        return SearchResult((), Signals(0.0, 0.0), missing)
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
    shares = (passage_share(data, query, r.passage) for r in ranked[: settings.share_depth])
    best_share = max(shares, default=0.0)
    return SearchResult(ranked, Signals(max(dense_score.values()), best_share), missing)


def rerank(
    data: IndexData, query: Query, fused: list[tuple[int, float]], settings: SearchSettings
) -> list[tuple[int, float]]:
    """Re-rank the best fused candidates by the evidence of their best sentence.

    A passage answers when one of its sentences does. Each of the first ``rerank_depth``
    candidates scores its best sentence's evidence (cosine to the question, plus the question's
    names, other words and kind of answer it holds: ``sentence_evidence``), plus its fused score
    and the share of the question's names it mentions, both weighted; the rest keep their order
    and scores behind them.
    """
    depth = settings.rerank_depth
    if depth <= 0 or not fused:
        return fused
    head = []
    for i, score in fused[:depth]:
        item = data.passages[i]
        holds_kind = any(_sentence_kinds(query.kind, item.text, item.sentences))
        head.append(
            (
                i,
                float(sentence_evidence(data, query, i, settings).max())
                + settings.fusion_weight * score
                + settings.name_boost * passage_names(data, query, i)
                + settings.kind_boost * holds_kind,
            )
        )
    head = best_first(head)
    return head + fused[depth:]


@dataclass(frozen=True)
class SentenceEvidence:
    """What each sentence of a passage holds of the question (one entry a sentence)."""

    vectors: npt.NDArray[np.float32]
    """The sentences' vectors (pooled from the passage's token vectors at build time)."""
    names: tuple[float, ...]
    """The share of the question's names (of those the passage mentions) it holds."""
    terms: tuple[float, ...]
    """The share of the question's other term weight it holds."""
    kinds: tuple[bool, ...]
    """Whether it holds the kind of answer asked."""


def _evidence(data: IndexData, query: Query, passage: int) -> SentenceEvidence:
    key = ("evidence", passage)
    if key not in query.memo:
        query.memo[key] = _fresh_evidence(data, query, passage)
    evidence: SentenceEvidence = query.memo[key]
    return evidence


def _fresh_evidence(data: IndexData, query: Query, passage: int) -> SentenceEvidence:
    item = data.passages[passage]
    rows = data.sentence_vectors[
        data.sentence_offsets[passage] : data.sentence_offsets[passage + 1]
    ].astype("float32")
    sentence_terms, passage_terms = _sentence_terms(item.text, item.sentences)
    if query.acronyms:
        passage_terms = with_acronyms(query, item.text, passage_terms)
        sentence_terms = tuple(
            with_acronyms(query, item.text[a:b], t)
            for (a, b), t in zip(item.sentences, sentence_terms, strict=True)
        )
    in_passage = [n for n in query.named if n.mentioned_in(passage_terms)]
    other_terms, other_weights = query.other_terms, query.other_weights
    return SentenceEvidence(
        rows,
        tuple(name_share(in_passage, t) if in_passage else 0.0 for t in sentence_terms),
        tuple(weight_share(other_terms, t, other_weights) for t in sentence_terms),
        _sentence_kinds(query.kind, item.text, item.sentences),
    )


def passage_names(data: IndexData, query: Query, passage: int) -> float:
    """Return the share of the question's names a passage mentions (acronyms spelled out too)."""
    item = data.passages[passage]
    terms = with_acronyms(query, item.text, _sentence_terms(item.text, item.sentences)[1])
    return name_share(query.named, terms)


def sentence_evidence(
    data: IndexData, query: Query, passage: int, settings: SearchSettings
) -> npt.NDArray[np.float32]:
    """Return the re-ranking evidence of each sentence of a passage (``index.answer.evidence``)."""
    found = _evidence(data, query, passage)
    return sentence_scores(
        query.vector, found.vectors, found.names, found.terms, found.kinds, settings
    )


def answer_scores(data: IndexData, query: Query, passage: int) -> npt.NDArray[np.float32]:
    """Return how likely each sentence of a passage is the answer (``index.answer.sentence``).

    Captions, credits and bylines score ``NEVER``. Computed once per question and passage (the
    reordering and the quote both ask).
    """
    key = ("answer", passage)
    if key not in query.memo:
        item = data.passages[passage]
        scores = sentence_model().scores(answer_features(data, query, passage))
        excluded = np.asarray(_captions(item.text, item.sentences), dtype=bool)
        query.memo[key] = np.where(excluded, np.float32(NEVER), scores).astype(np.float32)
    answer: npt.NDArray[np.float32] = query.memo[key]
    return answer


def answer_first(
    data: IndexData, query: Query, ranked: list[tuple[int, float]], settings: SearchSettings
) -> list[tuple[int, float]]:
    """Reorder the best ``answer_depth`` passages by their answering sentence too.

    The first quote should be the passage whose answer is best, not only the one closest to the
    question; the answering sentence only reorders the passages already ranked best, it never
    brings others among them, and the first quote still mentions as many of the question's names
    as the re-ranker's first (the weights compare the sentences of one passage, not what
    passages name: a quote without the person asked about must not come first).
    """
    depth = settings.answer_depth
    if depth <= 0 or settings.answer_weight <= 0 or not ranked:
        return ranked
    head = [
        (i, score + settings.answer_weight * answer_strength(data, query, i))
        for i, score in ranked[:depth]
    ]
    head = best_first(head)
    named = passage_names(data, query, ranked[0][0])
    first = next(pair for pair in head if passage_names(data, query, pair[0]) >= named)
    return [first, *(pair for pair in head if pair != first), *ranked[depth:]]


def answer_strength(data: IndexData, query: Query, passage: int) -> float:
    """Return the best answer score of a passage's sentences, in the units of a cosine.

    The fitted log-odds are divided by the weight of the sentence cosine, so the re-ranker's
    ``answer_weight`` weighs them against the cosine-scaled ranking scores.
    """
    scale = sentence_model().coefficients[FEATURES.index("cosine")]
    return float(answer_scores(data, query, passage).max()) / scale if scale > 0 else 0.0


def answer_features(data: IndexData, query: Query, passage: int) -> npt.NDArray[np.float32]:
    """Return the answer-sentence features of each sentence of a passage."""
    item = data.passages[passage]
    found = _evidence(data, query, passage)
    return sentence_features(
        query.asks, item.text, item.sentences, found.vectors @ query.vector, found.names,
        found.terms,
    )


@lru_cache(maxsize=SENTENCE_CACHE)
def _captions(text: str, sentences: tuple[Span, ...]) -> tuple[bool, ...]:
    return caption_sentences(text, sentences)


@lru_cache(maxsize=SENTENCE_CACHE)
def _sentence_terms(
    text: str, sentences: tuple[Span, ...]
) -> tuple[tuple[frozenset[str], ...], frozenset[str]]:
    """Return what each sentence of a passage mentions, and all its sentences together."""
    each = tuple(text_terms(text[a:b]) for a, b in sentences)
    return each, frozenset().union(*each)


@lru_cache(maxsize=SENTENCE_CACHE)
def _sentence_kinds(
    kind: AnswerKind | None, text: str, sentences: tuple[Span, ...]
) -> tuple[bool, ...]:
    """Return whether each sentence holds an answer of the asked kind (see ``holds``)."""
    return tuple(holds(kind, text[a:b]) for a, b in sentences)
