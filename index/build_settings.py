"""What a build depends on and records: its settings and its manifest.

``settings_key`` is what the manifest records of the engine's settings; a rebuild reuses the
serving index's passages only when it matches.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from index.config import EngineConfig
from index.corpus import CorpusContents
from index.embedding import Embedder
from index.store import Manifest, package_versions
from index.tokens import ENCODING


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


def new_manifest(
    config: EngineConfig,
    corpus_dir: Path,
    contents: CorpusContents,
    embedder: Embedder,
    version: str,
    corpus_hash: str,
    passages: int,
) -> Manifest:
    """Return the manifest of a build of ``contents`` (its files are listed when published)."""
    return Manifest(
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
        passage_count=passages,
        failed=[{"path": f.path, "reason": f.reason} for f in contents.failed],
        packages=package_versions(),
    )
