"""Every pinned question set is answered exactly as its golden file records, question by question.

The sets are asked through the real engine on the real model with the shipped defaults, as
``coverbot golden write`` asks them; the indexes are built afresh in a temporary folder. A change
of behaviour fails here with each changed answer shown field by field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coverbot.commands.golden_cmds import REGENERATE
from index.embedding.encoder import Embedder
from index.evaluation.golden import differences
from index.evaluation.golden_sets import (
    GoldenSet,
    ask_set,
    golden_config,
    golden_embedder,
    read_sets,
)
from tests.articles import REPO

pytestmark = pytest.mark.model

HERE = Path(__file__).resolve().parent
SETS = read_sets(HERE / "sets.json")


@pytest.fixture(scope="module")
def golden_model() -> Embedder:
    """Return the model encoding questions as the shipped defaults do."""
    return golden_embedder(golden_config())


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return one cache folder for the module, so sets on one corpus share its index."""
    return tmp_path_factory.mktemp("golden")


def _marked(spec: GoldenSet) -> object:
    return pytest.param(spec, id=spec.name, marks=[pytest.mark.slow] if spec.slow else [])


@pytest.mark.parametrize("spec", [_marked(spec) for spec in SETS])
def test_answers_match_the_golden_file(
    spec: GoldenSet, golden_model: Embedder, workdir: Path
) -> None:
    """Each question's refusal, reason, ranks, bold sentence, quotes and notes are as pinned."""
    if not spec.available(REPO):
        pytest.skip(f"{spec.questions} is not here")
    expected = (HERE / f"{spec.name}.jsonl").read_text(encoding="utf-8")
    actual = ask_set(spec, REPO, workdir, golden_model)
    changes = differences(expected, actual)
    if changes:
        pytest.fail(
            f"{len(changes)} answers of {spec.name} differ from tests/golden/{spec.name}.jsonl "
            "(pinned -> now):\n"
            + "\n".join(changes)
            + f"\nIf the change is meant, regenerate the files with `{REGENERATE}` (from the "
            "repository root) and explain the change of every answer in the commit message.",
            pytrace=False,
        )
    assert actual == expected  # byte for byte: key order, Unicode and line ends too
