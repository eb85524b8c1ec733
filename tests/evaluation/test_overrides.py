"""``--set key=value`` overrides of the engine settings."""

from pathlib import Path

import pytest

from index.config import EngineConfig
from index.evaluation.overrides import OverrideError, apply_overrides


def test_overrides_parse_by_field_type():
    """Nested and top-level fields are set with values of their own types."""
    config = apply_overrides(
        EngineConfig(),
        [
            "search.fusion=convex",
            "search.convex_alpha=0.7",
            "search.per_article=2",
            "chunks.target_tokens=120",
            "cache_dir=/tmp/emb",
            "lexical_titles=yes",
        ],
    )
    assert config.search.fusion == "convex"
    assert config.search.convex_alpha == 0.7
    assert config.search.per_article == 2
    assert config.chunks.target_tokens == 120
    assert config.cache_dir == Path("/tmp/emb")
    assert config.lexical_titles is True


@pytest.mark.parametrize(
    "assignment",
    ["search.fusion=max", "nope=1", "keep_versions=many", "search=rrf", "other.x=1", "novalue"],
)
def test_bad_overrides_are_refused(assignment):
    """Unknown keys, groups and ill-typed or out-of-choice values raise OverrideError."""
    with pytest.raises(OverrideError):
        apply_overrides(EngineConfig(), [assignment])


def test_title_ranking_is_refused_with_a_fusion_that_would_ignore_it():
    """Convex fusion fuses two rankings: asking it for a third is an error, not silently ignored."""
    with pytest.raises(OverrideError, match="title_ranking"):
        apply_overrides(EngineConfig(), ["search.title_ranking=true"])
    config = apply_overrides(EngineConfig(), ["search.title_ranking=true", "search.fusion=rrf"])
    assert config.search.title_ranking and config.search.fusion == "rrf"
