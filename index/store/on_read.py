"""Sequences a loaded index builds an item of the first time it is read, and views of texts.

``PassageTable`` and ``ArticleTable`` keep what a version stored and make a ``Passage`` or
parse an ``Article`` when it is first indexed, then keep it: asking again costs what indexing
a tuple does. ``Texts`` reads each record's text when asked, so no list of texts is ever built.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar, overload

T = TypeVar("T")


class MadeOnRead(Sequence[T]):
    """A read-only sequence of ``count`` items, each made by ``_make(row)`` when first read.

    Equal to any sequence of equal items (the tuple a build holds, say). Safe to read from
    several threads: two threads making the same item make equal ones, and either is kept.
    """

    def __init__(self, count: int) -> None:
        self._made: list[T | None] = [None] * count

    def _make(self, row: int) -> T:
        """Return item ``row`` (0 <= row < len) made from what was stored."""
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._made)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        made = self._made[index]  # IndexError past the end, as a tuple raises it
        if made is not None:
            return made
        row = index + len(self) if index < 0 else index
        made = self._made[row] = self._make(row)
        return made

    def __iter__(self) -> Iterator[T]:
        for i in range(len(self)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__: Any = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} items)"


class _HasText(Protocol):
    @property
    def text(self) -> str: ...


class Texts(Sequence[str]):
    """The texts of a sequence of records, each read from its record when asked.

    Neither the records (passages slice their article's text) nor this view hold a copy: on a
    million passages a tuple of their texts would double what the coverage keeps in memory.
    """

    def __init__(self, records: Sequence[_HasText]) -> None:
        self._records = records

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [r.text for r in self._records[index]]
        return self._records[index].text
