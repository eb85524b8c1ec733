"""Layer 1: reply formatting as pure functions, within every Discord limit."""

from __future__ import annotations

import discord
import pytest

from bot.formatting import limits
from bot.formatting.answers import (
    abstention_reply,
    answer_reply,
    fit_quote,
    hit_embed,
    hits_reply,
    render_quote,
)
from index.records import Answer, Hit
from index.text.sentences import quote_sentences
from tests.hits import make_hit as shared_hit


def make_hit(quote: str, highlight: tuple[tuple[int, int], ...] = (), **meta: object) -> Hit:
    fields: dict[str, object] = {
        "title": "Amazon bans police use of its facial-recognition technology for a year",
        "outlet": "The Washington Post",
        "published": "2020-06-10",
        "url": "https://example.org/rekognition",
        "source": "amazon.md",
        "paragraph": 8,
        "dense_score": 0.8,
        "lexical_score": 0.7,
    }
    return shared_hit(quote, highlight, **{**fields, **meta})


def long_passage(sentences: int = 60) -> tuple[str, tuple[tuple[int, int], ...]]:
    parts = [
        f"Sentence number {i} talks about facial recognition at some length."
        for i in range(sentences)
    ]
    text = " ".join(parts)
    target = parts[30]
    start = text.index(target)
    return text, ((start, start + len(target)),)


def test_highlight_is_bold_and_rest_verbatim():
    """The answering sentence is wrapped in ** and the rest of the quote is unchanged."""
    quote = "Intro sentence. It spent about $700 to upload photos. Outro."
    a = quote.index("It spent")
    b = quote.index("Outro") - 1
    text = render_quote(quote, ((a, b),), 0, len(quote))
    assert text == "Intro sentence. **It spent about $700 to upload photos.** Outro."


def test_markdown_in_quote_is_escaped():
    """`**`, `_` and `~` in an article are shown literally, not as formatting."""
    quote = "A **bold** claim_with_underscores and ~~strike~~."
    text = render_quote(quote, ((0, len(quote)),), 0, len(quote))
    assert text.startswith("**") and text.endswith("**")
    inner = text[2:-2]
    assert "\\*\\*bold\\*\\*" in inner and "claim\\_with\\_underscores" in inner
    assert inner.replace("\\", "") == quote


def test_oversized_passage_trimmed_at_sentence_boundary():
    """A passage longer than the budget keeps whole sentences around the bold one, with …."""
    quote, highlight = long_passage()
    text = fit_quote(quote, highlight, quote_sentences(quote), 500)
    assert len(text) <= 500
    assert text.startswith("… ") and text.endswith(" …")
    assert "**Sentence number 30 talks about facial recognition at some length.**" in text
    body = text[2:-2].replace("**", "")
    assert body in quote
    assert body.endswith(".") and body.startswith("Sentence")


def test_single_huge_sentence_cut_at_word_boundary():
    """A sentence longer than the budget is cut between words, never mid-word."""
    quote = " ".join(["word"] * 2000)
    text = fit_quote(quote, ((0, len(quote)),), quote_sentences(quote), 300)
    assert len(text) <= 300 and text.endswith("…")
    assert text[:-1].removesuffix("**").endswith("word")  # the bold is closed after the cut


def test_cut_words_never_mid_word():
    """cut_words drops the partial last word and adds an ellipsis."""
    assert limits.cut_words("alpha beta gamma", 12) == "alpha beta…"
    assert limits.cut_words("short", 12) == "short"


def test_embed_has_linked_title_and_source_footer():
    """A quote's embed links the title to the URL and names outlet, date and paragraph."""
    embed = hit_embed(make_hit("It paid $700.", ((0, 13),)))
    assert embed.url == "https://example.org/rekognition"
    assert embed.title is not None and embed.title.startswith("Amazon bans police")
    assert embed.footer.text == "The Washington Post · 2020-06-10 · paragraph 8"


def test_embed_without_url_or_outlet():
    """Unknown URL and outlet are left out rather than shown empty."""
    embed = hit_embed(make_hit("It paid $700.", (), url=None, outlet=None, published=None))
    assert embed.url is None
    assert embed.footer.text == "paragraph 8"


@pytest.mark.parametrize("count", [1, 3, 10])
def test_many_huge_hits_fit_every_limit(count):
    """Ten oversized passages with 300-character titles still fit one message's limits."""
    quote, highlight = long_passage(200)
    hits = [make_hit(quote, highlight, title="T" * 300) for _ in range(count)]
    reply = hits_reply("q" * 3000, hits)
    limits.check_message(reply.content, reply.embeds)
    assert len(reply.embeds) == count


def test_everyone_in_quote_is_kept_verbatim():
    """An @everyone in a quote is left as written (allowed_mentions makes it inert)."""
    reply = answer_reply(Answer("who?", (make_hit("Ping @everyone and @here now.", ((0, 29),)),)))
    assert "@everyone" in (reply.embeds[0].description or "")


def test_abstention_says_so_and_lists_titles():
    """An abstention says there is no answer, gives its reason once and lists the closest titles."""
    answer = Answer(
        question="How do I bake sourdough bread?",
        hits=(),
        abstained=True,
        reason="Nothing in the coverage is close enough to the question.",
        closest_titles=("Amazon bans police use", "IBM quits face recognition"),
    )
    reply = abstention_reply(answer)
    description = reply.embeds[0].description or ""
    assert reply.embeds[0].title == "No answer in the coverage"
    assert description.startswith("Nothing in the coverage is close enough to the question.\n")
    assert "does not answer" not in description  # one sentence of reason, not two
    assert "• Amazon bans police use" in description and "• IBM quits" in description
    assert (
        answer_reply(answer) == reply or answer_reply(answer).embeds[0].description == description
    )


def test_cut_lines_counts_what_was_left_out():
    """A long list keeps whole lines and says how many more there are."""
    text = limits.cut_lines([f"• file-{i}.md" for i in range(500)], limits.FIELD_VALUE)
    assert len(text) <= limits.FIELD_VALUE
    assert text.splitlines()[-1].startswith("… and ")


def test_check_message_rejects_oversized_embed():
    """The limit checker itself notices a description over 4096."""
    with pytest.raises(ValueError, match="description"):
        limits.check_message(None, [discord.Embed(description="x" * 5000)])


def test_quote_trimmed_at_the_engines_sentences_not_after_abbreviations():
    """A trimmed quote never starts or ends inside "Sen. Warren" or "the U.S. government"."""
    filler = " ".join(f"Filler sentence {n} says little of note." for n in range(40))
    bold = "Sen. Warren said the U.S. government should halt the program."
    quote = f"{filler} {bold} {filler}"
    start = quote.index(bold)
    for budget in range(80, 300, 7):
        text = fit_quote(quote, ((start, start + len(bold)),), quote_sentences(quote), budget)
        body = text.removeprefix("… ").removesuffix(" …").replace("**", "")
        assert bold in body and body in quote
        assert body.startswith(("Filler", "Sen.")) and body.endswith(("note.", "program."))


def test_answer_names_what_none_of_its_quotes_mentions() -> None:
    """Quotes that do not mention an asked-about name are introduced as the closest, naming it."""
    from bot.formatting.answers import answer_reply
    from index.records import Answer, Hit

    hit = Hit(
        quote="Microsoft also needs to take a stand.",
        highlight=((0, 37),),
        sentences=((0, 37),),
        title="T",
        outlet=None,
        author=None,
        published=None,
        url=None,
        source="a.md",
        paragraph=1,
        start=0,
        end=37,
        score=1.0,
        dense_score=0.5,
        lexical_score=0.5,
    )
    reply = answer_reply(Answer("What did Laperruque say?", (hit,), unmentioned=("Laperruque",)))
    assert reply.content is not None
    assert reply.content.startswith("None of these passages mentions **Laperruque**")
    plain_reply = answer_reply(Answer("What did Microsoft say?", (hit,)))
    assert plain_reply.content is not None and "None of these" not in plain_reply.content
