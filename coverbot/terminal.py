"""Text for a terminal: untrusted strings made harmless, answers rendered with rich on a TTY.

Titles, file names, quotes and URLs come from articles anyone may have written; printed raw, an
escape sequence in them could move the cursor, rewrite earlier lines, retitle the window or hide
text. ``clean`` keeps printable text only. Answers are drawn with rich (bold highlight, dim source
line, wrapped to the terminal) when stdout is a terminal, and as plain text when it is piped;
``--short`` prints the bot's compact view (:mod:`bot.formatting.excerpt`): the answering sentence
and the one after it, then one line for each other strong match. rich is imported only when
something is drawn with it, not for piped or JSON output.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TextIO

from bot.formatting.excerpt import EXCERPT_BUDGET, also_hits, answer_window, short_sentence
from index.answer.strength import weak_flags
from index.records import Answer, Hit

if TYPE_CHECKING:
    from rich.text import Text

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides/isolates
# that reorder what a terminal shows ("Trojan Source").
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = re.compile("[\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n\u2028\u2029]+")


def plural(count: int, noun: str) -> str:
    """Return "1 article", "2 articles"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def clean(text: str, *, one_line: bool = False) -> str:
    """Return ``text`` without control characters, safe to print to a terminal.

    Lone surrogates (bytes of a name or argument that were not UTF-8) become U+FFFD. With
    ``one_line``, tabs and line breaks become single spaces, for names and titles.
    """
    text = _SURROGATES.sub("\ufffd", text)
    if one_line:
        text = _LINE_BREAKS.sub(" ", text)
    return _CONTROL.sub("", text)


def from_argv(argument: str) -> str:
    """Return a command-line argument as text, bytes that were not UTF-8 replaced by U+FFFD."""
    try:
        return argument.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte produced
        return _SURROGATES.sub("\ufffd", argument)


def source_line(hit: Hit) -> str:
    """Return where a quote comes from: title, outlet, date, paragraph."""
    parts = (hit.title, hit.outlet, hit.published, f"paragraph {hit.paragraph}")
    return ", ".join(clean(x, one_line=True) for x in parts if x)


_OPENING_MARKS = "“\"‘'«„"


def _marks(quote: str) -> tuple[str, str]:
    """Return the quotation marks to put around ``quote``: none when it opens with its own."""
    return ("", "") if quote.lstrip()[:1] in _OPENING_MARKS else ("“", "”")


def _label(number: int, weak: bool) -> str:
    return f"[{number}]" + (" (weaker match)" if weak else "")


def plain_hit(number: int, hit: Hit, weak: bool = False) -> str:
    """Return a quoted passage as plain text, its best sentences between ``**``."""
    parts, cursor = [], 0
    for start, end in hit.highlight:
        parts += [hit.quote[cursor:start], "**", hit.quote[start:end], "**"]
        cursor = end
    parts.append(hit.quote[cursor:])
    opening, closing = _marks(hit.quote)
    body = clean("".join(parts))
    lines = [f"{_label(number, weak)} {opening}{body}{closing}", f"    — {source_line(hit)}"]
    if hit.url:
        lines.append(f"    {clean(hit.url, one_line=True)}")
    return "\n".join(lines)


def rich_hit(number: int, hit: Hit, weak: bool = False) -> Text:
    """Return a quoted passage for a terminal: best sentences bold, source dim.

    A weak hit is dimmed as a whole and labelled, so it never looks like the best one.
    """
    from rich.style import Style
    from rich.text import Text

    opening, closing = _marks(hit.quote)
    text = Text(f"{_label(number, weak)} {opening}", style="dim" if weak else "")
    plain = "dim" if weak else ""
    cursor = 0
    for start, end in hit.highlight:
        text.append(clean(hit.quote[cursor:start]), style=plain)
        text.append(clean(hit.quote[start:end]), style="dim" if weak else "bold")
        cursor = end
    text.append(clean(hit.quote[cursor:]) + closing + "\n", style=plain)
    text.append(f"    — {source_line(hit)}", style="dim")
    if hit.url:
        url = clean(hit.url, one_line=True)
        text.append("\n    ")
        linked = url.startswith(("http://", "https://"))
        text.append(url, style=Style(dim=True, link=url if linked else None))
    return text


def abstention_lines(answer: Answer) -> list[str]:
    """Return what to print when the coverage does not answer."""
    lines = [f"The coverage does not answer this. {clean(answer.reason or '')}".rstrip()]
    if answer.closest_titles:
        titles = "; ".join(clean(t, one_line=True) for t in answer.closest_titles)
        lines.append(f"Closest articles: {titles}")
    return lines


def unmentioned_line(answer: Answer) -> str | None:
    """Return the line naming what the question asks about that none of the quotes mentions."""
    if not answer.unmentioned or answer.abstained:
        return None
    names = " or ".join(clean(name, one_line=True) for name in answer.unmentioned)
    return f"None of these passages mentions {names}; they are the closest the coverage has."


def _excerpt_pieces(hit: Hit) -> list[tuple[str, bool]]:
    """Return the compact excerpt of ``hit`` as (text, bold) pieces, "…" where text is left out."""
    start, end = answer_window(hit, EXCERPT_BUDGET)
    pieces: list[tuple[str, bool]] = [("… ", False)] if hit.quote[:start].strip() else []
    cursor = start
    for a, b in hit.highlight:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        pieces += [(hit.quote[cursor:a], False), (hit.quote[a:b], True)]
        cursor = b
    pieces.append((hit.quote[cursor:end], False))
    if hit.quote[end:].strip():
        pieces.append((" …", False))
    return [(clean(text), bold) for text, bold in pieces if text]


def also_line(hit: Hit, first: Hit) -> str:
    """Return "Also: title, outlet, date, paragraph N — sentence…" for a further strong match.

    The paragraph alone names another passage of the first quote's article.
    """
    where = f"paragraph {hit.paragraph}" if hit.source == first.source else source_line(hit)
    return f"Also: {where} — {clean(short_sentence(hit), one_line=True)}"


def _short_pieces(answer: Answer) -> list[tuple[str, str, str | None]]:
    """Return the compact answer as (text, style, link) pieces; a style is "bold", "dim" or ""."""
    first = answer.hits[0]
    pieces: list[tuple[str, str, str | None]] = [
        (text, "bold" if bold else "", None) for text, bold in _excerpt_pieces(first)
    ]
    pieces.append((f"\n    — {source_line(first)}", "dim", None))
    if first.url:
        url = clean(first.url, one_line=True)
        linked = url.startswith(("http://", "https://"))
        pieces.append((f"\n    {url}", "dim", url if linked else None))
    pieces += [(f"\n{also_line(hit, first)}", "", None) for hit in also_hits(answer)]
    return pieces


def short_plain(answer: Answer) -> str:
    """Return the compact answer as plain text, its answering sentence in ``**``."""
    pieces = _short_pieces(answer)
    return "".join(f"**{text}**" if style == "bold" else text for text, style, _ in pieces)


def short_text(answer: Answer) -> Text:
    """Return the compact answer for a terminal: excerpt, source (and link), "Also" lines."""
    from rich.style import Style
    from rich.text import Text

    text = Text()
    for piece, style, link in _short_pieces(answer):
        text.append(piece, style=Style(bold=style == "bold", dim=style == "dim", link=link))
    return text


def print_answer(answer: Answer, out: TextIO, *, short: bool = False) -> None:
    """Print an answer: with rich on a terminal, as plain text otherwise; compact if ``short``."""
    note = unmentioned_line(answer)
    if note is not None:
        out.write(note + "\n\n")
    if short and answer.hits and not answer.abstained:
        if out.isatty():
            from rich.console import Console

            Console(file=out, highlight=False, soft_wrap=False).print(short_text(answer))
        else:
            out.write(short_plain(answer) + "\n")
        return
    if not out.isatty():
        if answer.abstained:
            out.write("\n".join(abstention_lines(answer)) + "\n")
        else:
            flags = weak_flags(answer.hits)
            blocks = (
                plain_hit(i, hit, weak)
                for i, (hit, weak) in enumerate(zip(answer.hits, flags, strict=True), start=1)
            )
            out.write("\n\n".join(blocks) + "\n")
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False, soft_wrap=False)
    if answer.abstained:
        for line in abstention_lines(answer):
            console.print(Text(line))
        return
    flags = weak_flags(answer.hits)
    for i, (hit, weak) in enumerate(zip(answer.hits, flags, strict=True), start=1):
        if i > 1:
            console.print()
        console.print(rich_hit(i, hit, weak))
