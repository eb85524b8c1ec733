"""Word frequencies from wordfreq, without importing wordfreq for every question.

``zipf(word, language)`` is ``wordfreq.zipf_frequency(word, language)``. Importing wordfreq (with
ftfy, langcodes and its tokenizer) and unpacking a language's list of some 300,000 words cost a
question asked in the terminal about 0.3 s, and 0.1 s more for each other language a name is
looked up in. So each language's list is written once, per wordfreq version, into the user's
cache folder (``$XDG_CACHE_HOME/coverbot/wordfreq``, else ``~/.cache/coverbot/wordfreq``) as a
sorted table of its words and their Zipf values, which a lookup bisects (a new wordfreq
writes new tables). Only words of the
letters a-z are in the table: any other word (an apostrophe, a digit, an accent) is one
wordfreq's tokenizer may cut or change, so wordfreq itself answers it. Where the cache folder
cannot be written, wordfreq answers every word.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

FORMAT = 1
"""The table files' layout; a new one is written when it changes."""
_PLAIN = re.compile(r"[a-z]+")


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


def cache_dir() -> Path:
    """Return the folder the tables are kept in."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coverbot" / "wordfreq"


@lru_cache(maxsize=65536)
def zipf(word: str, language: str = "en") -> float:
    """Return ``wordfreq.zipf_frequency(word, language)``, from the cached table when it can."""
    table = _table(language) if _PLAIN.fullmatch(word) else None
    if table is not None:
        return table.zipf(word)
    from wordfreq import zipf_frequency  # a word the table cannot answer, or no table

    return float(zipf_frequency(word, language))


@cache
def _table(language: str) -> Table | None:
    source = _source(language)
    if source is None:
        return None
    folder = cache_dir()
    stat = source.stat()
    stem = f"{language}-{stat.st_size:x}-{stat.st_mtime_ns:x}-{FORMAT}"
    words, numbers = folder / f"{stem}.words", folder / f"{stem}.npz"
    try:
        if words.is_file() and numbers.is_file():
            return _read(words, numbers)
    except (OSError, ValueError, KeyError) as exc:  # a damaged table is written again
        log.warning("word frequency table %s unreadable (%s); writing it again", words, exc)
    table = _build(language)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _write_atomically(numbers, lambda path: _save_numbers(path, table))
        _write_atomically(words, lambda path: path.write_bytes(table.words))
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


def _read(words: Path, numbers: Path) -> Table:
    with np.load(numbers) as arrays:
        offsets, hundredths = arrays["offsets"], arrays["hundredths"]
    text = words.read_bytes()
    if len(offsets) != len(hundredths) + 1 or int(offsets[-1]) != len(text):
        raise ValueError("its files do not match")
    return Table(text, offsets.astype(np.int64), hundredths.astype(np.int16))


def _build(language: str) -> Table:
    """Return the table of a language's plain words, read through wordfreq itself."""
    from wordfreq import get_frequency_dict, zipf_frequency

    frequencies = {w: f for w, f in get_frequency_dict(language).items() if _PLAIN.fullmatch(w)}
    # A plain word is its own token, so its Zipf value depends on its frequency alone: wordfreq's
    # value for one word of each frequency is every such word's.
    examples: dict[float, str] = {}
    for word, frequency in frequencies.items():
        examples.setdefault(frequency, word)
    values = {f: round(zipf_frequency(w, language) * 100) for f, w in examples.items()}
    ordered = sorted(frequencies)
    encoded = [w.encode("ascii") for w in ordered]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(w) for w in encoded], out=offsets[1:])
    hundredths = np.asarray([values[frequencies[w]] for w in ordered], dtype=np.int16)
    return Table(b"".join(encoded), offsets, hundredths)


def _save_numbers(path: Path, table: Table) -> None:
    with path.open("wb") as handle:
        np.savez(handle, offsets=table.offsets.astype(np.int32), hundredths=table.hundredths)


def _write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
