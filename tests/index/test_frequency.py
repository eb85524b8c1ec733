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
    assert any(user_cache.glob(f"{language}-*.words"))


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


def test_a_damaged_table_is_written_again(
    user_cache: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A cut-short table is noticed, rebuilt, and the answers stay wordfreq's."""
    frequency.zipf("moratorium", "en")
    words = next(user_cache.glob("en-*.words"))
    words.write_bytes(words.read_bytes()[:1000])
    frequency._table.cache_clear()
    frequency.zipf.cache_clear()
    with caplog.at_level(logging.WARNING, logger="index.text.frequency"):
        assert frequency.zipf("surveillance", "en") == zipf_frequency("surveillance", "en")
    assert "writing it again" in caplog.text
    assert words.stat().st_size > 1000


def test_an_unwritable_cache_still_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the cache folder cannot be made, lookups are still right (just not remembered)."""
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    frequency._table.cache_clear()
    frequency.zipf.cache_clear()
    try:
        assert frequency.zipf("police", "en") == zipf_frequency("police", "en")
        assert frequency.zipf("zzqxv", "en") == 0.0
    finally:
        frequency._table.cache_clear()
        frequency.zipf.cache_clear()
