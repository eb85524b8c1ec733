"""Word frequencies read from the cached tables are wordfreq's own, in every language used."""

from __future__ import annotations

import logging
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from wordfreq import get_frequency_dict, zipf_frequency

import index.text.frequency as frequency
from index.question.names import OTHER_LANGUAGES
from tests.conftest import SEED_CORPUS


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Give a fresh cache folder, with no table or lookup remembered from before."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    frequency._table.cache_clear()
    frequency.zipf.cache_clear()
    yield tmp_path / "coverbot" / "wordfreq"
    frequency._table.cache_clear()
    frequency.zipf.cache_clear()


def _words(language: str, count: int) -> list[str]:
    known = sorted(get_frequency_dict(language))
    sample = random.Random(language).sample(known, count)
    text = " ".join(p.read_text(encoding="utf-8") for p in SEED_CORPUS.glob("*.md"))
    article = set(re.findall(r"\w+", text.lower()))
    unknown = ["zzqxv", "heinekenx", "rekognitionn", "a", "z"]
    other = ["don't", "2020", "naïve", "zürich", "co-op", "Amazon", ""]
    return [*sample, *sorted(article), *unknown, *other]


@pytest.mark.parametrize("language", ["en", *OTHER_LANGUAGES])
def test_every_lookup_is_what_wordfreq_says(user_cache: Path, language: str) -> None:
    """Known and unknown words, plain or not: the same Zipf value as wordfreq.zipf_frequency."""
    words = _words(language, 1500)
    differing = [w for w in words if frequency.zipf(w, language) != zipf_frequency(w, language)]
    assert differing == []
    assert len(list(user_cache.glob(f"{language}-*.npz"))) == 1


def test_a_table_is_written_once_and_read_back(
    user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later process reads the table from the cache folder without building it again."""
    before = frequency.zipf("moratorium", "en")
    frequency._table.cache_clear()
    frequency.zipf.cache_clear()

    def no_building(language: str) -> frequency.Table:
        raise AssertionError("the cached table should have been read")

    monkeypatch.setattr(frequency, "_build", no_building)
    assert frequency.zipf("moratorium", "en") == before == zipf_frequency("moratorium", "en")


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",  # cut to nothing (a crash before the write reached the disk)
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:5000] + bytes([data[5000] ^ 0xFF]) + data[5001:],  # one byte flipped
        lambda data: b"PK" + b"\0" * 100,  # not a table at all
    ],
    ids=["empty", "cut", "flipped", "garbage"],
)
def test_a_damaged_table_is_written_again(
    user_cache: Path, caplog: pytest.LogCaptureFixture, damage
) -> None:
    """Any damage is noticed, the table rebuilt, and the answers stay wordfreq's."""
    frequency.zipf("moratorium", "en")
    table = next(user_cache.glob("en-*.npz"))
    intact = table.read_bytes()
    table.write_bytes(damage(intact))
    frequency._table.cache_clear()
    frequency.zipf.cache_clear()
    with caplog.at_level(logging.WARNING, logger="index.text.frequency"):
        assert frequency.zipf("surveillance", "en") == zipf_frequency("surveillance", "en")
        assert frequency.zipf("police", "en") == zipf_frequency("police", "en")
    assert "writing it again" in caplog.text
    assert table.stat().st_size == len(intact)


def test_an_older_table_is_replaced_and_nothing_is_left_behind(user_cache: Path) -> None:
    """A table of another wordfreq version is removed when the current one is written."""
    user_cache.mkdir(parents=True)
    old = user_cache / "en-0-0-1.npz"
    old.write_bytes(b"an older wordfreq's table")
    frequency.zipf("police", "en")
    assert not old.exists()
    assert [p.name.startswith("en-") for p in user_cache.iterdir()] == [True]


@pytest.mark.parametrize("where", ["a file", "no home"])
def test_an_unusable_cache_still_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """With no cache folder to write, lookups are still right (just not remembered)."""
    if where == "a file":
        blocked = tmp_path / "a-file"
        blocked.write_text("not a folder", encoding="utf-8")
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    else:  # no XDG_CACHE_HOME (a relative one is ignored) and no home folder
        monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")

        def no_home() -> Path:
            raise RuntimeError("Could not determine home directory.")

        monkeypatch.setattr(Path, "home", staticmethod(no_home))
    frequency._table.cache_clear()
    frequency.zipf.cache_clear()
    try:
        assert frequency.zipf("police", "en") == zipf_frequency("police", "en")
        assert frequency.zipf("zzqxv", "en") == 0.0
    finally:
        frequency._table.cache_clear()
        frequency.zipf.cache_clear()
