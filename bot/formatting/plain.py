"""An answer as one plain-text message, for channels where the bot may not send embeds.

Each embed becomes a bold title (its link in ``<>`` so Discord shows no preview), the quote and
the source line; whole embeds are kept while they fit the 2,000 characters of a message, and a
single one too long is cut at a word.
"""

from __future__ import annotations

import discord

from bot.formatting import limits


def embed_text(embed: discord.Embed) -> str:
    """Return an embed's title (with its link), description, fields and footer as lines."""
    lines: list[str] = []
    if embed.title:
        lines.append(f"**{embed.title}**" + (f" <{embed.url}>" if embed.url else ""))
    if embed.description:
        lines.append(embed.description)
    lines += [f"{field.name}: {field.value}" for field in embed.fields]
    if embed.footer and embed.footer.text:
        lines.append(f"— {embed.footer.text}")
    return "\n".join(lines)


def plain_text(content: str | None, embeds: tuple[discord.Embed, ...] | list[discord.Embed]) -> str:
    """Return content and embeds as one message of at most 2,000 characters."""
    parts = [content] if content else []
    for embed in embeds:
        block = embed_text(embed)
        if block and len("\n\n".join([*parts, block])) > limits.CONTENT:
            if not parts:
                parts.append(limits.cut_markdown(block, limits.CONTENT))
            break
        if block:
            parts.append(block)
    return limits.cut_markdown("\n\n".join(parts), limits.CONTENT)
