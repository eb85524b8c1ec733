"""Fitting the answer-sentence weights: halves, pairs within a passage, and the fit itself."""

import json

import numpy as np
import pytest

from index.answer.sentence import FEATURES, sentence_model
from index.engine import Engine
from index.evaluation.dataset import Question, half_of
from index.evaluation.sentence_fit import Examples, chosen_share, collect, fit, pairs, write


def _examples() -> Examples:
    """Two passages of three sentences: feature 0 is high exactly where the answer is."""
    features = np.zeros((6, len(FEATURES)), dtype=np.float32)
    features[:, 0] = [0.9, 0.1, 0.2, 0.1, 0.8, 0.3]
    features[:, 1] = [0.5, 0.5, 0.5, 0.9, 0.0, 0.9]
    labels = np.array([True, False, False, False, True, False])
    groups = np.array([1, 1, 1, 2, 2, 2])
    first = np.array([True, True, True, False, False, False])
    return Examples(features, labels, groups, first)


def test_pairs_compare_sentences_of_one_passage_both_ways_round():
    """Each answering sentence against each other one of its passage, and the reverse."""
    features, labels = pairs(_examples())
    assert features.shape == (8, len(FEATURES))
    assert labels.tolist() == [True] * 4 + [False] * 4
    assert np.allclose(features[:4], -features[4:])


def test_the_fit_learns_what_tells_the_answer_apart():
    """The separating feature gets a positive weight; the best sentence is then the answer."""
    examples = _examples()
    model = fit(examples)
    assert model.coefficients[0] > 0 > model.coefficients[1]
    assert chosen_share(model, examples, first_only=False) == 1.0
    assert chosen_share(model, examples) == 1.0  # of first quotes only: passage 1


def test_a_weights_file_round_trips(tmp_path):
    """What fit-sentence writes is what the engine reads, with what it was fitted on."""
    examples = _examples()
    path = tmp_path / "weights.json"
    write(fit(examples), path, ["made-up (even half)"], examples)
    model = sentence_model(path)
    assert model.features == FEATURES
    assert json.loads(path.read_text())["fitted_on"] == ["made-up (even half)"]


def test_halves_follow_the_gold_article():
    """Questions about one article share a half; both halves are used."""
    one = [Question(text=f"q{i}", gold_urls=frozenset({"urn:a"})) for i in range(5)]
    assert len({half_of(q) for q in one}) == 1
    many = [Question(text="q", gold_urls=frozenset({f"urn:{i}"})) for i in range(40)]
    assert {half_of(q) for q in many} == {"even", "odd"}


@pytest.mark.model
def test_collect_labels_the_sentences_of_the_quotes_shown(seed_engine: Engine):
    """Each sentence of the first quotes is an example, labelled by whether it answers."""
    question = Question(
        text="How much did the Oregon sheriff's office pay to upload its photos?",
        answers=(("$700",),),
    )
    examples = collect(seed_engine, [question])
    assert examples.features.shape[1] == len(FEATURES)
    assert examples.labels.sum() == 1
    assert examples.first[examples.labels].all()
