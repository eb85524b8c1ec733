"""Word lists as data: one entry a line, each file headed by its source and inclusion rule.

Every file here is plain text: ``#`` starts a comment (the header says where the list comes from
and what may join it), blank lines are ignored, an entry is one line of lower-case words. A list
of words is read with ``words``; a list whose entries map a word to others (a people to its
places, an abbreviation to its name) with ``mapping``. This package imports nothing from the
engine; the rules that use the lists live where they are applied (``index.question``,
``index.grounding``, ``index.text``). ``tests/index/test_lexicon.py`` holds every file to its
header: sorted, unique, lower case, nothing taken from the bundled article alone.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def entries(name: str) -> tuple[str, ...]:
    """Return the entries of ``<name>.txt``, in file order, comments and blank lines dropped."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(line for line in lines if line)


def words(name: str) -> frozenset[str]:
    """Return every word of ``<name>.txt``: its entries, each split at spaces."""
    return frozenset(word for entry in entries(name) for word in entry.split())


def mapping(name: str) -> dict[str, tuple[str, ...]]:
    """Return ``<name>.txt`` as a mapping: each entry's first word to the words after it."""
    return {entry.split()[0]: tuple(entry.split()[1:]) for entry in entries(name)}
