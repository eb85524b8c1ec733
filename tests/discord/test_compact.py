"""Layer 1: compact answers: the answering sentence first, other strong matches in one line."""

from __future__ import annotations

from bot.formatting import limits
from bot.formatting.answers import answer_reply
from bot.formatting.compact import compact_reply, styled_reply
from bot.formatting.excerpt import answer_window
from bot.formatting.plain import plain_text
from fakediscord.limits import check_embeds
from index.records import Answer
from index.text.sentences import quote_sentences
from tests.discord.test_formatting import make_hit

STORY = (
    "The county bought the system in 2017. "
    "It spent about $700 to upload its first photos. "
    "After that it paid about $7 a month. "
    "Critics said the tool was rushed. "
    "The sheriff disagreed."
)


def sentence_hit(sentence: str, text: str = STORY, **meta: object):
    """Return a hit of ``text`` with ``sentence`` highlighted."""
    start = text.index(sentence)
    span = next((a, b) for a, b in quote_sentences(text) if a <= start < b)
    return make_hit(text, (span,), **meta)


def test_the_answering_sentence_comes_first_with_the_next_one() -> None:
    """The reply opens on the bold sentence, then the next; "…" marks what is left out."""
    reply = compact_reply(Answer("How much?", (sentence_hit("It spent about $700"),)))
    (embed,) = reply.embeds
    description = embed.description or ""
    assert description == (
        "… **It spent about $700 to upload its first photos.** After that it paid about $7 a "
        "month. …"
    )
    assert embed.title == "Amazon bans police use of its facial-recognition technology for a year"
    assert embed.url == "https://example.org/rekognition"
    assert embed.footer.text == "The Washington Post · 2020-06-10 · ¶ 8"
    assert reply.content == "**Q:** How much?"


def test_other_strong_matches_are_one_line_each_and_weak_ones_left_to_more() -> None:
    """Two strong matches become "Also:" lines; a weak one and a third strong one do not."""
    first = sentence_hit("It spent about $700", score=1.0)
    same_article = sentence_hit("Critics said", score=0.9, paragraph=12)
    long_sentence = "The IBM chief wrote to Congress that " + "the company " * 30 + "would stop."
    other = sentence_hit(
        long_sentence,
        long_sentence,
        score=0.8,
        source="ibm.md",
        title="IBM **quits** face recognition",
        outlet="Reuters",
        published="2020-06-09",
        paragraph=2,
    )
    third = sentence_hit("The sheriff", score=0.8, paragraph=14)
    weak = sentence_hit("After that", score=0.1, paragraph=30)
    answer = Answer("How much?", (first, weak, same_article, other, third))
    description = compact_reply(answer).embeds[0].description or ""
    also = [line for line in description.splitlines() if line.startswith("Also:")]
    assert also[0] == "Also: ¶ 12 — Critics said the tool was rushed."
    assert also[1].startswith(r"Also: *IBM \*\*quits\*\* face recognition* · Reuters · 2020-06-09")
    assert also[1].endswith("…") and len(also[1].split(" — ", 1)[1]) <= 150
    assert len(also) == 2 and "¶ 30" not in description and "¶ 14" not in description


def test_a_refusal_is_its_reason_once_and_the_closest_titles() -> None:
    """A refusal says why in one sentence, not "does not answer" then "does not mention"."""
    answer = Answer(
        "What did Zorblax say?",
        (),
        abstained=True,
        reason="The coverage does not mention Zorblax.",
        closest_titles=("Amazon bans police use", "T" * 400),
    )
    reply = compact_reply(answer)
    description = reply.embeds[0].description or ""
    assert description.splitlines()[0] == "The coverage does not mention Zorblax."
    assert description.count("does not") == 1
    assert "• Amazon bans police use" in description and len(description) < 300


def test_the_plain_text_fallback_has_the_same_shape() -> None:
    """Without Embed Links: title, the answering sentence, the Also line, then the source."""
    answer = Answer(
        "How much?",
        (sentence_hit("It spent about $700"), sentence_hit("Critics said", paragraph=12)),
    )
    reply = compact_reply(answer)
    lines = plain_text(reply.content, reply.embeds).splitlines()
    assert lines[0] == "**Q:** How much?"
    assert lines[2].startswith("**Amazon bans police use") and "<https://example.org/" in lines[2]
    assert "**It spent about $700 to upload its first photos.**" in lines[3]
    assert lines[5] == "Also: ¶ 12 — Critics said the tool was rushed."
    assert lines[6] == "— The Washington Post · 2020-06-10 · ¶ 8"


def test_huge_quotes_and_metadata_stay_compact_and_valid() -> None:
    """A 3,000-character answering sentence and huge metadata: one valid embed under 1,000."""
    sentence = "The contract said " + "word " * 600 + "and then it ended."
    hits = tuple(
        make_hit(sentence, ((0, len(sentence)),), title="T" * 600, outlet="O" * 900)
        for _ in range(3)
    )
    reply = compact_reply(Answer("why?", hits))
    assert check_embeds([embed.to_dict() for embed in reply.embeds]) == {}
    quote = reply.embeds[0].description or ""
    assert quote.endswith("**…") and not limits.bold_open(quote) and len(quote) <= 600
    assert "Also:" not in quote  # no room left: the other matches are behind More
    assert len(reply.content or "") + sum(len(e) for e in reply.embeds) <= 1000
    assert len(plain_text(reply.content, reply.embeds)) <= 1000


def test_full_style_is_the_passages_view() -> None:
    """``full`` gives the passages at length, one embed each, as before."""
    answer = Answer("How much?", (sentence_hit("It spent"), sentence_hit("Critics", paragraph=12)))
    assert styled_reply(answer, "full") == answer_reply(answer)
    assert len(styled_reply(answer, "full").embeds) == 2
    assert len(styled_reply(answer, "compact").embeds) == 1


def test_the_window_keeps_verbatim_offsets_and_fits_its_budget() -> None:
    """The excerpt is one slice of the quote; context before it is taken only when asked for."""
    hit = sentence_hit("It spent about $700")
    start, end = answer_window(hit, 200)
    assert hit.quote[start:end] == (
        "It spent about $700 to upload its first photos. After that it paid about $7 a month."
    )
    start, end = answer_window(hit, 200, before=1)
    assert hit.quote[start:end].startswith("The county bought the system in 2017. It spent")
    start, end = answer_window(hit, 30, before=1)
    assert hit.quote[start:end] == "It spent about $700 to upload its first photos."
