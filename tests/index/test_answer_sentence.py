"""The answering sentence's evidence, without the model: captions, what is asked, features."""

import numpy as np
import pytest

from index.answer.sentence import (
    FEATURES,
    NEVER,
    best_sentence,
    caption_sentences,
    sentence_features,
    sentence_model,
)
from index.question.answer_kind import asked
from index.text.sentences import quote_sentences

CAPTIONED = (
    "A sheriff's office in Oregon is using Amazon Rekognition to help track down criminal "
    "suspects. Is this a dangerous precedent against privacy? (Drew Harwell, Jhaan "
    "Elker/The Washington Post)\n\n"
    "Microsoft did not immediately respond to a request for comment.\n\n"
    "(AP Photo/Ted S. Warren)\n\n"
    "By Jane Doe\n\n"
    "Photo: the plant at dawn.\n\n"
    "The council voted 7-2 (the mayor abstained) to repair the pipe."
)


def _features(question, text, kind=None, cosines=None, names=None, terms=None):
    spans = quote_sentences(text)
    n = len(spans)
    column = dict(zip(FEATURES, range(len(FEATURES)), strict=True))
    rows = sentence_features(
        asked(question, kind),
        text,
        spans,
        np.asarray(cosines or [0.5] * n, dtype=np.float32),
        names or [0.0] * n,
        terms or [0.0] * n,
    )
    return spans, rows, column


def test_a_captioned_paragraph_credit_and_byline_are_never_the_answer():
    """Every sentence of a paragraph ending in a photo credit is a caption; so is a byline."""
    spans = quote_sentences(CAPTIONED)
    flags = caption_sentences(CAPTIONED, spans)
    texts = [CAPTIONED[a:b] for a, b in spans]
    captioned = [t for t, f in zip(texts, flags, strict=True) if f]
    kept = [t for t, f in zip(texts, flags, strict=True) if not f]
    assert captioned[0].startswith("A sheriff's office") and len(captioned) == 6
    assert kept == [
        "Microsoft did not immediately respond to a request for comment.",
        "The council voted 7-2 (the mayor abstained) to repair the pipe.",
    ]


def test_the_best_sentence_skips_what_is_never_the_answer():
    """A caption's score is NEVER: the best of the others is chosen, or none at all."""
    assert best_sentence([NEVER, 0.2, 0.9]) == 2
    assert best_sentence([NEVER, NEVER]) is None
    assert best_sentence([]) is None


@pytest.mark.parametrize(
    ("question", "who", "where", "why"),
    [
        ("Who didn't respond to a request for comment?", True, False, False),
        ("which company paused its sales?", True, False, False),
        ("Where is the sheriff's office?", False, True, False),
        ("why did amazon stop?", False, False, True),
        ("What did the ACLU say?", False, False, False),
    ],
)
def test_what_a_question_asks_for(question, who, where, why):
    """Who, where and why are read from the question's opening words."""
    reading = asked(question, None)
    assert (reading.who, reading.where, reading.why) == (who, where, why)


def test_who_wants_a_name_the_question_does_not_have():
    """A "who" question's answer names someone new; an opening "The" names no one."""
    text = (
        "The company did not respond to a request for comment. "
        "Microsoft did not respond to a request for comment."
    )
    _spans, rows, column = _features("Who didn't respond to a request for comment?", text)
    assert rows[:, column["who_entity"]].tolist() == [0.0, 1.0]
    _spans, rows, column = _features("What did they not respond to?", text)
    assert rows[:, column["who_entity"]].tolist() == [0.0, 0.0]


def test_the_kind_asked_held_or_missing():
    """'How many' is held by a sentence with a count and missing from one without."""
    text = "Nimbus grounded 340 drones. Nimbus said it regretted the outage."
    _spans, rows, column = _features("how many drones did nimbus ground", text, kind="number")
    assert rows[:, column["kind_held"]].tolist() == [1.0, 0.0]
    assert rows[:, column["kind_missing"]].tolist() == [0.0, 1.0]


def test_quotations_asides_and_new_words():
    """A quotation, an aside in parentheses, and how much of a sentence the question lacks."""
    text = (
        "“Amazon must press Congress,” she said. (Bezos owns The Post.) "
        "Amazon paused police use of Rekognition."
    )
    _spans, rows, column = _features("Did Amazon pause police use of Rekognition?", text)
    assert rows[:, column["quoted"]].tolist() == [1.0, 0.0, 0.0]
    assert rows[:, column["aside"]].tolist() == [0.0, 1.0, 0.0]
    assert rows[2, column["novelty"]] == 0.0 < rows[0, column["novelty"]]
    assert rows[:, column["first"]].tolist() == [1.0, 0.0, 0.0]


def test_the_shipped_weights_fit_the_features():
    """The weights file names the features in order, and scores a row each."""
    model = sentence_model()
    assert model.features == FEATURES
    rows = np.zeros((3, len(FEATURES)), dtype=np.float32)
    assert model.scores(rows).shape == (3,)
