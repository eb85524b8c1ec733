"""Questions: ``/ask question:`` and "@coverbot question" both quote the coverage with sources.

The interaction is acknowledged first (``defer``) and the engine runs in a thread, so the event
loop never blocks. Both paths share one per-member cooldown and the question length cap.
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

from bot.cooldown import UserCooldowns
from bot.errors import APOLOGY, QuestionTooLongError, user_message
from bot.formatting.answers import answer_reply
from bot.views import AnswerView
from index.models import Answer

if TYPE_CHECKING:
    from bot.bot import CoverBot
    from index.engine import Engine

log = logging.getLogger(__name__)

HOW_TO_ASK = "Ask me about the coverage, e.g. “@coverbot what did the ACLU say?” or `/ask`."


async def fetch_answer(
    engine: Engine, question: str, k: int, asked_at: datetime.datetime | None = None
) -> Answer:
    """Ask the engine in a worker thread, as of ``asked_at`` (the message's creation time)."""
    return await asyncio.to_thread(engine.ask, question, k, asked_at)


def strip_mentions(content: str, user_id: int) -> str:
    """Return a message's text without the mentions of the bot."""
    return re.sub(rf"<@!?{user_id}>", " ", content).strip()


class Ask(commands.Cog):
    """Answers questions asked by slash command or by mention."""

    def __init__(self, bot: CoverBot) -> None:
        self.bot = bot
        settings = bot.settings
        self.cooldowns = UserCooldowns(settings.cooldown_rate, settings.cooldown_seconds)

    def admit(self, user_id: int, question: str) -> str:
        """Return the question stripped, or raise if it is too long or the member too quick."""
        question = question.strip()
        limit = self.bot.settings.max_question_chars
        if len(question) > limit:
            raise QuestionTooLongError(len(question), limit)
        self.cooldowns.hit(user_id)
        return question

    def make_view(self, answer: Answer) -> AnswerView:
        """Return the buttons for an answer."""
        settings = self.bot.settings
        return AnswerView(
            answer,
            self.bot.feedback,
            page_size=settings.answers_shown,
            timeout=settings.button_timeout_seconds,
        )

    @app_commands.command(name="ask", description="Ask the coverage; answers quote the articles")
    @app_commands.describe(question="What do you want to know?")
    async def ask(self, interaction: discord.Interaction, question: str) -> None:
        """Acknowledge, ask the engine, reply with the quotes and buttons."""
        question = self.admit(interaction.user.id, question)
        await interaction.response.defer(thinking=True)
        answer = await fetch_answer(
            self.bot.engine, question, self.bot.settings.answers_shown, interaction.created_at
        )
        reply, view = answer_reply(answer), self.make_view(answer)
        view.message = await interaction.followup.send(
            content=reply.content or "", embeds=list(reply.embeds), view=view, wait=True
        )

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Answer a message that mentions the bot, as a reply to it."""
        me = self.bot.user
        if me is None or message.author.bot or not any(u.id == me.id for u in message.mentions):
            return
        question = strip_mentions(message.content, me.id)
        try:
            await self.answer_mention(message, question)
        except Exception as error:
            await self.report_mention_error(message, error)

    async def answer_mention(self, message: discord.Message, question: str) -> None:
        """Reply to a mention with the answer (or how to ask, when it holds no question)."""
        if not question:
            await message.reply(HOW_TO_ASK, mention_author=False)
            return
        question = self.admit(message.author.id, question)
        answer = await fetch_answer(
            self.bot.engine, question, self.bot.settings.answers_shown, message.created_at
        )
        reply, view = answer_reply(answer), self.make_view(answer)
        view.message = await message.reply(
            content=reply.content, embeds=list(reply.embeds), view=view, mention_author=False
        )

    async def report_mention_error(self, message: discord.Message, error: Exception) -> None:
        """Reply with the error's short text; log unexpected ones with their traceback."""
        text = user_message(error)
        if text is None:
            log.exception("Error answering a mention", exc_info=error)
            text = APOLOGY
        try:
            await message.reply(text, mention_author=False)
        except discord.HTTPException:
            log.warning("Could not reply to a mention", exc_info=True)


async def setup(bot: CoverBot) -> None:
    """Add the cog."""
    await bot.add_cog(Ask(bot))
