"""What a build depends on and records: its settings and its manifest.

``settings_key`` is what the manifest records of the engine's settings (derived from
``index.config.build_fields``, as the evaluation's index placement is); a rebuild reuses the
serving index's passages only when it matches.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from index.config import CORPUS_FIELDS, EngineConfig, build_fields
from index.corpus.reader import CorpusContents
from index.embedding.encoder import Embedder
from index.store.folder import Manifest, package_versions
from index.text.sentences import RULES
from index.text.tokens import ENCODING


def settings_key(config: EngineConfig, embedder_name: str) -> dict[str, Any]:
    """Return the build settings that, with the corpus, determine an index's content.

    They are ``build_fields`` but ``CORPUS_FIELDS``, as the manifest names them: the model as the
    embedder resolved it, the chunk sizes as ``chunking`` with the tokenizer that counts them and
    the sentence rules that cut them (``index.text.sentences.RULES``). A
    new build field appears here by itself, and ``Manifest`` refuses it until it has a field
    (old manifests then need a default for it).
    """
    settings = {n: v for n, v in build_fields(config).items() if n not in CORPUS_FIELDS}
    settings["model"] = embedder_name
    settings["chunking"] = {"encoding": ENCODING, "sentences": RULES, **settings.pop("chunks")}
    return settings


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
