"""Moderator views as Discord payloads: reload progress and report, status, sources, feedback."""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.feedback import FeedbackSummary
from bot.formatting import limits
from bot.formatting.markdown import escape, masked_link
from index import CorpusDrift
from index.records import ArticleInfo, BuildReport, IndexInfo

OK_COLOUR = discord.Colour.green()
WARN_COLOUR = discord.Colour.orange()
INFO_COLOUR = discord.Colour.blurple()
SOURCES_PER_PAGE = 10

STAGE_NAMES = {
    "model": "Loading the model",
    "reading": "Reading the corpus",
    "embedding": "Embedding passages",
    "indexing": "Indexing",
    "publishing": "Publishing",
}


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def progress_text(stage: str, done: int, total: int) -> str:
    """Return one line of rebuild progress, e.g. "Embedding passages: 12/40 (30%)"."""
    name = STAGE_NAMES.get(stage, stage.capitalize())
    if total <= 0:
        return f"Reloading the coverage… {name}"
    percent = round(100 * done / total)
    return f"Reloading the coverage… {name}: {done}/{total} ({percent}%)"


def report_embed(report: BuildReport) -> discord.Embed:
    """Return the final report of a reload: what changed, what failed and why, time taken."""
    failed = bool(report.failed)
    embed = discord.Embed(
        title="Reload finished" + (" with failures" if failed else ""),
        description=(
            f"Index version `{report.version}`: {_n(report.articles, 'article')}, "
            f"{_n(report.passages, 'passage')} ({report.embedded} newly embedded)."
        ),
        colour=WARN_COLOUR if failed else OK_COLOUR,
    )
    counts = (
        f"added {len(report.added)} · changed {len(report.changed)} · "
        f"removed {len(report.removed)} · unchanged {len(report.unchanged)} · "
        f"failed {len(report.failed)}"
    )
    embed.add_field(name="Summary", value=counts, inline=False)
    for name, items in (
        ("Added", report.added),
        ("Changed", report.changed),
        ("Removed", report.removed),
        ("Duplicates", report.duplicates),
    ):
        if items:
            lines = [f"• {escape(item)}" for item in items]
            embed.add_field(name=name, value=limits.cut_lines(lines, limits.FIELD_VALUE))
    if report.failed:
        lines = [f"• {escape(f.path)}: {escape(f.reason)}" for f in report.failed]
        embed.add_field(
            name="Failed", value=limits.cut_lines(lines, limits.FIELD_VALUE), inline=False
        )
    if report.warnings:  # indexed, with a doubt: a date that names no day, or a future one
        lines = [f"• {escape(w.path)}: {escape(w.reason)}" for w in report.warnings]
        embed.add_field(
            name="Warnings", value=limits.cut_lines(lines, limits.FIELD_VALUE), inline=False
        )
    embed.set_footer(text=f"Took {report.total_seconds:.1f} s")
    return limits.fit_embed(embed)


def status_embed(
    info: IndexInfo | None, rebuilding: bool, drift: CorpusDrift | None = None
) -> discord.Embed:
    """Return the index's version, size, model and build time (or that none is loaded)."""
    if info is None:
        embed = discord.Embed(
            title="Coverage index",
            description="No index is loaded. Run `/coverage reload` to build one.",
            colour=WARN_COLOUR,
        )
    else:
        embed = discord.Embed(title="Coverage index", colour=INFO_COLOUR)
        size_mb = info.size_bytes / 1_000_000
        rows = [
            ("Version", f"`{info.version}`"),
            ("Built", info.built_at),
            ("Articles", str(info.articles)),
            ("Passages", str(info.passages)),
            ("Model", f"`{info.model}` ({info.dimension} dims)"),
            ("Index", f"{info.index_kind}, {size_mb:.1f} MB"),
        ]
        for name, value in rows:
            embed.add_field(name=name, value=limits.cut_words(value, limits.FIELD_VALUE))
    if drift:
        embed.add_field(name="Corpus", value=drift_text(drift), inline=False)
        embed.colour = WARN_COLOUR
    if rebuilding:
        embed.add_field(name="Reload", value="A reload is running now.", inline=False)
    return embed


def drift_text(drift: CorpusDrift) -> str:
    """Say how the corpus folder changed since the serving index was built, names included."""
    if drift.unknown and not (drift.added or drift.changed or drift.removed):
        return "Not known to match this index (built by an older version). `/coverage reload`."
    names = [*drift.added, *drift.changed, *drift.removed]
    shown = ", ".join(f"`{escape(n)}`" for n in names[:5]) + (" …" if len(names) > 5 else "")
    return limits.cut_words(
        f"Changed since this index was built ({drift.summary()}: {shown}); answers do not "
        "include the change until `/coverage reload`.",
        limits.FIELD_VALUE,
    )


def reload_start_text(drift: CorpusDrift) -> str:
    """Return the first line of a reload reply: what changed in the corpus folder, if anything."""
    if not drift:
        return "Reloading the coverage… (no file in the corpus folder changed)"
    return f"Reloading the coverage… the corpus changed since the last build ({drift.summary()})."


def reload_done_text(drift: CorpusDrift) -> str | None:
    """Return the line kept above a reload's report: what had changed before it, if anything."""
    if not drift:
        return None
    return f"The corpus had changed since the last build ({drift.summary()}); now indexed."


def article_line(number: int, article: ArticleInfo) -> str:
    """Return one numbered line of the sources list, title linked when the URL is known."""
    linked = masked_link(limits.cut_words(article.title, 200), article.url)
    meta = " · ".join(part for part in (article.outlet, article.published) if part)
    meta = f" — {escape(meta)}" if meta else ""
    return f"{number}. {linked}{meta} ({_n(article.passages, 'passage')})"


def sources_pages(
    articles: Sequence[ArticleInfo], per_page: int = SOURCES_PER_PAGE
) -> list[discord.Embed]:
    """Return the articles of the index as pages of embeds (at least one page)."""
    if not articles:
        return [
            discord.Embed(
                title="Sources", description="The index holds no articles.", colour=WARN_COLOUR
            )
        ]
    chunks = [articles[i : i + per_page] for i in range(0, len(articles), per_page)]
    pages: list[discord.Embed] = []
    for page_number, chunk in enumerate(chunks, start=1):
        first = (page_number - 1) * per_page + 1
        lines = [article_line(first + i, article) for i, article in enumerate(chunk)]
        embed = discord.Embed(
            title=f"Sources ({_n(len(articles), 'article')})",
            description=limits.cut_lines(lines, limits.EMBED_DESCRIPTION),
            colour=INFO_COLOUR,
        )
        embed.set_footer(text=f"Page {page_number}/{len(chunks)}")
        pages.append(limits.fit_embed(embed))
    return pages


def feedback_embed(summary: FeedbackSummary) -> discord.Embed:
    """Return a summary of the 👍/👎 votes recorded on answers."""
    total = summary.up + summary.down
    if total == 0:
        return discord.Embed(
            title="Feedback", description="No feedback has been recorded yet.", colour=INFO_COLOUR
        )
    share = round(100 * summary.up / total)
    embed = discord.Embed(
        title="Feedback",
        description=(
            f"👍 {summary.up} · 👎 {summary.down} ({share}% helpful), "
            f"from {summary.voters} members.\n"
            f"Last 7 days: 👍 {summary.recent_up} · 👎 {summary.recent_down}."
        ),
        colour=INFO_COLOUR,
    )
    if summary.worst:
        lines = [f"• {escape(limits.cut_words(q, 150))} (👎 {n})" for q, n in summary.worst]
        embed.add_field(
            name="Most voted down", value=limits.cut_lines(lines, limits.FIELD_VALUE), inline=False
        )
    return embed
