"""Answers as Discord messages: quotes with their answering sentences in bold, and sources.

Quotes stay verbatim apart from markdown escaping (:mod:`bot.formatting.markdown`: no link,
emphasis or heading of an article becomes the bot's own). Long passages are trimmed to whole
sentences around the bolded ones, with "…" where text was left out. Every message is also sent
with ``AllowedMentions.none()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import discord

from bot.formatting import limits
from bot.formatting.markdown import escape, escape_line, escape_with_bold, plain, safe_url
from index import freshness_note, weak_flags
from index.records import Answer, Hit

QUOTE_COLOUR = discord.Colour.blurple()
ABSTAIN_COLOUR = discord.Colour.light_grey()
QUOTE_BUDGET = 1500
"""Characters of one quote; three quotes plus their titles and footers stay under 6000."""
FOOTER_BUDGET = 300
"""Characters of a quote's source footer (outlet, author, date): metadata never crowds quotes."""
FRAME_BUDGET = 600
"""Characters kept per embed for its title and footer (at most 256 + 300)."""
MIN_QUOTE = 100
CLOSEST_TITLE = 120
"""Characters of a closest article's title under a refusal."""
NO_ANSWER = "The coverage I have does not answer this."


@dataclass(frozen=True)
class Reply:
    """A message to send: content and embeds that fit Discord's limits."""

    content: str | None
    embeds: tuple[discord.Embed, ...] = ()


def render_quote(quote: str, highlight: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """Render ``quote[start:end]`` escaped, with the parts inside ``highlight`` in bold."""
    spans = [(a - start, b - start) for a, b in highlight]
    return escape_with_bold(quote[start:end], spans)


def fit_quote(
    quote: str,
    highlight: Sequence[tuple[int, int]],
    sentences: Sequence[tuple[int, int]],
    budget: int,
) -> str:
    """Render ``quote`` within ``budget`` characters, trimmed to whole sentences around the bold.

    ``sentences`` are the quote's sentence spans as the engine split them (``Hit.sentences``).
    Sentences are added around the first highlighted one while the rendering fits; "…" marks text
    left out at either end. A single sentence longer than the budget is cut at a word boundary.
    """
    whole = render_quote(quote, highlight, 0, len(quote))
    if len(whole) <= budget:
        return whole
    spans = list(sentences) or [(0, len(quote))]
    first = _first_highlighted(spans, highlight)
    lo = hi = first
    best = _render_window(quote, highlight, spans, lo, hi)
    if len(best) > budget:
        return limits.cut_markdown(best, budget)
    grew = True
    while grew:
        grew = False
        for new_lo, new_hi in ((lo, hi + 1), (lo - 1, hi)):
            if new_lo < 0 or new_hi >= len(spans):
                continue
            candidate = _render_window(quote, highlight, spans, new_lo, new_hi)
            if len(candidate) <= budget:
                lo, hi, best, grew = new_lo, new_hi, candidate, True
    return best


def _first_highlighted(spans: list[tuple[int, int]], highlight: Sequence[tuple[int, int]]) -> int:
    if highlight:
        a = min(start for start, _ in highlight)
        for index, (_, end) in enumerate(spans):
            if a < end:
                return index
    return 0


def _render_window(
    quote: str,
    highlight: Sequence[tuple[int, int]],
    spans: list[tuple[int, int]],
    lo: int,
    hi: int,
) -> str:
    return render_window(quote, highlight, spans[lo][0], spans[hi][1])


def render_window(quote: str, highlight: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """Render ``quote[start:end]`` like ``render_quote``, "…" marking text left out either side."""
    text = render_quote(quote, highlight, start, end)
    if quote[:start].strip():
        text = f"{limits.ELLIPSIS} {text}"
    if quote[end:].strip():
        text = f"{text} {limits.ELLIPSIS}"
    return text


def source_line(hit: Hit) -> str:
    """Return "Outlet · author · date · paragraph N" for the footer of a quote."""
    parts = [hit.outlet, hit.author, hit.published, f"paragraph {hit.paragraph}"]
    return " · ".join(plain(part) for part in parts if part)


def _hit_frame(hit: Hit, weak: bool = False) -> discord.Embed:
    """Return a quote's embed without its quote: linked title and source footer, capped.

    A ``weak`` hit (far below the best one) is grey and its footer says "Weaker match".
    """
    embed = discord.Embed(
        title=limits.cut_words(escape_line(hit.title), limits.EMBED_TITLE),
        url=safe_url(hit.url),
        colour=ABSTAIN_COLOUR if weak else QUOTE_COLOUR,
    )
    footer = ("Weaker match · " if weak else "") + source_line(hit)
    embed.set_footer(text=limits.cut_words(footer, FOOTER_BUDGET))
    return embed


def hit_embed(hit: Hit, budget: int = QUOTE_BUDGET, weak: bool = False) -> discord.Embed:
    """Return one quote as an embed: linked title, the quote, and its source in the footer.

    A ``weak`` hit (far below the best one) is grey and its footer says "Weaker match".
    """
    embed = _hit_frame(hit, weak)
    embed.description = fit_quote(
        hit.quote, hit.highlight, hit.sentences, min(budget, limits.EMBED_DESCRIPTION)
    )
    return limits.fit_embed(embed)


def hits_reply(question: str, hits: Sequence[Hit], heading: str = "") -> Reply:
    """Return quotes answering ``question`` as one message of at most ten embeds.

    Titles and footers are capped, the quotes share what they leave of Discord's 6,000
    characters per message: metadata of any length never makes the message too long to send.
    """
    hits = list(hits)[: limits.EMBEDS_PER_MESSAGE]
    frames = [_hit_frame(hit, weak) for hit, weak in zip(hits, weak_flags(hits), strict=True)]
    budget = _quote_budget(len(hits))
    for frame, hit in zip(frames, hits, strict=True):
        frame.description = fit_quote(hit.quote, hit.highlight, hit.sentences, budget)
    content = limits.cut_words(f"{heading}**Q:** {escape(question)}", limits.CONTENT)
    return Reply(content=content, embeds=tuple(limits.fit_message(frames)))


def _quote_budget(count: int) -> int:
    if count <= 0:
        return QUOTE_BUDGET
    # Room for the title (256) and footer (300) of every embed within the 6000 shared by all.
    frames = count * FRAME_BUDGET
    return max(MIN_QUOTE, min(limits.EMBED_DESCRIPTION, (limits.EMBEDS_TOTAL - frames) // count))


def abstention_reply(answer: Answer) -> Reply:
    """Return the message that says plainly the coverage does not answer, with closest titles.

    The title says there is no answer; the description gives the engine's one-sentence reason.
    """
    description = escape(answer.reason) if answer.reason else NO_ANSWER
    if answer.closest_titles:
        titles = [
            f"• {escape(limits.cut_words(plain(title), CLOSEST_TITLE))}"
            for title in answer.closest_titles
        ]
        description += "\n\n**Closest articles:**\n" + limits.cut_lines(titles, 1500)
    embed = discord.Embed(
        title="No answer in the coverage",
        description=limits.cut_words(description, limits.EMBED_DESCRIPTION),
        colour=ABSTAIN_COLOUR,
    )
    limits.fit_embed(embed)
    content = limits.cut_words(f"**Q:** {escape(answer.question)}", limits.CONTENT)
    return Reply(content=content, embeds=(embed,))


def answer_reply(answer: Answer) -> Reply:
    """Return the message for an engine answer: its quotes, or the abstention."""
    if answer.abstained or not answer.hits:
        return abstention_reply(answer)
    reply = hits_reply(
        answer.question, answer.hits, heading=unmentioned_note(answer.unmentioned)
    )
    note = freshness_note(answer.latest_published, answer.asked_at)
    if note is None or reply.content is None:
        return reply
    # The note is ours (no markdown in it); the question line was already cut to fit.
    content = limits.cut_words(reply.content, limits.CONTENT - len(note) - 4)
    return Reply(content=f"{content}\n*{note}*", embeds=reply.embeds)


def unmentioned_note(names: Sequence[str]) -> str:
    """Return the line saying which asked-about names none of the quotes mentions, or ""."""
    if not names:
        return ""
    listed = " or ".join(f"**{escape(plain(name))}**" for name in names)
    return f"None of these passages mentions {listed}; they are the closest the coverage has.\n"


def more_reply(question: str, hits: Sequence[Hit], heading: str = "More passages · ") -> Reply:
    """Return the message for further passages asked for with the "More" button."""
    return hits_reply(question, hits, heading=heading)


def shown_summary(answer: Answer, shown: Sequence[Hit]) -> str:
    """Return a plain record of what was shown, for the feedback log."""
    if answer.abstained or not shown:
        return "abstained: " + "; ".join(answer.closest_titles)
    return "\n".join(f"{hit.source}#{hit.paragraph}: {hit.quote}" for hit in shown)
