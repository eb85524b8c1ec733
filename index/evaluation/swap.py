"""Near-topic unanswerable questions: an answerable question with its entity swapped (``--swap``).

Take a question the coverage answers, find a name it is about that the coverage mentions ("What
did Microsoft say?"), and put in its place a well-known name of the same kind that the coverage
never mentions ("What did Oracle say?"). The question stays on topic, so the dense score stays
high, but the coverage cannot answer it: the engine should refuse. Deterministic: the replacement
is drawn with a generator seeded by the seed and the question, so a run is reproducible.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import replace

from index.config import MAX_FILE_BYTES
from index.corpus.reader import load_corpus
from index.evaluation.dataset import Dataset, Question
from index.evaluation.entities import POOLS, EntityKind
from index.question.names import FIRST_NAMES, names

DEFAULT_SEED = 8
_WORD = re.compile(r"\w+")
_ORDER: tuple[EntityKind, ...] = (
    "company",
    "organisation",
    "country",
    "state",
    "city",
    "person",
    "surname",
)
_KIND_OF = {
    entity.lower(): kind for kind in reversed(_ORDER) for entity in POOLS[kind]
}


def entity_kind(name: str) -> EntityKind | None:
    """Return the kind of a name: a listed entity's, or a person for "Firstname Lastname"."""
    kind = _KIND_OF.get(name.lower())
    if kind is not None:
        return kind
    words = name.split()
    if len(words) >= 2 and words[0].lower() in FIRST_NAMES:
        return "person"
    return None


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Return the lower-cased words of the texts."""
    return frozenset(w for text in texts for w in _WORD.findall(text.lower()))


def _mentioned(name: str, words: frozenset[str]) -> bool:
    return all(w in words for w in _WORD.findall(name.lower()))


def _unmentioned(name: str, words: frozenset[str]) -> bool:
    return not any(w in words for w in _WORD.findall(name.lower()))


def swap_question(question: Question, words: frozenset[str], seed: int) -> Question | None:
    """Return the question about an unmentioned entity of the same kind, or None if it has none."""
    for name in names(question.text):
        kind = entity_kind(name.text) if name.proper else None
        if kind is None or not _mentioned(name.text, words) or name.text not in question.text:
            continue
        pool = sorted(e for e in POOLS[kind] if _unmentioned(e, words))
        if not pool:
            continue
        chooser = random.Random(f"{seed}\0{question.qid}\0{question.text}")  # noqa: S311 - not crypto
        text = question.text.replace(name.text, chooser.choice(pool), 1)
        return replace(
            question,
            text=text,
            qid=f"{question.qid}-swap",
            gold_urls=frozenset(),
            gold_quotes=(),
            answers=(),
            answerable=False,
        )
    return None


def corpus_texts(dataset: Dataset) -> list[str]:
    """Return the titles and texts of the data set's corpus (records or folder)."""
    if dataset.corpus_dir is not None:
        contents = load_corpus(dataset.corpus_dir, MAX_FILE_BYTES)
        return [t for a in contents.articles for t in (a.title, a.text)]
    return [t for r in dataset.records for t in (r.title or "", r.text)]


def entity_swaps(dataset: Dataset, seed: int = DEFAULT_SEED) -> Dataset:
    """Return the data set's answerable questions whose entity could be swapped, swapped."""
    words = vocabulary(corpus_texts(dataset))
    swapped = (swap_question(q, words, seed) for q in dataset.questions if q.answerable)
    return replace(
        dataset, name=f"{dataset.name}-swaps", questions=tuple(q for q in swapped if q)
    )

