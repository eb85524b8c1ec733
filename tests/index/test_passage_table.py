"""A loaded index makes each passage when it is first read, equal to the passage built."""

from __future__ import annotations

import numpy as np
import pytest

from index.records import Passage
from index.store.passages import PassageTable

TEXTS = ["First one. Second one.\n\nThird one.", "Other article. Its end."]
BUILT = (
    Passage.of(0, 0, 22, 1, TEXTS[0], [(0, 10), (11, 22)]),
    Passage.of(0, 24, 34, 2, TEXTS[0], [(0, 10)]),
    Passage.of(1, 0, 23, 1, TEXTS[1], [(0, 15), (15, 23)]),
)


def _table(passages: tuple[Passage, ...] = BUILT) -> PassageTable:
    rows = np.array([(p.article, p.start, p.end, p.paragraph) for p in passages], dtype=np.int64)
    spans = [(p.start + a, p.start + b) for p in passages for a, b in p.sentences]
    counts = [p.sentence_count for p in passages]
    offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return PassageTable(TEXTS, rows, np.array(spans, dtype=np.int64), offsets)


def test_it_reads_as_the_tuple_that_was_built() -> None:
    table = _table()
    assert len(table) == 3
    assert table == BUILT and list(table) == list(BUILT)
    assert BUILT == table  # noqa: SIM300 - a tuple compared with the table, reflected
    assert table[-1] == BUILT[-1] and table[1:] == BUILT[1:]
    assert [p.text for p in table] == ["First one. Second one.", "Third one.", TEXTS[1]]
    assert table[2].sentences == ((0, 15), (15, 23))
    assert table[0].article_text is TEXTS[0]  # sliced from its article, never copied
    with pytest.raises(IndexError):
        table[3]


def test_a_passage_is_made_once() -> None:
    table = _table()
    assert table[1] is table[1] is table[-2]


def test_a_different_sequence_is_not_equal() -> None:
    assert _table() != BUILT[:2]
    assert _table() != (BUILT[0], BUILT[2], BUILT[1])
    assert _table() != "not passages"


@pytest.mark.parametrize(
    ("rows", "offsets", "message"),
    [
        ([(2, 0, 5, 1)], [0, 1], "article"),
        ([(0, 0, 5, 1)], [0], "offsets"),
        ([(0, 0, 5, 1)], [0, 9], "do not fit"),
    ],
)
def test_a_table_that_cannot_be_read_is_refused(rows, offsets, message) -> None:
    spans = np.array([(0, 5)], dtype=np.int64)
    with pytest.raises(ValueError, match=message):
        PassageTable(TEXTS, np.array(rows, dtype=np.int64), spans, np.array(offsets))
