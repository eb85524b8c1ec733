"""``coverbot fit-sentence``: refit the weights that choose the answering (bold) sentence."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import Any

from coverbot.settings import Settings
from index.answer.sentence import WEIGHTS_FILE
from index.evaluation.dataset import HALVES, half_of
from index.evaluation.formats import FORMATS, read_dataset
from index.evaluation.placement import place
from index.evaluation.runner import open_engine
from index.evaluation.sentence_fit import chosen_share, collect, fit, join, write

log = logging.getLogger(__name__)


def _data(value: str) -> tuple[str, Path, Path | None]:
    """Parse ``FORMAT:PATH`` or ``qa-jsonl:PATH@CORPUS``."""
    name, _, rest = value.partition(":")
    if name not in FORMATS or not rest:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not FORMAT:PATH with FORMAT one of {', '.join(FORMATS)}"
        )
    path, _, corpus = rest.partition("@")
    return name, Path(path), Path(corpus) if corpus else None


def register(subparsers: Any) -> None:
    """Add the ``fit-sentence`` command to the CLI."""
    parser = subparsers.add_parser(
        "fit-sentence",
        help="refit the answer-sentence weights on evaluation data (one half of each set)",
        description=(
            "Rank each answerable question's passages as the bot does, label every sentence of "
            "the first three by whether it holds the answer, fit a logistic regression on the "
            "features of index/answer/sentence.py and write its weights. Report on the other "
            "half with `coverbot eval ... --half`."
        ),
    )
    parser.add_argument(
        "--data",
        type=_data,
        action="append",
        required=True,
        metavar="FORMAT:PATH[@CORPUS]",
        help="a data set to fit on (repeatable), e.g. squad:../shared/eval/xquad/xquad.en.json",
    )
    parser.add_argument(
        "--half", choices=HALVES, default="even", help="the half of each set to fit on"
    )
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE, help="the weights file")
    parser.add_argument("--workdir", type=Path, default=None, help="as `coverbot eval`")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run ``coverbot fit-sentence`` and return its exit code."""
    settings = Settings()
    workdir = args.workdir if args.workdir is not None else settings.data_dir / "eval"
    parts = []
    for name, path, corpus in args.data:
        dataset = read_dataset(name, path, corpus or settings.corpus_dir)
        engine = open_engine(place(dataset, settings.engine_config(), workdir))
        questions = [q for q in dataset.questions if half_of(q) == args.half]
        parts.append(collect(engine, questions))
        log.info("%s %s: %d questions of the %s half", name, path, len(questions), args.half)
    examples = join(parts)
    model = fit(examples)
    fitted_on = [f"{name}:{path} ({args.half} half)" for name, path, _corpus in args.data]
    write(model, args.out, fitted_on, examples)
    print(f"fitted on {len(examples.labels)} sentences; best sentence answers "
          f"{chosen_share(model, examples):.3f} of the questions whose passages hold the answer")
    for feature, weight in zip(model.features, model.coefficients, strict=True):
        print(f"  {feature:<14}{weight:+.3f}")
    return 0
