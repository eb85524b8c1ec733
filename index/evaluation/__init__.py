"""Evaluation of the engine on question-answering data sets.

A reader (one module per format in ``formats``) turns a data set into a ``Dataset``: article
records to index and questions with their gold. The runner materializes the records as a corpus
folder, builds the index with the engine the bot uses, asks every question and scores the answers
with the pure functions of ``metrics``.
"""

from index.evaluation.dataset import Dataset, Question
from index.evaluation.formats import FORMATS, read_dataset
from index.evaluation.metrics import Outcome, Report, summarize

__all__ = [
    "FORMATS",
    "Dataset",
    "Outcome",
    "Question",
    "Report",
    "read_dataset",
    "summarize",
]
