"""Fit the answer-sentence weights (``index/answer/sentence.py``) on evaluation data.

For each answerable question of the fitting half, the engine ranks passages as it does for a
member; every sentence of the first ``depth`` passages becomes one example, labelled by whether
it holds the answer (one string of every answer group, compared as ``bold@k`` compares them).
Captions and bylines are left out: they are never chosen. A logistic regression (scikit-learn)
over the features gives the weights; it is imported only here, never on the question path.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from index.answer.sentence import FEATURES, SentenceModel, caption_sentences
from index.engine import Engine
from index.evaluation.dataset import Question
from index.evaluation.metrics import contains_any
from index.retrieval.search import answer_features

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class Examples:
    """Sentence feature rows, their labels, and which question each came from."""

    features: npt.NDArray[np.float32]
    labels: npt.NDArray[np.bool_]
    groups: npt.NDArray[np.int64]
    """Which passage (numbered across the examples) each sentence belongs to."""
    first: npt.NDArray[np.bool_]
    """Whether its passage is its question's first quote (the one a member reads first)."""


def collect(engine: Engine, questions: Sequence[Question], depth: int = 3) -> Examples:
    """Return the examples of the questions with answer strings, as the engine ranks them."""
    data = engine.data
    rows: list[npt.NDArray[np.float32]] = []
    labels: list[bool] = []
    groups: list[int] = []
    first: list[bool] = []
    number = 0
    for question in questions:
        if not question.answerable or not question.answers:
            continue
        asked_at = question.asked or dt.datetime.now(dt.UTC)
        query, result = engine.ranking(question.text, depth, asked_at)
        for rank, ranked in enumerate(result.ranked[:depth]):
            number += 1
            passage = data.passages[ranked.passage]
            features = answer_features(data, query, ranked.passage)
            captions = caption_sentences(passage.text, passage.sentences)
            for (a, b), row, caption in zip(passage.sentences, features, captions, strict=True):
                if caption:
                    continue
                sentence = passage.text[a:b]
                rows.append(row)
                labels.append(all(contains_any(sentence, g) for g in question.answers))
                groups.append(number)
                first.append(rank == 0)
    return Examples(
        np.asarray(rows, dtype=np.float32).reshape(-1, len(FEATURES)),
        np.asarray(labels, dtype=bool),
        np.asarray(groups, dtype=np.int64),
        np.asarray(first, dtype=bool),
    )


def join(parts: Sequence[Examples]) -> Examples:
    """Return the examples of several sets as one (question numbers kept apart)."""
    offset = 0
    groups = []
    for part in parts:
        groups.append(part.groups + offset)
        offset += int(part.groups.max()) + 1 if len(part.groups) else 0
    return Examples(
        np.concatenate([p.features for p in parts]),
        np.concatenate([p.labels for p in parts]),
        np.concatenate(groups) if groups else np.zeros(0, dtype=np.int64),
        np.concatenate([p.first for p in parts]),
    )


def pairs(examples: Examples) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.bool_]]:
    """Return (answering − other) feature differences within each passage, both ways round.

    The bold sentence is the best of its passage, so the weights are fitted on which of two
    sentences of one passage answers (a pairwise logistic regression), not on sentences alone.
    """
    differences: list[npt.NDArray[np.float32]] = []
    for group in np.unique(examples.groups):
        rows = np.flatnonzero(examples.groups == group)
        answering = rows[examples.labels[rows]]
        others = rows[~examples.labels[rows]]
        for a in answering:
            differences.extend(examples.features[a] - examples.features[o] for o in others)
    if not differences:
        raise ValueError("no passage holds both a sentence that answers and one that does not")
    plus = np.asarray(differences, dtype=np.float32)
    features = np.concatenate([plus, -plus])
    labels = np.concatenate([np.ones(len(plus), dtype=bool), np.zeros(len(plus), dtype=bool)])
    return features, labels


def fit(examples: Examples, regularization: float = 1.0) -> SentenceModel:
    """Return the pairwise logistic regression's weights (no intercept: only order matters)."""
    from sklearn.linear_model import LogisticRegression  # fitting only: never on the question path

    features, labels = pairs(examples)
    model = LogisticRegression(C=regularization, fit_intercept=False, max_iter=5000)
    model.fit(features, labels)
    return SentenceModel(FEATURES, tuple(float(c) for c in model.coef_[0]), 0.0)


def chosen_share(model: SentenceModel, examples: Examples, first_only: bool = True) -> float:
    """Return the share of answer-holding passages whose best-scored sentence holds the answer.

    With ``first_only``, of first quotes only: the bold@1 of the questions whose first quote
    holds the answer.
    """
    scores = model.scores(examples.features)
    right = total = 0
    for group in np.unique(examples.groups):
        mask = examples.groups == group
        if not examples.labels[mask].any() or (first_only and not examples.first[mask][0]):
            continue
        total += 1
        right += bool(examples.labels[mask][int(np.argmax(scores[mask]))])
    return right / total if total else 0.0


def write(model: SentenceModel, path: Path, fitted_on: Sequence[str], examples: Examples) -> None:
    """Write the weights file with what it was fitted on."""
    payload = {
        "features": list(model.features),
        "coefficients": [round(c, 6) for c in model.coefficients],
        "intercept": round(model.intercept, 6),
        "fitted_on": list(fitted_on),
        "examples": len(examples.labels),
        "answering": int(examples.labels.sum()),
        "refit": "coverbot fit-sentence (see docs/EVALUATION.md)",
    }
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    log.info("wrote %s (%d examples)", path, len(examples.labels))
