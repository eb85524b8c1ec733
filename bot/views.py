"""Buttons under an answer: "More" passages and 👍/👎 feedback, disabled cleanly on timeout.

Under a full answer, "More" posts the next passages in the channel and is disabled once none are
left. Under a compact one (:mod:`bot.formatting.compact`), "More" shows the clicking member
alone (ephemeral) the full passages of the answer, then, click after click, the further ones:
each member pages on their own, so the button stays on for the next one.

The buttons work until an absolute deadline: discord.py's view timeout restarts on every click,
so each click shortens it to the time left. Under a slash command the deadline also stays inside
the 15 minutes the interaction token lives, because disabling the buttons edits the message
through that token.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import discord

from bot.feedback import FeedbackStore, Vote
from bot.formatting.answers import more_reply, shown_summary
from bot.tree import report_error
from index.records import Answer, Hit

log = logging.getLogger(__name__)

ALL_SHOWN = "That was every passage the coverage has for this question."
FULL_HEADING = "Full passages · "
TOKEN_LIFETIME = 15 * 60.0
TOKEN_MARGIN = 30.0
"""Seconds kept in hand before the token expires, for the final edit that disables the buttons."""


def token_time_left(interaction: discord.Interaction) -> float:
    """Return the seconds an interaction's token can still edit its messages, less a margin."""
    age = (discord.utils.utcnow() - interaction.created_at).total_seconds()
    return TOKEN_LIFETIME - TOKEN_MARGIN - max(0.0, age)


class AnswerView(discord.ui.View):
    """The buttons of one answer, working for ``timeout`` seconds (at most ``token_left``)."""

    def __init__(
        self,
        answer: Answer,
        feedback: FeedbackStore,
        *,
        page_size: int,
        timeout: float,
        token_left: float | None = None,
        compact: bool = False,
    ) -> None:
        lifetime = max(0.001, min(timeout, token_left if token_left is not None else timeout))
        self.expires_at = time.monotonic() + lifetime
        super().__init__(timeout=lifetime)
        self.answer = answer
        self.feedback = feedback
        self.page_size = max(1, page_size)
        self.compact = compact
        self.shown: list[Hit] = list(answer.hits)
        self._cursor = 0
        self._cursors: dict[int, int] = {}
        self.message: discord.Message | discord.WebhookMessage | None = None
        if not self.pages:
            self.remove_item(self.more)

    @property
    def pages(self) -> list[tuple[Hit, ...]]:
        """Return what "More" shows click after click: (compact) the answer in full, then more."""
        further = self.answer.more
        pages = [further[i : i + self.page_size] for i in range(0, len(further), self.page_size)]
        if self.compact and self.answer.hits and not self.answer.abstained:
            pages.insert(0, self.answer.hits)
        return pages

    @property
    def remaining(self) -> tuple[Hit, ...]:
        """Return the passages of a full answer not shown yet."""
        return self.answer.more[self._cursor :]

    @discord.ui.button(label="More", style=discord.ButtonStyle.primary)
    async def more(self, interaction: discord.Interaction, button: discord.ui.Button[Any]) -> None:
        """Show the next passages (see the module's docstring)."""
        if self.compact:
            await self._more_for(interaction)
            return
        page = self.remaining[: self.page_size]
        self._cursor += len(page)
        self.shown.extend(page)
        button.disabled = not self.remaining
        await interaction.response.edit_message(view=self)
        reply = more_reply(self.answer.question, page)
        await interaction.followup.send(content=reply.content or "", embeds=list(reply.embeds))

    async def _more_for(self, interaction: discord.Interaction) -> None:
        """Show the clicking member alone their next page of full passages."""
        pages, user = self.pages, interaction.user.id
        index = self._cursors.get(user, 0)
        if index >= len(pages):
            await interaction.response.send_message(ALL_SHOWN, ephemeral=True)
            return
        self._cursors[user] = index + 1
        self.shown.extend(hit for hit in pages[index] if hit not in self.shown)
        heading = FULL_HEADING if index == 0 else "More passages · "
        reply = more_reply(self.answer.question, pages[index], heading)
        await interaction.response.send_message(
            content=reply.content or "", embeds=list(reply.embeds), ephemeral=True
        )

    @discord.ui.button(emoji="👍", style=discord.ButtonStyle.secondary)
    async def helpful(
        self, interaction: discord.Interaction, button: discord.ui.Button[Any]
    ) -> None:
        """Record that the answer helped."""
        await self._vote(interaction, 1)

    @discord.ui.button(emoji="👎", style=discord.ButtonStyle.secondary)
    async def unhelpful(
        self, interaction: discord.Interaction, button: discord.ui.Button[Any]
    ) -> None:
        """Record that the answer did not help."""
        await self._vote(interaction, -1)

    async def _vote(self, interaction: discord.Interaction, vote: Vote) -> None:
        message_id = interaction.message.id if interaction.message else 0
        shown = shown_summary(self.answer, self.shown)
        await self.feedback.arecord(
            message_id, self.answer.question, shown, vote, interaction.user.id
        )
        thanks = "👍" if vote > 0 else "👎"
        await interaction.response.send_message(
            f"Thanks, your {thanks} was recorded.", ephemeral=True
        )

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        """Keep the deadline absolute: a click must not restart the timeout."""
        self.timeout = max(0.001, self.expires_at - time.monotonic())
        return True

    async def on_timeout(self) -> None:
        """Disable every button by editing the message."""
        for item in self.children:
            if isinstance(item, discord.ui.Button):
                item.disabled = True
        if self.message is None:
            return
        try:
            await self.message.edit(view=self)
        except discord.HTTPException:
            log.debug("Could not disable the buttons of an answer", exc_info=True)

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        """Answer the member briefly and log, as for commands."""
        await report_error(interaction, error)
