"""Sentence splitting and passage cutting: whole sentences, verbatim spans, bounded sizes."""

from __future__ import annotations

from index.config import ChunkSettings
from index.text.chunking import chunk_article
from index.text.sentences import paragraph_spans, sentence_spans
from index.text.tokens import count_tokens


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_sentences_respect_abbreviations_and_quotes() -> None:
    """Titles, initials and closing quotes do not end or break sentences wrongly."""
    text = (
        "Sen. Ron Wyden (D-Ore.) spoke first. The U.S. Army agreed. "
        "“We cannot rely on hope.” Then Dr. Smith left! Was it over? Yes."
    )
    assert sentences(text) == [
        "Sen. Ron Wyden (D-Ore.) spoke first.",
        "The U.S. Army agreed.",
        "“We cannot rely on hope.”",
        "Then Dr. Smith left!",
        "Was it over?",
        "Yes.",
    ]


def test_paragraphs_split_on_blank_lines_else_lines() -> None:
    """Blank lines separate paragraphs; without any, each line is one."""
    assert len(paragraph_spans("a b\nc d\n\ne f")) == 2
    assert len(paragraph_spans("a b\nc d\ne f")) == 3


def test_passages_are_verbatim_whole_sentences_within_limits() -> None:
    """Every passage is an exact span of the text, made of whole sentences, under the cap."""
    paragraph = " ".join(
        f"Sentence number {i} says something about the city budget." for i in range(9)
    )
    text = "\n\n".join([paragraph] * 6)
    settings = ChunkSettings(target_tokens=100, max_tokens=140, min_tokens=20)
    chunks = chunk_article(text, count_tokens, settings)
    assert len(chunks) > 3
    for chunk in chunks:
        quote = text[chunk.start : chunk.end]
        assert count_tokens(quote) <= settings.max_tokens
        assert quote.startswith("Sentence number") and quote.endswith(".")
        assert all(text[a:b] in quote for a, b in chunk.sentences)
    covered = "".join(text[c.start : c.end] for c in chunks).replace("\n", "").replace(" ", "")
    assert covered == text.replace("\n", "").replace(" ", "")


def test_small_paragraphs_merge_and_keep_their_first_paragraph_number() -> None:
    """Short paragraphs are merged into one passage numbered by its first paragraph."""
    text = "First short one.\n\nSecond short one.\n\nThird short one."
    (chunk,) = chunk_article(text, count_tokens, ChunkSettings())
    assert (chunk.start, chunk.end, chunk.paragraph) == (0, len(text), 1)
    long_paragraph = " ".join(f"Claim {i} is stated." for i in range(10))
    later = chunk_article(
        long_paragraph + "\n\n" + long_paragraph,
        count_tokens,
        ChunkSettings(target_tokens=60, max_tokens=80, min_tokens=1),
    )
    assert [c.paragraph for c in later] == [1, 2]


def test_overlong_sentence_is_cut_between_words() -> None:
    """A sentence longer than the hard limit is cut at whitespace, never inside a word."""
    text = " ".join(f"word{i}" for i in range(400)) + "."
    settings = ChunkSettings(target_tokens=60, max_tokens=80, min_tokens=10)
    chunks = chunk_article(text, count_tokens, settings)
    assert len(chunks) > 3
    for chunk in chunks:
        quote = text[chunk.start : chunk.end]
        assert count_tokens(quote) <= 80
        assert quote.split()[0].startswith("word")
        assert text[chunk.start - 1 : chunk.start] in ("", " ")


def test_model_veto_halves_a_passage_it_cannot_read_whole() -> None:
    """A passage the model would truncate is split between sentences until each fits."""
    text = " ".join(f"Point {i} is made here." for i in range(30))
    chunks = chunk_article(
        text,
        count_tokens,
        ChunkSettings(target_tokens=400, max_tokens=400),
        fits=lambda passage: len(passage) < 200,
    )
    assert len(chunks) > 1
    assert all(c.end - c.start < 200 for c in chunks)
