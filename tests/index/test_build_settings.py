"""What a build depends on: one source for the manifest's settings and the evaluation's placement."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from index.build.settings import settings_key
from index.config import CORPUS_FIELDS, RUN_FIELDS, ChunkSettings, EngineConfig, build_fields
from index.evaluation.placement import build_key
from index.store.folder import SETTINGS_FIELDS, Manifest
from index.text.sentences import RULES
from index.text.tokens import ENCODING

MODEL = "bundled:all-MiniLM-L6-v2"

# A manifest of format 2 as every earlier coverbot wrote it, settings part only.
WRITTEN_BEFORE = {
    "model": MODEL,
    "index_kind": "flat",
    "lexical_titles": False,
    "chunking": {"encoding": ENCODING, "target_tokens": 160, "max_tokens": 220, "min_tokens": 40},
}


def test_the_settings_recorded_are_the_manifests_with_the_sentence_rules() -> None:
    """Defaults give what existing manifests hold, plus the rules that cut the sentences.

    A manifest written before passages could be encoded in int8 reads as fp32, as they were. One
    written before the sentence rules were recorded (or by other rules) no longer matches: its
    next rebuild cuts every article again, so no passage keeps a sentence split the engine would
    no longer make ("Rev." ending a sentence). Embeddings are cached by content: only passages
    whose text or sentences changed are embedded again.
    """
    key = settings_key(EngineConfig(passage_encoder="fp32"), MODEL)
    assert tuple(key) == SETTINGS_FIELDS
    assert key["chunking"]["sentences"] == RULES
    older = Manifest.from_json({"format": 2, **_manifest_fields()}, "v1").settings()
    assert older["passage_encoder"] == "fp32"
    assert older != key
    assert {**older, "chunking": {**older["chunking"], "sentences": RULES}} == key
    assert older == {**WRITTEN_BEFORE, "passage_encoder": "fp32"}


def test_the_placement_of_an_existing_evaluation_index_is_kept() -> None:
    """The evaluation's cached indexes stay where they are (index-<this hash>)."""
    assert build_key(EngineConfig(passage_encoder="fp32")) == "5d930f6f2567"


@pytest.mark.parametrize(
    "changed",
    [
        EngineConfig(index_kind="ivf"),
        EngineConfig(lexical_titles=True),
        EngineConfig(chunks=ChunkSettings(target_tokens=100)),
        EngineConfig(model="another"),
        EngineConfig(passage_encoder="onnx-int8"),
    ],
)
def test_a_build_setting_moves_both_the_placement_and_the_manifest(changed: EngineConfig) -> None:
    """What changes an index gets another evaluation folder and a full rebuild alike."""
    base = EngineConfig(passage_encoder="fp32")
    assert build_key(changed) != build_key(base)
    assert settings_key(changed, changed.model) != settings_key(base, base.model)


def test_run_settings_move_neither_and_corpus_settings_only_the_placement() -> None:
    """Paths, device, serving and search settings never rebuild; the file cap is the corpus's."""
    base = EngineConfig()
    run = EngineConfig(
        corpus_dir=Path("c"),
        index_dir=Path("i"),
        cache_dir=Path("k"),
        device="cuda",
        keep_versions=5,
        query_encoder="torch",
    ).with_search(fusion="rrf", per_article=3)
    assert {f.name for f in dataclasses.fields(EngineConfig)} - set(
        build_fields(base)
    ) == RUN_FIELDS
    assert (build_key(run), settings_key(run, MODEL)) == (
        build_key(base),
        settings_key(base, MODEL),
    )
    capped = EngineConfig(max_file_bytes=1000)
    assert set(CORPUS_FIELDS) == {"max_file_bytes"}
    assert build_key(capped) != build_key(base)
    assert settings_key(capped, MODEL) == settings_key(base, MODEL)


def test_a_new_engine_setting_counts_for_both_until_declared_a_run_setting() -> None:
    """A field added to the engine's settings is a build setting in both places at once.

    The manifest refuses it until it has a field of its own: the two cannot drift apart.
    """

    @dataclasses.dataclass(frozen=True)
    class Extended(EngineConfig):
        stemmer: str = "porter"

    base, other = Extended(), Extended(stemmer="snowball")
    assert build_key(base) != build_key(other)
    assert settings_key(base, MODEL)["stemmer"] == "porter"
    manifest = Manifest.from_json({"format": 2, **_manifest_fields()}, "v1")
    with pytest.raises(TypeError, match="stemmer"):
        dataclasses.replace(manifest, **settings_key(base, MODEL))


def _manifest_fields() -> dict[str, object]:
    return {
        "version": "v1",
        "built_at": "2025-01-01T00:00:00+00:00",
        **WRITTEN_BEFORE,
        "model_hash": "abc",
        "dimension": 384,
        "model_max_tokens": 256,
        "corpus_dir": "corpus",
        "corpus_fingerprint": "f",
        "articles": {},
        "article_count": 0,
        "passage_count": 0,
        "failed": [],
        "packages": {},
    }
