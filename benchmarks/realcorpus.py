"""A large corpus folder of real text: the evaluation sets' articles, repeated in varied copies.

Round 0 is every RealTime QA dev article, XQuAD paragraph and RGB passage as written; each later
round repeats them with their names swapped for other articles' names, their numbers redrawn,
the sentences of each paragraph shuffled, a few words replaced by other words of the corpus and
the date moved back ``SHIFT_DAYS`` a round, all from a seeded RNG. No two articles have the same
content (the corpus reader would index one of them) and no paragraph, as the engine cuts
paragraphs (blank-line separated, else one a line), repeats (a repeated paragraph would make a
repeated passage); a paragraph or article that comes out the same as an
earlier one is varied again. The same sources, size and seed give the same files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import random
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.data import Sources
from index.config import ChunkSettings
from index.evaluation.formats import read_dataset
from index.records import ArticleRecord
from index.text.chunking import chunk_article
from index.text.sentences import paragraph_spans
from index.text.tokens import count_tokens

log = logging.getLogger(__name__)

ARTICLES_PER_FILE = 200
"""Records a ``.jsonl`` file: ~1.2 MB, well under the reader's cap on one file."""
WORD_SHARE = 0.03
"""Share of a paragraph's lower-case words replaced by another word of the corpus."""
SHIFT_DAYS = 91
TRIES = 8
"""Times a paragraph or article is varied again before it is left out as a repeat."""
_NAME_IN_SENTENCE = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,})\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
_NUMBER = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_WORD = re.compile(r"[a-z]{4,}")


@dataclass(frozen=True)
class GeneratedCorpus:
    """What ``generate`` wrote."""

    folder: Path
    files: int
    articles: int
    estimated_passages: int
    rounds: int
    base_articles: int
    left_out: int
    """Copies left out because every try repeated an earlier article."""


def base_records(sources: Sources) -> list[ArticleRecord]:
    """Return the real articles: RealTime QA dev, then XQuAD, then RGB where it is there."""
    records = list(read_dataset("realtimeqa", sources.realtimeqa).records)
    records += read_dataset("squad", sources.squad).records
    rgb = sources.realtimeqa.parent / "rgb" / "en_fact.json"
    if rgb.exists():
        records += read_dataset("rgb", rgb).records
    return [r for r in records if r.text.strip()]


def estimated_passages(records: Iterable[ArticleRecord]) -> list[int]:
    """Return each article's passage count as the engine's chunker cuts it."""
    return [len(chunk_article(r.text, count_tokens, ChunkSettings())) for r in records]


def _digest(text: str) -> bytes:
    return hashlib.blake2b(" ".join(text.split()).lower().encode("utf-8"), digest_size=12).digest()


@dataclass(frozen=True)
class _Vocabulary:
    names: tuple[str, ...]
    words: tuple[str, ...]


def _vocabulary(records: Iterable[ArticleRecord]) -> _Vocabulary:
    """Return the names (capitalised mid-sentence, seen twice) and words the copies draw on."""
    names: Counter[str] = Counter()
    words: set[str] = set()
    for record in records:
        names.update(_NAME_IN_SENTENCE.findall(record.text))
        words.update(_WORD.findall(record.text))
    return _Vocabulary(
        tuple(sorted(n for n, seen in names.items() if seen >= 2)), tuple(sorted(words))
    )


class _Copier:
    """Varies articles; remembers every paragraph and article written, to write none twice."""

    def __init__(self, vocabulary: _Vocabulary, seed: int) -> None:
        self.vocabulary = vocabulary
        self.known_names = frozenset(vocabulary.names)
        self.seed = seed
        self.paragraphs: set[bytes] = set()
        self.articles: set[bytes] = set()

    def _words(self, paragraph: str, rng: random.Random, share: float) -> str:
        """Replace ``share`` of the paragraph's lower-case words (at least one) with others.

        A paragraph without one (a place name on its own line) gets other names and numbers.
        """
        words = paragraph.split(" ")
        eligible = [i for i, w in enumerate(words) if w.isalpha() and w.islower() and len(w) >= 4]
        if not eligible:
            other = _CAPITALISED.sub(lambda _: rng.choice(self.vocabulary.names), paragraph)
            return _NUMBER.sub(lambda m: _digits(m.group(0), rng), other)
        count = min(len(eligible), max(1, round(len(words) * share)))
        for position in rng.sample(eligible, count):
            words[position] = rng.choice(self.vocabulary.words)
        return " ".join(words)

    def _paragraph(
        self, paragraph: str, rng: random.Random, names: dict[str, str], vary: bool
    ) -> str:
        if vary:
            sentences = _SENTENCE_END.split(paragraph)
            rng.shuffle(sentences)
            paragraph = self.swap(" ".join(sentences), rng, names)
            paragraph = self._words(paragraph, rng, WORD_SHARE)
        for attempt in range(TRIES):
            digest = _digest(paragraph)
            if digest not in self.paragraphs:
                self.paragraphs.add(digest)
                return paragraph
            paragraph = self._words(paragraph, rng, WORD_SHARE * (attempt + 2))
        return paragraph  # still a repeat after every try: the article check decides

    def swap(self, text: str, rng: random.Random, names: dict[str, str]) -> str:
        def name(match: re.Match[str]) -> str:
            word = match.group(0)
            if word not in self.known_names:
                return word
            if word not in names:
                names[word] = rng.choice(self.vocabulary.names)
            return names[word]

        return _NUMBER.sub(lambda m: _digits(m.group(0), rng), _CAPITALISED.sub(name, text))

    def copy(self, record: ArticleRecord, number: int, round_: int) -> ArticleRecord | None:
        """Return round ``round_``'s copy of article ``number``, or None if it repeats one."""
        rng = random.Random(f"{self.seed}:{round_}:{number}")
        names: dict[str, str] = {}
        vary = round_ > 0
        for _ in range(TRIES):
            text = "\n\n".join(
                self._paragraph(record.text[a:b], rng, names, vary)
                for a, b in paragraph_spans(record.text)
            )
            digest = _digest(text)
            if digest not in self.articles:
                self.articles.add(digest)
                return _with_text(record, text, round_, names, self, rng)
            vary = True
        return None


def _digits(digits: str, rng: random.Random) -> str:
    """Return a random number as long as ``digits`` (no leading zero unless one digit)."""
    first = str(rng.randint(1, 9)) if len(digits) > 1 else str(rng.randint(0, 9))
    return first + "".join(str(rng.randint(0, 9)) for _ in digits[1:])


def _with_text(
    record: ArticleRecord,
    text: str,
    round_: int,
    names: dict[str, str],
    copier: _Copier,
    rng: random.Random,
) -> ArticleRecord:
    if round_ == 0:
        return ArticleRecord(
            text, record.title, record.outlet, record.author, record.published, record.url
        )
    title = copier.swap(record.title, rng, names) if record.title else None
    url = f"{record.url}?copy={round_}" if record.url else None
    return ArticleRecord(
        text, title, record.outlet, record.author, _shifted(record.published, round_), url
    )


def _shifted(published: str | None, round_: int) -> str | None:
    if not published:
        return published
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        return published
    return (day - dt.timedelta(days=SHIFT_DAYS * round_)).isoformat() + published[10:]


def copies(
    records: list[ArticleRecord], passages: list[int], target: int, seed: int = 0
) -> Iterator[tuple[ArticleRecord | None, int, int]]:
    """Yield (copy or None, its estimated passages, round) until ``target`` passages."""
    copier = _Copier(_vocabulary(records), seed)
    total, round_ = 0, 0
    while total < target:
        for number, record in enumerate(records):
            if total >= target:
                return
            made = copier.copy(record, number, round_)
            if made is not None:
                total += passages[number]
            yield made, passages[number], round_
        round_ += 1


def _record_json(record: ArticleRecord) -> str:
    fields = {
        "text": record.text,
        "title": record.title,
        "outlet": record.outlet,
        "author": record.author,
        "published": record.published,
        "url": record.url,
    }
    return json.dumps({k: v for k, v in fields.items() if v}, ensure_ascii=False)


def generate(
    records: list[ArticleRecord], folder: Path, target: int, seed: int = 0
) -> GeneratedCorpus:
    """Write copies of ``records`` as ``.jsonl`` files in ``folder`` up to ``target`` passages."""
    folder.mkdir(parents=True, exist_ok=True)
    passages = estimated_passages(records)
    written = files = estimated = left_out = last_round = 0
    lines: list[str] = []

    def flush() -> None:
        nonlocal files, lines
        if lines:
            path = folder / f"part-{files:05d}.jsonl"
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            files, lines = files + 1, []

    for made, count, round_ in copies(records, passages, target, seed):
        last_round = round_
        if made is None:
            left_out += 1
            continue
        lines.append(_record_json(made))
        written, estimated = written + 1, estimated + count
        if len(lines) == ARTICLES_PER_FILE:
            flush()
            if files % 50 == 0:
                log.info("corpus: %d articles, ~%d passages written", written, estimated)
    flush()
    return GeneratedCorpus(
        folder, files, written, estimated, last_round + 1, len(records), left_out
    )
