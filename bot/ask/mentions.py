"""Sending the reply to a mention within what the channel lets the bot do.

The bot's permissions in the channel decide the form: no Send Messages, nothing is sent (and it is
logged once per channel); no Embed Links, the answer goes as plain text; no Read Message History,
it is posted without the reply reference. Discord is the judge: a 403 that the cached permissions
did not predict falls back the same way. Nothing here raises for a permission problem.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import discord

from bot.formatting.answers import Reply
from bot.formatting.plain import plain_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChannelAccess:
    """What the bot may do in the channel of a message."""

    send: bool = True
    embed: bool = True
    reply: bool = True


def access_of(message: discord.Message) -> ChannelAccess:
    """Return the bot's access in the message's channel (everything outside guilds)."""
    guild = message.guild
    channel = message.channel
    if guild is None or not isinstance(channel, discord.abc.GuildChannel | discord.Thread):
        return ChannelAccess()
    perms = channel.permissions_for(guild.me)
    in_thread = isinstance(channel, discord.Thread)
    send = perms.send_messages_in_threads if in_thread else perms.send_messages
    return ChannelAccess(send, perms.embed_links, perms.read_message_history)


class MentionReplier:
    """Sends replies to mentions; remembers the channels where it already logged it cannot."""

    def __init__(self) -> None:
        self._silenced: set[int] = set()

    def warn_once(self, message: discord.Message, why: str) -> None:
        """Log (once per channel) that the bot stays quiet there, and why."""
        channel_id = message.channel.id
        if channel_id in self._silenced:
            return
        self._silenced.add(channel_id)
        log.warning("Not answering mentions in channel %s: %s", channel_id, why)

    async def send(
        self, message: discord.Message, reply: Reply, view: discord.ui.View | None = None
    ) -> discord.Message | None:
        """Send ``reply`` to ``message`` in the form the channel allows; ``None`` if it cannot."""
        access = access_of(message)
        if not access.send:
            self.warn_once(message, "the bot lacks Send Messages")
            return None
        embeds = list(reply.embeds) if access.embed else []
        content = reply.content or None
        if reply.embeds and not access.embed:
            content = plain_text(reply.content, reply.embeds)
        try:
            return await self._post(message, content, embeds, view, reply=access.reply)
        except discord.Forbidden as error:
            if not embeds:
                self.warn_once(message, f"Discord refused the reply ({error.code})")
                return None
        try:  # Discord refused the embeds: plain text, without a reference to be safe.
            text = plain_text(reply.content, reply.embeds)
            return await self._post(message, text, [], view, reply=False)
        except discord.Forbidden as error:
            self.warn_once(message, f"Discord refused the reply ({error.code})")
            return None

    @staticmethod
    async def _post(
        message: discord.Message,
        content: str | None,
        embeds: list[discord.Embed],
        view: discord.ui.View | None,
        *,
        reply: bool,
    ) -> discord.Message:
        options: dict[str, Any] = {"content": content, "embeds": embeds}
        if view is not None:
            options["view"] = view
        if reply:
            return await message.reply(mention_author=False, **options)
        return await message.channel.send(**options)

    def can_send(self, message: discord.Message) -> bool:
        """Whether the bot may post in the message's channel (logs once when it may not)."""
        if access_of(message).send:
            return True
        self.warn_once(message, "the bot lacks Send Messages")
        return False
