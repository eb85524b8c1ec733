"""Ingestion results as Discord payloads: added, removed, restored, refused, feeds, status."""

from __future__ import annotations

import discord

from bot.formatting import limits
from bot.formatting.markdown import escape, escape_line, plain, safe_url
from index.ingest import (
    AddResult,
    FeedInfo,
    FeedPollResult,
    IngestError,
    IngestStatus,
    RemoveResult,
    RestoreResult,
)

OK_COLOUR = discord.Colour.green()
WARN_COLOUR = discord.Colour.orange()
FAIL_COLOUR = discord.Colour.red()
INFO_COLOUR = discord.Colour.blurple()


def _passages(n: int) -> str:
    return f"{n} passage" if n == 1 else f"{n} passages"


def _title(label: str, untrusted: str = "") -> str:
    """Return "label: untrusted" for an embed title, the untrusted part escaped (titles render)."""
    text = f"{label}: {escape_line(untrusted)}" if untrusted else label
    return limits.cut_words(text, limits.EMBED_TITLE)


def _value(text: str) -> str:
    return limits.cut_words(text, limits.FIELD_VALUE) or "—"


def added_embed(result: AddResult) -> discord.Embed:
    """Return what was added: title (linked), outlet, date, passages, file."""
    embed = discord.Embed(
        title=_title("Added", result.title),
        url=safe_url(result.url),
        colour=OK_COLOUR if result.indexed else WARN_COLOUR,
    )
    embed.add_field(name="Outlet", value=_value(escape(result.outlet or "unknown")))
    embed.add_field(name="Date", value=_value(escape(result.published or "unknown")))
    embed.add_field(name="Passages", value=str(result.passages))
    embed.set_footer(text=limits.cut_words(plain(f"file {result.path}"), limits.FOOTER))
    if not result.indexed:
        embed.add_field(
            name="Not searchable yet", value=_value(escape(result.note or "")), inline=False
        )
    return limits.fit_embed(embed)


def refused_embed(action: str, error: IngestError) -> discord.Embed:
    """Return why an add, removal or feed change was refused."""
    return discord.Embed(
        title=_title(f"{action}: refused"),
        description=limits.cut_words(escape(str(error)), limits.EMBED_DESCRIPTION),
        colour=FAIL_COLOUR,
    )


def removed_embed(result: RemoveResult) -> discord.Embed:
    """Return what was removed and how to undo it."""
    titles = "\n".join(f"• {escape(t)}" for t in result.titles)
    embed = discord.Embed(
        title=_title("Removed", result.title),
        description=limits.cut_words(
            f"{titles}\nMoved to the removed folder as {escape(result.removed_path)}; "
            "`/coverage restore` puts it back.",
            limits.EMBED_DESCRIPTION,
        ),
        colour=OK_COLOUR if result.indexed else WARN_COLOUR,
    )
    if not result.indexed:
        embed.add_field(name="Index not updated yet", value=_value(escape(result.note or "")))
    return limits.fit_embed(embed)


def restored_embed(result: RestoreResult) -> discord.Embed:
    """Return what was restored."""
    note = "" if result.indexed else f"\n{escape(result.note or '')}"
    embed = discord.Embed(
        title=_title("Restored", result.title),
        description=f"{_passages(result.passages)}, file {escape(result.path)}{note}",
        colour=OK_COLOUR if result.indexed else WARN_COLOUR,
    )
    return limits.fit_embed(embed)


def feed_line(info: FeedInfo) -> str:
    """Return one feed as a line: link, title, how many added, last poll state."""
    if info.last_error:
        state = f"⚠️ last poll failed: {escape(info.last_error)}"
    elif info.last_ok:
        state = f"ok at {info.last_ok}"
    else:
        state = "not polled yet"
    title = escape(info.title or "untitled")
    return f"• {escape(info.url)} **{title}**: {info.articles_added} added, {state}"


def feeds_embed(feeds: tuple[FeedInfo, ...]) -> discord.Embed:
    """Return the followed feeds."""
    lines = [feed_line(f) for f in feeds]
    return discord.Embed(
        title="Feeds",
        description=limits.cut_lines(lines, limits.EMBED_DESCRIPTION) or "No feeds followed.",
        colour=INFO_COLOUR,
    )


def followed_embed(info: FeedInfo, first_poll: FeedPollResult | None) -> discord.Embed:
    """Return a newly followed feed and what its first poll added."""
    embed = discord.Embed(
        title=_title("Following", info.title or info.url),
        url=safe_url(info.url),
        colour=OK_COLOUR,
    )
    if first_poll is not None:
        embed.add_field(name="First poll", value=_value(poll_summary(first_poll)), inline=False)
    return limits.fit_embed(embed)


def poll_summary(result: FeedPollResult) -> str:
    """Return one poll's outcome in a sentence."""
    if result.error:
        return f"failed: {escape(result.error)}"
    text = f"{len(result.added)} added, {result.skipped} already seen"
    return text + (f", {len(result.failed)} refused" if result.failed else "")


def status_fields(status: IngestStatus) -> list[tuple[str, str]]:
    """Return the ``(name, value)`` fields ``/coverage status`` shows about ingestion."""
    audit = status.audit
    fields = []
    if status.feeds:
        failing = status.failing_feeds
        head = f"{len(status.feeds)} followed, {len(failing)} failing"
        lines = [head, *(feed_line(f) for f in failing)]
        fields.append(("Feeds", limits.cut_lines(lines, limits.FIELD_VALUE)))
    changes = f"{audit.total} recorded, {audit.failures} refused"
    if audit.last_change is not None:
        last = audit.last_change
        changes += (
            f"\nlast: {escape(last.action)} by {escape(last.actor)} at {escape(last.at)}: "
            f"{escape(last.result)}"
        )
    if status.removed:
        changes += f"\n{status.removed} removed article(s) can be restored"
    fields.append(("Changes", _value(changes)))
    return fields


def unfollowed_text(info: FeedInfo) -> str:
    """Return the reply to unfollowing a feed."""
    return limits.cut_words(f"Stopped following {escape(info.url)}.", limits.CONTENT)
