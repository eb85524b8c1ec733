"""Hostile text in what the bot shows: masked links, highlights that split them, bad URLs, metadata."""

from __future__ import annotations

import re

from bot.formatting import limits
from bot.formatting.admin import article_line, sources_pages
from bot.formatting.answers import hit_embed, hits_reply, render_quote
from bot.formatting.ingest import added_embed, feed_line
from bot.formatting.markdown import escape, escape_with_bold, safe_url
from fakediscord.limits import check_embeds
from index.ingest import AddResult, FeedInfo
from index.records import ArticleInfo
from tests.discord.test_formatting import make_hit

TWO_LINKS = "[a](https://evil.example/1) and [b](https://evil.example/2)"
_LIVE = re.compile(r"(?<!\\)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)>\s]*)")


def live_links(markdown: str) -> list[str]:
    """Return the targets of masked links Discord would render live in ``markdown``."""
    return _LIVE.findall(markdown)


def test_every_masked_link_of_a_line_is_neutralised() -> None:
    """The issue's quote: both links are shown as text, not only the first one."""
    assert live_links(TWO_LINKS) == ["https://evil.example/1", "https://evil.example/2"]
    assert live_links(escape(TWO_LINKS)) == []
    assert re.search(r"(?<!\\)<", escape("see <https://evil.example/x>")) is None


def test_a_highlight_that_splits_a_link_never_unescapes_it() -> None:
    """Bold starting inside `[a](…)` and ending inside the next link still leaves no live link."""
    quote = f"Officials wrote {TWO_LINKS} in the notice."
    for a in range(len(quote)):
        for b in (a + 1, a + 7, len(quote)):
            rendered = render_quote(quote, ((a, min(b, len(quote))),), 0, len(quote))
            assert live_links(rendered) == [], (a, b, rendered)
            assert "\\**" not in rendered.replace("\\\\", ""), rendered


def test_line_starts_cannot_make_headings_lists_or_quotes() -> None:
    """`# `, `- `, `1. `, `> `, `>>> ` and `-# ` at line starts are escaped, even mid-quote."""
    text = "# Big\n- item\n  12. ordered\n> quote\n>>> all\n-# small\n* star"
    escaped = escape(text)
    for line in escaped.split("\n"):
        assert line.lstrip()[0] == "\\" or re.match(r"\s*\d+\\\.", line), line
    assert escape_with_bold("1. first", [(0, 8)]) == "**1\\. first**"


def test_sources_titles_and_urls_cannot_inject_links() -> None:
    """A title holding `](` and a URL holding `)` make exactly one link, to the real URL."""
    article = ArticleInfo(
        "x.md",
        "Budget](https://evil.example/t) [win",
        None,
        None,
        "https://news.example/a)[x](https://evil.example/u",
        3,
    )
    line = article_line(1, article)
    targets = live_links(line)
    assert len(targets) == 1 and targets[0].startswith("https://news.example/a%29")
    assert "evil.example/t" not in "".join(targets)
    bad_scheme = ArticleInfo("y.md", "Title", None, None, "javascript:alert(1)", 1)
    assert live_links(article_line(2, bad_scheme)) == []
    pages = sources_pages([article, bad_scheme])
    assert live_links(pages[0].description or "") == [targets[0]]


def test_embed_urls_are_http_and_short_or_dropped() -> None:
    """No scheme, `javascript:`, user-info, over 2,048 characters: no URL; https is kept."""
    for url in (
        "evil.example/x",
        "javascript:alert(1)",
        "https://e.example/" + "a" * 2040,
        "https://e.example/a b",
        "ftp://e.example/x",
        "https://",
        "https://discord.com@evil.example/login",
    ):
        assert safe_url(url) is None, url
        assert hit_embed(make_hit("A quote.", url=url)).url is None
    assert hit_embed(make_hit("A quote.", url="https://e.example/a")).url == "https://e.example/a"
    result = AddResult("T", None, None, 1, "t.md", url="javascript:alert(1)")
    assert added_embed(result).url is None


def test_answers_with_huge_metadata_fit_discord_limits() -> None:
    """Three quotes whose author is 1,979 and outlet 1,500 characters: Discord accepts them."""
    hits = [
        make_hit(
            "The port said the work would start in spring. " * 40,
            ((0, 46),),
            author="Reporter " * 220,
            outlet="S" * 1500,
            title="T" * 600,
        )
        for _ in range(3)
    ]
    reply = hits_reply("why?", hits)
    payload = [embed.to_dict() for embed in reply.embeds]
    assert check_embeds(payload) == {}
    assert sum(len(e) for e in reply.embeds) <= limits.EMBEDS_TOTAL


def test_feed_lines_escape_feed_titles_and_urls() -> None:
    """A feed title or URL holding a masked link is shown as text in `/coverage feeds`."""
    info = FeedInfo(
        url="https://feeds.example/x)[y](https://evil.example/z",
        title="News [now](https://evil.example/t)",
        added_by="t",
        added_at="2024-01-01",
        last_polled=None,
        last_ok=None,
        last_error="[retry](https://evil.example/r)",
        articles_added=0,
    )
    assert live_links(feed_line(info)) == []


def test_embed_titles_from_articles_are_escaped() -> None:
    """Bold, code, spoilers and strikes in an article's title show as text in every embed title."""
    title = "**Loud** `code` ||secret|| ~~gone~~ __under__"
    answer_title = hit_embed(make_hit("It cost $700.", ((0, 13),), title=title)).title
    added_title = added_embed(AddResult(title, None, None, 1, "t.md")).title
    for shown in (answer_title, added_title):
        assert shown is not None
        for mark in ("**", "`", "||", "~~", "__"):
            assert re.search(r"(?<!\\)" + re.escape(mark[0]) * len(mark), shown) is None, shown
        assert shown.replace("\\", "").endswith(title)


def test_bidi_and_invisible_characters_are_never_shown() -> None:
    """A right-to-left override cannot reverse an author name; quote, title and footer drop it."""
    hidden = "\u202e\u2066\u2067\u2068\u2069\u200b\u200e\u200f\ufeff\u2060"
    quote = f"It cost{hidden} $700."
    hit = make_hit(quote, ((0, len(quote)),), author="Mallory \u202egnp.exe", title=f"T{hidden}")
    embed = hit_embed(hit)
    shown = [embed.title or "", embed.description or "", embed.footer.text or ""]
    shown.append(escape(f"a{hidden}b"))
    assert not any(ch in part for part in shown for ch in hidden)
    assert "Mallory gnp.exe" in (embed.footer.text or "")
    assert embed.description == "**It cost $700.**"
    assert escape("👩\u200d💻") == "👩\u200d💻"  # joiners of emoji sequences stay


def test_a_bold_sentence_cut_to_fit_keeps_its_closing_marks() -> None:
    """A single answering sentence longer than the room is cut at a word and stays bold."""
    sentence = "The contract said " + "word " * 600 + "and then it ended."
    hits = [make_hit(sentence, ((0, len(sentence)),)) for _ in range(5)]
    for embed in hits_reply("why?", hits).embeds:
        text = embed.description or ""
        assert text.startswith("**") and text.endswith("**…"), text[-20:]
        assert not limits.bold_open(text)
    cut = limits.cut_markdown("Intro. **" + "long " * 50 + "end.** After.", 60)
    assert cut.endswith("**…") and not limits.bold_open(cut) and len(cut) <= 60
    assert limits.cut_markdown("Intro words here **" + "x" * 80 + "**", 22) == "Intro words here…"
