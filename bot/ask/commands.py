"""Questions: ``/ask question:`` and "@coverbot question" both quote the coverage with sources.

The interaction is acknowledged first (``defer``) and the engine runs on the answering pool's
threads (:mod:`bot.ask.pool`), so the event loop never blocks; when the pool is full, the first
reply is "busy". Both paths share one per-member cooldown and the question length cap.

``/ask`` works wherever Discord lets a member reach it: servers that installed the bot, the bot's
DMs, and, for members who installed it on their account, other servers, DMs and group DMs (its
``contexts`` and ``integration_types`` say so). Mentions reach the bot only in servers; the reply
takes the form the channel's permissions allow (:mod:`bot.ask.mentions`), with the typing indicator
on while the answer is prepared.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import re
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.ask.cooldown import UserCooldowns
from bot.ask.followups import earlier_turns, turns_after, with_context
from bot.ask.mentions import MentionReplier
from bot.ask.pool import Slot
from bot.errors import APOLOGY, QuestionTooLongError, user_message
from bot.formatting.answers import Reply
from bot.formatting.compact import styled_reply
from bot.views import AnswerView, token_time_left
from index.records import Answer

if TYPE_CHECKING:
    from bot.bot import CoverBot
    from index.engine import Engine

log = logging.getLogger(__name__)

HOW_TO_ASK = "Ask me about the coverage, e.g. “@coverbot what did the ACLU say?” or `/ask`."


async def fetch_answer(
    slot: Slot,
    engine: Engine,
    question: str,
    k: int,
    asked_at: datetime.datetime | None = None,
    after: tuple[str, ...] = (),
) -> Answer:
    """Ask the engine on the answering pool's threads as of ``asked_at`` (the message's time).

    ``after``: the earlier questions the message continues (:mod:`bot.ask.followups`).
    """
    return await slot.run(engine.ask, question, k, asked_at, after)


_MARKUP = re.compile(
    r"<(?:@[!&]?|#|/[\w -]+:|a?:\w+:)\d{15,21}>"
    r"|<t:-?\d{1,13}(?::[tTdDfFR])?>"
    r"|@(?:everyone|here)\b"
)
"""Discord's markup in a message's text: mentions of members, roles and channels (``<@id>``,
``<@!id>``, ``<@&id>``, ``<#id>``), custom emoji (``<:name:id>``, ``<a:name:id>``), slash command
mentions (``</ask:id>``), timestamps (``<t:1718000000:R>``) and @everyone / @here."""


def plain_question(text: str) -> str:
    """Return a question without Discord's markup: "<@123> how long is it?" asks how long it is.

    The engine reads words; a member's or channel's id, an emoji's name or a timestamp would be
    searched for as rare terms (an 18-digit id weighs as much as a name) and drown the question.
    """
    return " ".join(_MARKUP.sub(" ", text).split())


class Ask(commands.Cog):
    """Answers questions asked by slash command or by mention."""

    def __init__(self, bot: CoverBot) -> None:
        self.bot = bot
        settings = bot.settings
        self.cooldowns = UserCooldowns(settings.cooldown_rate, settings.cooldown_seconds)
        self.replier = MentionReplier()
        self.writes: set[asyncio.Task[None]] = set()

    def admit(self, user_id: int, question: str) -> str:
        """Return the question without markup; raise if it is too long or the member too quick."""
        question = plain_question(question)
        limit = self.bot.settings.max_question_chars
        if len(question) > limit:
            raise QuestionTooLongError(len(question), limit)
        self.cooldowns.hit(user_id)
        return question

    def make_view(self, answer: Answer, token_left: float | None = None) -> AnswerView:
        """Return the buttons for an answer (under a command: within the token's lifetime)."""
        settings = self.bot.settings
        return AnswerView(
            answer,
            self.bot.feedback,
            page_size=settings.answers_shown,
            timeout=settings.button_timeout_seconds,
            token_left=token_left,
            compact=settings.answer_style == "compact",
        )

    def reply_to(self, answer: Answer) -> Reply:
        """Return the message for an answer in the configured style (compact or full)."""
        return with_context(answer, styled_reply(answer, self.bot.settings.answer_style))

    @app_commands.command(name="ask", description="Ask the coverage; answers quote the articles")
    @app_commands.describe(question="What do you want to know?")
    @app_commands.allowed_installs(guilds=True, users=True)
    @app_commands.allowed_contexts(guilds=True, dms=True, private_channels=True)
    async def ask(self, interaction: discord.Interaction, question: str) -> None:
        """Acknowledge, ask the engine, reply with the quotes and buttons."""
        question = self.admit(interaction.user.id, question)
        async with self.bot.answering.slot() as slot:  # BusyError: "busy" is the first reply
            await interaction.response.defer(thinking=True)
            await self.written()
            earlier = await earlier_turns(
                self.bot.conversations, interaction.channel, interaction.channel_id, None
            )
            answer = await fetch_answer(
                slot,
                self.bot.engine,
                question,
                self.bot.settings.answers_shown,
                interaction.created_at,
                earlier,
            )
        reply, view = self.reply_to(answer), self.make_view(answer, token_time_left(interaction))
        view.message = await interaction.followup.send(
            content=reply.content or "", embeds=list(reply.embeds), view=view, wait=True
        )
        await self.remember(view.message, earlier, answer)

    async def remember(
        self, sent: discord.Message | None, earlier: tuple[str, ...], answer: Answer
    ) -> None:
        """Keep the questions behind a sent answer, for the replies that continue it.

        Written in the background: the answer is out, and the handler returns at once.
        """
        if sent is None:
            return
        write = self.bot.conversations.aremember(
            sent.id, sent.channel.id, turns_after(earlier, answer)
        )
        task = asyncio.create_task(write)
        self.writes.add(task)
        task.add_done_callback(self._written)

    async def written(self) -> None:
        """Wait for the answers' questions still being written, so a quick reply finds them."""
        if self.writes:
            await asyncio.wait(set(self.writes))

    def _written(self, task: asyncio.Task[None]) -> None:
        self.writes.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("Could not keep an answer's questions", exc_info=task.exception())

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a message that mentions the bot or replies to an answer, as a reply to it."""
        me = self.bot.user
        if me is None or message.author.bot:
            return
        mentioned = any(u.id == me.id for u in message.mentions)
        replied_to = message.reference.message_id if message.reference else None
        if not mentioned and (replied_to is None or not message.content.strip()):
            return  # Discord delivers a reply's text only when it pings the bot
        await self.written()
        earlier = await earlier_turns(
            self.bot.conversations, message.channel, message.channel.id, replied_to
        )
        question = plain_question(message.content)  # the bot's own mention goes with the rest
        if not mentioned and not (earlier and question):
            return  # a reply to something else, or one whose text Discord did not deliver
        if not self.replier.can_send(message):
            return
        try:
            await self.answer_mention(message, question, earlier)
        except Exception as error:
            await self.report_mention_error(message, error)

    async def answer_mention(
        self, message: discord.Message, question: str, earlier: tuple[str, ...] = ()
    ) -> None:
        """Reply to a mention with the answer (or how to ask, when it holds no question)."""
        if not question:
            await self.replier.send(message, Reply(HOW_TO_ASK))
            return
        question = self.admit(message.author.id, question)
        async with self.bot.answering.slot() as slot, message.channel.typing():
            answer = await fetch_answer(
                slot,
                self.bot.engine,
                question,
                self.bot.settings.answers_shown,
                message.created_at,
                earlier,
            )
        reply, view = self.reply_to(answer), self.make_view(answer)
        view.message = await self.replier.send(message, reply, view)
        if view.message is None:
            view.stop()
        await self.remember(view.message, earlier, answer)

    async def report_mention_error(self, message: discord.Message, error: Exception) -> None:
        """Reply with the error's short text; log unexpected ones with their traceback."""
        text = user_message(error)
        if text is None:
            log.exception("Error answering a mention", exc_info=error)
            text = APOLOGY
        try:
            await self.replier.send(message, Reply(text))
        except discord.HTTPException:
            log.warning("Could not reply to a mention", exc_info=True)


async def setup(bot: CoverBot) -> None:
    """Add the cog."""
    await bot.add_cog(Ask(bot))
