"""Discord's payload limits, and helpers that trim text to them without cutting words."""

from __future__ import annotations

from collections.abc import Iterable

import discord

CONTENT = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
EMBEDS_TOTAL = 6000
"""All embeds of one message together (titles, descriptions, fields, footers, authors)."""

ELLIPSIS = "…"


def cut_words(text: str, limit: int) -> str:
    """Return ``text`` if it fits ``limit``, else its longest whole-word prefix plus "…"."""
    if len(text) <= limit:
        return text
    if limit <= len(ELLIPSIS):
        return ELLIPSIS[:limit]
    head = text[: limit - len(ELLIPSIS)]
    space = head.rfind(" ")
    if space > 0 and not text[len(head)].isspace():
        head = head[:space]
    head = head.rstrip()
    while head.endswith("\\"):  # never leave a dangling markdown escape
        head = head[:-1]
    return head + ELLIPSIS


def cut_markdown(text: str, limit: int) -> str:
    """Return ``text`` (Discord markdown) cut like ``cut_words``, a bold left open closed again.

    Without the closing ``**`` Discord shows the opening one as two asterisks.
    """
    cut = cut_words(text, limit)
    if len(text) <= limit or not bold_open(cut):
        return cut
    body = cut_words(text, limit - 2).removesuffix(ELLIPSIS)
    if not bold_open(body):
        return body + ELLIPSIS
    if body.endswith("**"):  # an opening mark with nothing after it: drop it
        return body[:-2].rstrip() + ELLIPSIS
    return body + "**" + ELLIPSIS


def bold_open(text: str) -> bool:
    """Return whether ``text`` leaves a ``**`` bold open (escaped asterisks do not count)."""
    marks, index = 0, 0
    while index < len(text):
        if text[index] == "\\":
            index += 2
        elif text.startswith("**", index):
            marks, index = marks + 1, index + 2
        else:
            index += 1
    return marks % 2 == 1


def cut_lines(lines: Iterable[str], limit: int, more: str = "… and {n} more") -> str:
    """Join whole lines with newlines within ``limit``, ending with a count of those left out."""
    items = list(lines)
    kept: list[str] = []
    for index, line in enumerate(items):
        left = len(items) - index - 1
        tail = "\n" + more.format(n=left) if left else ""
        candidate = "\n".join([*kept, line])
        if len(candidate) + len(tail) > limit:
            note = more.format(n=len(items) - index)
            while kept and len("\n".join([*kept, note])) > limit:
                kept.pop()
            return cut_words("\n".join([*kept, note]), limit)
        kept.append(line)
    return "\n".join(kept)


def check_message(content: str | None, embeds: Iterable[discord.Embed]) -> None:
    """Raise ``ValueError`` if a message would break one of Discord's limits."""
    embeds = list(embeds)
    problems: list[str] = []
    if content is not None and len(content) > CONTENT:
        problems.append(f"content {len(content)} > {CONTENT}")
    if len(embeds) > EMBEDS_PER_MESSAGE:
        problems.append(f"{len(embeds)} embeds > {EMBEDS_PER_MESSAGE}")
    for embed in embeds:
        problems.extend(_embed_problems(embed))
    total = sum(len(embed) for embed in embeds)
    if total > EMBEDS_TOTAL:
        problems.append(f"embeds total {total} > {EMBEDS_TOTAL}")
    if problems:
        raise ValueError("; ".join(problems))


def _embed_problems(embed: discord.Embed) -> list[str]:
    checks = [
        ("title", len(embed.title or ""), EMBED_TITLE),
        ("description", len(embed.description or ""), EMBED_DESCRIPTION),
        ("fields", len(embed.fields), EMBED_FIELDS),
        ("footer", len(embed.footer.text or ""), FOOTER),
        ("author", len(embed.author.name or ""), AUTHOR),
    ]
    for field in embed.fields:
        checks.append(("field name", len(field.name or ""), FIELD_NAME))
        checks.append(("field value", len(field.value or ""), FIELD_VALUE))
    return [f"{name} {size} > {limit}" for name, size, limit in checks if size > limit]


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """Cut every part of ``embed`` to Discord's limit for it (in place), and return it."""
    if embed.title and len(embed.title) > EMBED_TITLE:
        embed.title = cut_words(embed.title, EMBED_TITLE)
    if embed.description and len(embed.description) > EMBED_DESCRIPTION:
        embed.description = cut_markdown(embed.description, EMBED_DESCRIPTION)
    if embed.footer.text and len(embed.footer.text) > FOOTER:
        embed.set_footer(text=cut_words(embed.footer.text, FOOTER), icon_url=embed.footer.icon_url)
    if embed.author.name and len(embed.author.name) > AUTHOR:
        embed.set_author(
            name=cut_words(embed.author.name, AUTHOR),
            url=embed.author.url,
            icon_url=embed.author.icon_url,
        )
    while len(embed.fields) > EMBED_FIELDS:
        embed.remove_field(-1)
    for index, field in enumerate(embed.fields):
        name, value = field.name or "", field.value or ""
        if len(name) > FIELD_NAME or len(value) > FIELD_VALUE:
            embed.set_field_at(
                index,
                name=cut_words(name, FIELD_NAME),
                value=cut_markdown(value, FIELD_VALUE),
                inline=bool(field.inline),
            )
    return embed


def fit_message(embeds: Iterable[discord.Embed]) -> list[discord.Embed]:
    """Return at most ten embeds, each within its limits and all within 6,000 characters.

    When the total is over, the longest descriptions are shortened first (at words), then
    fields are dropped from the last embed backwards.
    """
    fitted = [fit_embed(embed) for embed in list(embeds)[:EMBEDS_PER_MESSAGE]]
    excess = sum(len(embed) for embed in fitted) - EMBEDS_TOTAL
    for embed in sorted(fitted, key=lambda e: len(e.description or ""), reverse=True):
        if excess <= 0:
            break
        text = embed.description or ""
        if not text:
            continue
        before = len(text)
        embed.description = cut_markdown(text, max(len(ELLIPSIS), before - excess))
        excess -= before - len(embed.description)
    for embed in reversed(fitted):
        while excess > 0 and embed.fields:
            excess -= len(embed.fields[-1].name or "") + len(embed.fields[-1].value or "")
            embed.remove_field(-1)
    return fitted
