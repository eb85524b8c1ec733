"""A loaded index's passages, each made from the stored table the first time it is asked for.

Loading used to make every ``Passage`` at once: four seconds of a million-passage index's cold
load (BENCHMARKS.md), though a question reads a few hundred of them. ``PassageTable`` keeps the
columns as loaded (article, start, end, paragraph; sentence spans with each passage's first
row) and makes a passage when it is first indexed, then keeps it, so a passage is made once and
asking for it again costs what indexing a tuple does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from index.records import SPAN_ITEM_BYTES, Passage


class PassageTable(Sequence[Passage]):
    """The passages of a stored index, as a read-only sequence equal to the tuple built.

    ``table`` holds one row a passage (article, start, end, paragraph); ``spans`` the sentence
    spans in article coordinates, passage ``i`` owning rows ``offsets[i]:offsets[i + 1]``;
    ``texts`` each article's text, which a passage slices and never copies. Safe to read from
    several threads: two threads making the same passage make equal ones.
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
        self._made: list[Passage | None] = [None] * len(table)

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int) -> Passage: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Passage, ...]: ...

    def __getitem__(self, index: int | slice) -> Passage | tuple[Passage, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        made = self._made[index]  # IndexError past the end, as a tuple raises it
        return made if made is not None else self._make(index)

    def __iter__(self) -> Iterator[Passage]:
        for i in range(len(self)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__: Any = None

    def __repr__(self) -> str:
        return f"PassageTable({len(self)} passages)"

    def _make(self, index: int) -> Passage:
        row = index + len(self) if index < 0 else index
        article, start, end, paragraph = self._table[row].tolist()
        first, last = self._offsets[row : row + 2].tolist()
        size = 2 * SPAN_ITEM_BYTES
        packed = self._packed[(first - self._base) * size : (last - self._base) * size]
        passage = Passage(article, start, end, paragraph, self._texts[article], packed)
        self._made[row] = passage
        return passage
