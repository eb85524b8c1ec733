"""Conversations on Discord: which earlier questions a message continues, and how it was read.

A member's message continues a conversation when it replies to one of the bot's answers (the
questions behind that answer), or mentions the bot, or runs ``/ask``, in a thread or DM where
the bot answered (the questions behind its latest answer there). The engine reads it in their
context (``index/question/followup.py``); the reply then says in one short line how it read
the question.
A question about a period and nothing else is answered with the period's articles
(``Answer.news``). This module is the hook between the cog and the formatters: the answer's
layout itself is ``bot/formatting``'s.
"""

from __future__ import annotations

import logging
import sqlite3

import discord

from bot.ask.conversations import ConversationStore
from bot.formatting import limits
from bot.formatting.answers import Reply
from bot.formatting.markdown import escape, escape_line, plain
from index.records import Answer, News, NewsItem

log = logging.getLogger(__name__)

READ_AS_CHARS = 300
"""The "Read as" line is one short line: a longer reading is cut at a word."""
NEWS_COLOUR = discord.Colour.blurple()
NEWS_TITLE = 150
"""Characters of an article's title in the list."""
NEWS_FRAME = 300
"""Characters kept for the list's own title and footer."""


def continues_in(channel: object) -> bool:
    """Tell whether ``/ask`` or a mention in this channel continues the latest answer there."""
    return isinstance(channel, discord.Thread | discord.DMChannel)


async def earlier_turns(
    store: ConversationStore, channel: object, channel_id: int | None, replied_to: int | None
) -> tuple[str, ...]:
    """Return the questions a message continues: its replied-to answer's, or its thread's.

    A conversations file that cannot be read costs the context, never the answer.
    """
    try:
        if replied_to is not None:
            turns = await store.aafter_message(replied_to)
            if turns:
                return turns
        if channel_id is not None and continues_in(channel):
            return await store.alatest_in(channel_id)
    except (sqlite3.Error, OSError):
        log.warning("Could not read the earlier questions; answering alone", exc_info=True)
    return ()


def turns_after(earlier: tuple[str, ...], answer: Answer) -> tuple[str, ...]:
    """Return the questions to keep for an answer: the earlier ones and this one as read."""
    return (*earlier, answer.read_as or answer.question)


def with_context(answer: Answer, reply: Reply) -> Reply:
    """Return the message for an answer: the period's articles, or ``reply`` with "Read as"."""
    if answer.news is not None and answer.news.items:
        return news_reply(answer.question, answer.news)
    if answer.read_as is None:
        return reply
    line = f"*Read as: {escape(plain(limits.cut_words(answer.read_as, READ_AS_CHARS)))}*"
    content = limits.cut_words(reply.content or "", limits.CONTENT - len(line) - 1)
    return Reply(content=f"{content}\n{line}" if content else line, embeds=reply.embeds)


def news_reply(question: str, news: News) -> Reply:
    """Return the period's articles as one embed: title, outlet and date, lead sentence."""
    embed = discord.Embed(
        title=f"Published {news.start.isoformat()} to {news.end.isoformat()}, newest first",
        colour=NEWS_COLOUR,
    )
    items = news.items[: limits.EMBED_FIELDS]
    # Titles and leads share the 6,000 characters of a message, after its title and footer.
    budget = (limits.EMBEDS_TOTAL - NEWS_FRAME) // max(1, len(items)) - NEWS_TITLE
    for item in items:
        embed.add_field(
            name=limits.cut_words(escape_line(item.title), NEWS_TITLE),
            value=limits.cut_words(_news_value(item), min(limits.FIELD_VALUE, budget)),
            inline=False,
        )
    if news.total > len(news.items):
        embed.set_footer(text=f"… and {news.total - len(news.items)} more articles")
    content = limits.cut_words(f"**Q:** {escape(question)}", limits.CONTENT)
    return Reply(content=content, embeds=(limits.fit_embed(embed),))


def _news_value(item: NewsItem) -> str:
    source = " · ".join(plain(part) for part in (item.outlet, item.published) if part)
    lead = escape(plain(item.lead)) or "…"
    return f"{source}\n{lead}" if source else lead
