"""Answers sized for a channel: the answering sentence first, the full passages one click away.

A compact reply is one embed: the article's title (linked), the first quote trimmed to its
answering sentence and the sentence after it when that fits (verbatim, "…" where text is left
out: the reply opens on the answer, the context before it is one click away), up to two "Also:"
lines for the other strong matches (their own answering sentence, cut to about 150 characters),
and a footer of outlet, date and paragraph. Weaker matches are left to the "More" button, which
shows the full passages (:mod:`bot.formatting.answers`). Refusals are the same short message in
both styles.
"""

from __future__ import annotations

from typing import Literal

import discord

from bot.formatting import limits
from bot.formatting.answers import (
    QUOTE_COLOUR,
    Reply,
    abstention_reply,
    answer_reply,
    render_window,
)
from bot.formatting.excerpt import EXCERPT_BUDGET, also_hits, answer_window, short_sentence
from bot.formatting.markdown import escape, escape_line, plain, safe_url
from index import freshness_note
from index.records import Answer, Hit

AnswerStyle = Literal["compact", "full"]
REPLY_TARGET = 700
"""Characters of a whole compact reply aimed at: the context sentence and then the Also lines
give way to stay under it; the answering sentence never does."""
EXCERPT_LIMIT = 600
"""Characters of the rendered excerpt at most (an answering sentence longer is cut at a word)."""
TITLE_LIMIT = 150
FOOTER_LIMIT = 120
ALSO_TITLE = 50


def styled_reply(answer: Answer, style: AnswerStyle) -> Reply:
    """Return the message for ``answer`` in the channel's style: compact or full passages."""
    return compact_reply(answer) if style == "compact" else answer_reply(answer)


def compact_reply(answer: Answer) -> Reply:
    """Return the compact message for an engine answer (see the module's docstring)."""
    if answer.abstained or not answer.hits:
        return abstention_reply(answer)
    first = answer.hits[0]
    content = question_lines(answer)
    title = limits.cut_words(escape_line(first.title), TITLE_LIMIT)
    footer = limits.cut_words(short_source(first), FOOTER_LIMIT)
    frame = len(content) + len(title) + len(footer)
    lines = [also_line(hit, first) for hit in also_hits(answer)]
    while lines and frame + len(excerpt(first, 0)) + len(_also_block(lines)) > REPLY_TARGET:
        lines.pop()
    room = REPLY_TARGET - frame - len(_also_block(lines))
    embed = discord.Embed(
        title=title,
        url=safe_url(first.url),
        description=excerpt(first, room) + _also_block(lines),
        colour=QUOTE_COLOUR,
    )
    embed.set_footer(text=footer)
    return Reply(content=content, embeds=(limits.fit_embed(embed),))


def _also_block(lines: list[str]) -> str:
    return "\n\n" + "\n".join(lines) if lines else ""


def excerpt(hit: Hit, room: int = EXCERPT_BUDGET) -> str:
    """Return the answering sentence in bold (and the next one if ``room`` allows), escaped."""
    start, end = answer_window(hit, min(room, EXCERPT_BUDGET))
    rendered = render_window(hit.quote, hit.highlight, start, end)
    return limits.cut_markdown(rendered, EXCERPT_LIMIT)


def also_line(hit: Hit, first: Hit) -> str:
    """Return "Also: *title* · outlet · date · ¶ n — sentence…" for a further strong match.

    Title, outlet and date are left out for another paragraph of the first quote's article.
    """
    sentence = escape(short_sentence(hit))
    if hit.source == first.source:
        return f"Also: ¶ {hit.paragraph} — {sentence}"
    title = escape(limits.cut_words(plain(hit.title), ALSO_TITLE))
    source = escape(short_source(hit))
    return f"Also: *{title}* · {source} — {sentence}"


def short_source(hit: Hit) -> str:
    """Return "Outlet · date · ¶ n"."""
    parts = [hit.outlet, hit.published, f"¶ {hit.paragraph}"]
    return " · ".join(plain(part) for part in parts if part)


def question_lines(answer: Answer) -> str:
    """Return the message's text: the question, and the notes the full view carries too."""
    lines = [f"**Q:** {escape(answer.question)}"]
    if answer.unmentioned:
        names = " or ".join(f"**{escape(plain(name))}**" for name in answer.unmentioned)
        lines.append(f"None of these passages mentions {names}.")
    note = freshness_note(answer.latest_published, answer.asked_at)
    if note:
        lines.append(f"*{note}*")
    return limits.cut_markdown("\n".join(lines), limits.CONTENT)
