"""What a terminal shows: no escapes from articles, rich on a TTY, plain when piped."""

from __future__ import annotations

import io

from coverbot.terminal import clean, print_answer
from index.records import Answer, Hit
from tests.hits import make_hit

ESC_TITLE = "Budget\x1b]0;pwned\x07 passes\x1b[2J\x9b31m"


def hit(quote: str, score: float, title: str = "Budget passes", url: str | None = None) -> Hit:
    return make_hit(
        quote,
        ((0, quote.index(".") + 1),),
        sentences=((0, len(quote)),),
        title=title,
        outlet="Daily",
        published="2024-01-09",
        url=url,
        score=score,
        dense_score=score,
        lexical_score=score,
    )


class Tty(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:  # noqa: D102
        return True


def test_clean_removes_every_control_character_but_keeps_text() -> None:
    text = "a\x1b[31mb\x07c\x9bd\u202ee\x00f\tg\nh\ud800i"
    assert clean(text) == "a[31mbcde" + "f\tg\nh\ufffdi"
    assert clean(text, one_line=True) == "a[31mbcdef g h\ufffdi"


def test_titles_and_urls_from_articles_cannot_reach_the_terminal_raw() -> None:
    answer = Answer(
        "q", (hit("The council approved it. Then it left.", 1.0, ESC_TITLE, "https://x\x1b[2J"),)
    )
    for out in (io.StringIO(), Tty()):
        print_answer(answer, out)
        printed = out.getvalue()
        assert "pwned passes" in printed or "pwned" in printed
        # rich itself emits SGR sequences on a TTY; none of the article's own controls remain
        assert "\x07" not in printed and "\x9b" not in printed and "\x1b]0;" not in printed
        assert "\x1b[2J" not in printed and "\ufffd" not in printed


def test_abstention_titles_are_cleaned() -> None:
    out = io.StringIO()
    print_answer(Answer.refusal("q", "nothing close", closest_titles=(ESC_TITLE,)), out)
    assert "\x1b" not in out.getvalue() and "\x07" not in out.getvalue()
    assert "Closest articles: Budget]0;pwned passes[2J31m" in out.getvalue()


def test_piped_output_is_plain_text_with_bold_markers() -> None:
    out = io.StringIO()
    print_answer(Answer("q", (hit("The council approved it. Then it left.", 1.0),)), out)
    assert out.getvalue().startswith("[1] “**The council approved it.** Then it left.”\n")
    assert "\x1b" not in out.getvalue()


def test_terminal_output_is_bold_and_dim_and_wrapped() -> None:
    out = Tty()
    long_quote = "The council approved it. " + "More words follow here. " * 20
    print_answer(Answer("q", (hit(long_quote, 1.0),)), out)
    printed = out.getvalue()
    assert "\x1b[1m" in printed  # bold highlight
    assert "\x1b[2m" in printed  # dim source line
    assert "**" not in printed
    assert max(len(line) for line in clean(printed).splitlines()) <= 120


def test_a_quote_opening_with_its_own_quotation_mark_is_not_doubled() -> None:
    out = io.StringIO()
    print_answer(Answer("q", (hit("“We are done.” she said. Then she left.", 1.0),)), out)
    assert "““" not in out.getvalue() and "[1] **“We are done.**”" in out.getvalue()


def test_a_weak_hit_is_labelled_and_never_bold() -> None:
    answer = Answer(
        "q", (hit("Strong answer here. Yes.", 1.0), hit("Weak answer here. Maybe.", 0.12))
    )
    out = io.StringIO()
    print_answer(answer, out)
    assert "[1] “**Strong" in out.getvalue()
    assert "[2] (weaker match) “**Weak" in out.getvalue()
    tty = Tty()
    print_answer(answer, tty)
    weak_part = tty.getvalue().split("(weaker match)")[1]
    assert "\x1b[1m" not in weak_part


def test_build_stages_are_logged_once_each_for_verbose_runs(caplog) -> None:
    """A long build was silent even with -v: each stage now logs when it starts."""
    import logging

    from coverbot.progress import ProgressBars

    caplog.set_level(logging.INFO, logger="coverbot.progress")
    bars = ProgressBars(enabled=False)
    for stage, done, total in [
        ("reading", 0, 1),
        ("model", 0, 1),
        ("embedding", 0, 300),
        ("embedding", 150, 300),
        ("embedding", 300, 300),
        ("publishing", 1, 1),
    ]:
        bars(stage, done, total)
    assert [r.getMessage() for r in caplog.records] == [
        "reading the corpus",
        "loading the model",
        "embedding passages (300)",
        "publishing",
    ]


def test_answer_names_what_none_of_its_quotes_mentions() -> None:
    """Above quotes that do not mention an asked-about name, the terminal says so, naming it."""
    answer = Answer(
        "What did Ozer say?",
        (hit("The council approved it. Then it left.", 1.0),),
        unmentioned=("Ozer\x1b[2J",),
    )
    for out in (io.StringIO(), Tty()):
        print_answer(answer, out)
        first = out.getvalue().splitlines()[0]
        assert first.startswith("None of these passages mentions Ozer")
        assert "\x1b[2J" not in first


def test_short_prints_the_compact_view_and_the_full_one_stays_the_default() -> None:
    """`ask --short`: the answering sentence and the next, the source, one line per strong match."""
    from tests.discord.test_compact import sentence_hit

    first = sentence_hit("It spent about $700", source="a.md", url="https://x.example/a")
    other = sentence_hit("Critics said", score=0.9, paragraph=12, source="b.md", title="IBM")
    weak = sentence_hit("The sheriff", score=0.1, paragraph=14)
    answer = Answer("q", (first, other, weak))
    short, full = io.StringIO(), io.StringIO()
    print_answer(answer, short, short=True)
    print_answer(answer, full)
    assert short.getvalue().splitlines() == [
        "… **It spent about $700 to upload its first photos.** After that it paid about $7 a "
        "month. …",
        "    — Amazon bans police use of its facial-recognition technology for a year, "
        "The Washington Post, 2020-06-10, paragraph 8",
        "    https://x.example/a",
        "Also: IBM, The Washington Post, 2020-06-10, paragraph 12 — Critics said the tool was "
        "rushed.",
    ]
    assert full.getvalue().startswith("[1] “The county bought")
    tty = Tty()
    print_answer(answer, tty, short=True)
    assert "\x1b[1m" in tty.getvalue() and "**" not in tty.getvalue()
