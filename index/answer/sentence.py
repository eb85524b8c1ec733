"""Which sentence of a passage answers the question: evidence features and their fitted weights.

The sentence a member reads first is the bold one, so it must be the answer, not only a sentence
that shares the question's words. Each sentence gets a few features that a reader would accept
as evidence (``FEATURES``): how close it is to the question (the sentence vector's cosine, and
its gap to the passage's best), how many of the question's names and other words it holds, whether
it holds the kind of answer asked (a count for "how many", a date for "when", a person or
organisation for "who", a place for "where", a cause for "why") or lacks it, whether it brings
words the question does not already have, and whether it is someone's quotation or an aside.
Their weights are a logistic regression fitted on evaluation data (``coverbot fit-sentence``
writes ``index/answer/sentence_weights.json``; docs/EVALUATION.md says on which sets and how it
does on the others). Photo captions and bylines are never the answer (``caption_sentences``).

Everything here is pure and cheap: regexes over the sentence text and one matrix product.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from index.question.answer_kind import Asked, holds, word_pairs
from index.question.names import usually_capitalised
from index.records import Span
from index.text.sentences import paragraph_spans
from index.text.terms import stems, term_set

WEIGHTS_FILE = Path(__file__).with_name("sentence_weights.json")

FEATURES = (
    "cosine",
    "cosine_gap",
    "names",
    "terms",
    "kind_held",
    "kind_missing",
    "who_entity",
    "where_place",
    "why_cause",
    "quoted",
    "aside",
    "first",
    "length",
    "novelty",
    "shared",
    "phrases",
    "before",
)
"""The evidence, in the order of the weights file's coefficients."""

NEVER = -1e9
"""The score of a sentence that is never the answer (a caption, a byline)."""

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\b|\b[A-Z]{2,}\b")
_PLACE = re.compile(r"\b(?:in|at|near|from|outside|across)\s+(?:the\s+)?[A-Z][a-z]+")
_CAUSE = re.compile(
    r"\b(?:because|since|due to|amid|after|so that|in order to|over concerns?|citing|"
    r"as a result|following|prompted|led to|caused)\b",
    re.I,
)
_OPENS_QUOTE = re.compile(r"^\W{0,3}[\"“‘']")
_ASIDE = re.compile(r"^\s*\(.*\)\W*$", re.S)
# A photo credit closing a paragraph: "(Drew Harwell, Jhaan Elker/The Washington Post)",
# "(AP Photo/Ted S. Warren)", "(Getty Images)"; or a line that names itself a caption or credit.
_CREDIT = re.compile(
    r"\((?:[^()]*\w\s?/\s?[A-Z][^()]*|[^()]*\b(?:Photo|Photograph|Image|Illustration|"
    r"Getty Images|Reuters|AFP)\b[^()]*)\)\W*$"
)
_LABELLED = re.compile(r"^\s*(?:Photo|Photograph|Image|Caption|Credit|Pictured|Video)\s*:", re.I)
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'-]+(?:\s+(?:[A-Z][\w.'-]+|and|de|van))*\s*$")


@dataclass(frozen=True)
class SentenceModel:
    """A logistic regression over ``FEATURES``: a sentence's score is ``features @ coef``."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float

    def scores(self, features: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        """Return one log-odds score a row of features."""
        weights = np.asarray(self.coefficients, dtype=np.float32)
        return (features @ weights + np.float32(self.intercept)).astype(np.float32)


@cache
def sentence_model(path: Path = WEIGHTS_FILE) -> SentenceModel:
    """Return the fitted weights shipped with the engine (read once)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    model = SentenceModel(
        tuple(data["features"]), tuple(float(c) for c in data["coefficients"]),
        float(data["intercept"]),
    )
    if model.features != FEATURES:
        raise ValueError(f"{path} was fitted on other features: refit it")
    return model


def caption_sentences(text: str, sentences: Sequence[Span]) -> tuple[bool, ...]:
    """Tell which sentences are a photo caption, a credit or a byline (never the answer).

    A paragraph that ends with a photo credit is a caption, every sentence of it.
    """
    captions = [
        (a, b)
        for a, b in paragraph_spans(text)
        if _CREDIT.search(text[a:b]) or _LABELLED.match(text[a:b]) or _BYLINE.match(text[a:b])
    ]
    return tuple(any(a <= s < b for a, b in captions) for s, _e in sentences)


def sentence_features(
    question: Asked,
    text: str,
    sentences: Sequence[Span],
    cosines: npt.NDArray[np.float32],
    names: Sequence[float],
    terms: Sequence[float],
) -> npt.NDArray[np.float32]:
    """Return one row of ``FEATURES`` a sentence of ``text``.

    ``cosines`` are the sentences' cosines to the question; ``names`` the share of the question's
    names (of those the passage mentions) each sentence holds; ``terms`` the share of the
    question's other term weight each holds (``before``: the sentence before it, which a "he"
    or "it" of the answer points back to).
    """
    rows = np.zeros((len(sentences), len(FEATURES)), dtype=np.float32)
    if not sentences:
        return rows
    best = float(np.max(cosines))
    for i, (a, b) in enumerate(sentences):
        sentence = text[a:b]
        content = term_set(sentence)
        new = len(content - question.terms)
        shared = len(content & question.terms) / len(question.terms) if question.terms else 0.0
        phrases = (
            len(word_pairs(stems(sentence)) & question.pairs) / len(question.pairs)
            if question.pairs
            else 0.0
        )
        held = holds(question.kind, sentence)
        rows[i] = (
            cosines[i],
            cosines[i] - best,
            names[i],
            terms[i],
            question.kind is not None and held,
            question.kind is not None and not held,
            question.who and _new_name(sentence, question.terms),
            question.where and bool(_PLACE.search(sentence)),
            question.why and bool(_CAUSE.search(sentence)),
            bool(_OPENS_QUOTE.match(sentence)),
            bool(_ASIDE.match(sentence)),
            i == 0,
            math.log1p(len(sentence.split())) / math.log(50),
            new / len(content) if content else 0.0,
            shared,
            phrases,
            terms[i - 1] if i else 0.0,
        )
    return rows


def _new_name(sentence: str, question_terms: frozenset[str]) -> bool:
    """Tell whether a sentence names someone the question does not (a candidate "who").

    A sentence's first word is capitalised by the sentence: it counts only when English writes
    it capitalised anyway ("Microsoft did not respond", not "The company").
    """
    opening = sentence.lstrip("\"“‘'( ")
    return any(
        not term_set(match.group()) <= question_terms
        and (match.start() != len(sentence) - len(opening)
             or usually_capitalised(match.group().lower()))
        for match in _CAPITALISED.finditer(sentence)
    )


def best_sentence(scores: Sequence[float]) -> int | None:
    """Return the index of the answering sentence, or None when every one is excluded."""
    if not len(scores):
        return None
    best = int(np.argmax(scores))
    return None if scores[best] <= NEVER else best
