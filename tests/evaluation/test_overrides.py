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
            "show_progress=yes",
        ],
    )
    assert config.search.fusion == "convex"
    assert config.search.convex_alpha == 0.7
    assert config.search.per_article == 2
    assert config.chunks.target_tokens == 120
    assert config.cache_dir == Path("/tmp/emb")
    assert config.show_progress is True


@pytest.mark.parametrize(
    "assignment",
    ["search.fusion=max", "nope=1", "batch_size=many", "search=rrf", "other.x=1", "novalue"],
)
def test_bad_overrides_are_refused(assignment):
    """Unknown keys, groups and ill-typed or out-of-choice values raise OverrideError."""
    with pytest.raises(OverrideError):
        apply_overrides(EngineConfig(), [assignment])
