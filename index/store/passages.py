"""A loaded index's passages, each made from the stored table the first time it is asked for.

Loading used to make every ``Passage`` at once: four seconds of a million-passage index's cold
load (BENCHMARKS.md), though a question reads a few hundred of them. ``PassageTable`` keeps the
columns as loaded (article, start, end, paragraph; sentence spans with each passage's first
row) and makes a passage when it is first indexed, then keeps it, so a passage is made once and
asking for it again costs what indexing a tuple does.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from index.records import SPAN_ITEM_BYTES, Passage
from index.store.on_read import MadeOnRead


class PassageTable(MadeOnRead[Passage]):
    """The passages of a stored index, as a read-only sequence equal to the tuple built.

    ``table`` holds one row a passage (article, start, end, paragraph); ``spans`` the sentence
    spans in article coordinates, passage ``i`` owning rows ``offsets[i]:offsets[i + 1]``;
    ``texts`` each article's text, which a passage slices and never copies.
    """

    def __init__(
        self,
        texts: Sequence[str],
        table: npt.NDArray[np.int64],
        spans: npt.NDArray[np.int64],
        offsets: npt.NDArray[np.int64],
    ) -> None:
        if len(offsets) != len(table) + 1:
            raise ValueError(f"{len(table)} passages but {len(offsets)} sentence offsets")
        if len(table) and (int(table[:, 0].min()) < 0 or int(table[:, 0].max()) >= len(texts)):
            raise ValueError("a passage names an article the index does not have")
        if len(table) and (np.any(np.diff(offsets) < 0) or int(offsets[-1]) > len(spans)):
            raise ValueError("the sentence offsets do not fit the sentence table")
        self._texts = texts
        self._table = table
        self._offsets = offsets
        # Every passage's spans relative to its own start, packed as Passage keeps them: one
        # array operation here instead of three a passage later.
        starts = np.repeat(table[:, 1], np.diff(offsets)) if len(table) else np.zeros(0, np.int64)
        first = int(offsets[0]) if len(offsets) else 0
        relative = spans[first : first + len(starts)] - starts[:, None]
        self._packed = relative.astype(np.intc).tobytes()
        self._base = first
        super().__init__(len(table))

    def _make(self, row: int) -> Passage:
        article, start, end, paragraph = self._table[row].tolist()
        first, last = self._offsets[row : row + 2].tolist()
        size = 2 * SPAN_ITEM_BYTES
        packed = self._packed[(first - self._base) * size : (last - self._base) * size]
        return Passage(article, start, end, paragraph, self._texts[article], packed)
