"""Word frequencies from wordfreq, without importing wordfreq for every question.

``zipf(word, language)`` is ``wordfreq.zipf_frequency(word, language)``. Importing wordfreq (with
ftfy, langcodes and its tokenizer) and unpacking a language's list of some 300,000 words were a
large share of a question asked in the terminal (BENCHMARKS.md), more for each other language a
name is looked up in. So each language's list is written once into the user's cache folder
(``$XDG_CACHE_HOME/coverbot/wordfreq``, else ``~/.cache/coverbot/wordfreq``) as one file, named
after wordfreq's own list file (a new wordfreq writes a new table), holding its words sorted
with their Zipf values, which a lookup bisects. Only words of the letters a-z are in the table:
any other word (an apostrophe, a digit, an accent) is one wordfreq's tokenizer may cut or
change, so wordfreq itself answers it. Where the cache folder cannot be written, wordfreq
answers every word; a damaged table is written again.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import tempfile
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

FORMAT = 1
"""The table files' layout; a new one is written when it changes."""


@dataclass(frozen=True)
class Table:
    """A language's plain words, sorted, with their Zipf values in hundredths."""

    words: bytes
    """The words joined, in sorted order."""
    offsets: npt.NDArray[np.int64]
    """Where each word starts in ``words`` (and, last, where the last one ends)."""
    hundredths: npt.NDArray[np.int16]

    def zipf(self, word: str) -> float:
        """Return a plain word's Zipf value (0.0 when wordfreq does not know it)."""
        key = word.encode("ascii")
        words, offsets = self.words, self.offsets
        low, high = 0, len(self.hundredths)
        while low < high:
            middle = (low + high) // 2
            found = words[offsets[middle] : offsets[middle + 1]]
            if found < key:
                low = middle + 1
            elif found > key:
                high = middle
            else:
                return int(self.hundredths[middle]) / 100
        return 0.0


def cache_dir() -> Path | None:
    """Return the folder the tables are kept in, or None when this user has no cache folder."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(configured):  # the XDG rule: a relative path is ignored
        return Path(configured) / "coverbot" / "wordfreq"
    try:
        return Path.home() / ".cache" / "coverbot" / "wordfreq"
    except RuntimeError:  # no home folder (a container's user without one)
        return None


@lru_cache(maxsize=65536)
def zipf(word: str, language: str = "en") -> float:
    """Return ``wordfreq.zipf_frequency(word, language)``, from the cached table when it can."""
    table = _table(language) if _plain(word) else None
    if table is not None:
        return table.zipf(word)
    from wordfreq import zipf_frequency  # a word the table cannot answer, or no table

    return float(zipf_frequency(word, language))


@cache
def _table(language: str) -> Table | None:
    source, folder = _source(language), cache_dir()
    if source is None or folder is None:  # nowhere to keep a table: wordfreq answers
        return None
    stat = source.stat()
    name = f"{language}-{stat.st_size:x}-{stat.st_mtime_ns:x}-{FORMAT}.npz"
    if (folder / name).is_file():
        try:
            return _read(folder / name)
        except Exception as exc:  # any damage at all: the table is written again
            log.warning(
                "word frequency table %s unreadable (%s); writing it again", folder / name, exc
            )
    table = _build(language)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(folder / name, table)
        for stale in folder.glob(f"{language}-*.npz"):  # an older wordfreq's, or format's
            if stale.name != name:
                stale.unlink(missing_ok=True)
    except OSError as exc:  # an unwritable cache only costs the next process the same time
        log.debug("word frequency table not cached in %s: %s", folder, exc)
    return table


def _source(language: str) -> Path | None:
    """Return the list wordfreq reads for a language (its best: large, else small), or None.

    Its size and time name the table, so a new wordfreq gets a new table.
    """
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or spec.origin is None:
        return None
    data = Path(spec.origin).parent / "data"
    for size in ("large", "small"):
        path = data / f"{size}_{language}.msgpack.gz"
        if path.is_file():
            return path
    return None


def _read(path: Path) -> Table:
    """Read a table; the file's zip checksums catch a damaged copy, the checks a foreign one."""
    with np.load(path) as arrays:
        words = arrays["words"]
        offsets = arrays["offsets"].astype(np.int64)
        hundredths = arrays["hundredths"]
    if (
        words.dtype != np.uint8
        or hundredths.dtype != np.int16
        or offsets.ndim != 1
        or len(offsets) != len(hundredths) + 1
        or int(offsets[0]) != 0
        or int(offsets[-1]) != len(words)
        or bool(np.any(np.diff(offsets) <= 0))
        or (len(hundredths) and not 0 <= int(hundredths.min()) <= int(hundredths.max()) <= 900)
    ):
        raise ValueError("not a word frequency table")
    return Table(words.tobytes(), offsets, hundredths)


def _build(language: str) -> Table:
    """Return the table of a language's plain words, read through wordfreq itself."""
    from wordfreq import get_frequency_dict, zipf_frequency

    frequencies = get_frequency_dict(language)
    words = sorted(w for w in frequencies if _plain(w))
    found = np.fromiter((frequencies[w] for w in words), dtype=np.float64, count=len(words))
    # A plain word is its own token, so its Zipf value depends on its frequency alone: wordfreq's
    # value for one word of each frequency is every such word's.
    distinct, first, which = np.unique(found, return_index=True, return_inverse=True)
    values = np.asarray(
        [round(zipf_frequency(words[i], language) * 100) for i in first], dtype=np.int16
    )
    offsets = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, words), dtype=np.int64, count=len(words)), out=offsets[1:])
    hundredths = values[which] if len(distinct) else np.zeros(0, dtype=np.int16)
    return Table("".join(words).encode("ascii"), offsets, hundredths)


def _plain(word: str) -> bool:
    """Tell whether a word is of the letters a-z only (the words the table holds)."""
    return word.isascii() and word.isalpha() and word.islower()


def _write_atomically(target: Path, table: Table) -> None:
    """Write a table whole under its name, or not at all (a crash leaves the old or none)."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(
                file,
                words=np.frombuffer(table.words, dtype=np.uint8),
                offsets=table.offsets.astype(np.int32),
                hundredths=table.hundredths,
            )
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
