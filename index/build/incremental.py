"""A build's passages: new articles cut by the chunker, unchanged ones lent by the serving index.

An article whose text and title did not change keeps its passages (and, in
``index.build.vectors``, its vectors), so a rebuild after one edit cuts and embeds only that
article.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from index.config import EngineConfig
from index.embedding.encoder import Embedder
from index.records import Article, Passage
from index.store.folder import IndexData
from index.text.chunking import chunk_article
from index.text.tokens import count_tokens


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
