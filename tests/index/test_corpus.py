"""Reading a corpus folder: formats, broken files reported by name, duplicates indexed once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.formatting.admin import report_embed
from coverbot.commands.index_cmds import format_report
from index.build.builder import diff_report
from index.corpus.formats import ArticleFileError
from index.corpus.reader import load_corpus, read_article_file, read_corpus_file

ARTICLE = "The council voted on Tuesday to close the old bridge. Repairs will take a year.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_markdown_front_matter_gives_metadata(tmp_path: Path) -> None:
    """Front matter fields become the article's title, outlet, date and link."""
    write(
        tmp_path,
        "a.md",
        "---\ntitle: Bridge closes\noutlet: The Local\npublished: 2024-05-01\n"
        "url: https://example.org/bridge\nauthor: [Ann, Bo]\n---\n\n" + ARTICLE,
    )
    (article,) = read_article_file(tmp_path / "a.md", tmp_path, 10_000)
    assert (article.title, article.outlet, article.published, article.url, article.author) == (
        "Bridge closes",
        "The Local",
        "2024-05-01",
        "https://example.org/bridge",
        "Ann, Bo",
    )
    assert article.text == ARTICLE.strip()


def test_text_without_front_matter_takes_first_line_as_title(tmp_path: Path) -> None:
    """A plain text file is an article titled by its first line."""
    write(tmp_path, "b.txt", ARTICLE)
    (article,) = read_article_file(tmp_path / "b.txt", tmp_path, 10_000)
    assert article.title.startswith("The council voted")


def test_json_and_jsonl_records_are_articles(tmp_path: Path) -> None:
    """Each JSON record (object, list or line) becomes its own article."""
    record = {"title": "T1", "text": ARTICLE, "outlet": "O", "url": "u1"}
    write(tmp_path, "one.json", json.dumps(record))
    write(
        tmp_path,
        "many.jsonl",
        "\n".join(
            json.dumps({**record, "title": f"L{i}", "text": f"{ARTICLE} Line {i}."})
            for i in range(3)
        ),
    )
    contents = load_corpus(tmp_path, 10_000)
    assert sorted(a.title for a in contents.articles) == ["L0", "L1", "L2", "T1"]
    assert {a.source for a in contents.articles} >= {"many.jsonl#1", "one.json#1"}


def test_html_is_extracted_with_metadata(tmp_path: Path) -> None:
    """An HTML page's main text and title are extracted, navigation left out."""
    body = " ".join(
        ["The mayor said the new library opens in March after three years of work."] * 4
    )
    html = (
        f"<html><head><title>Library opens | City News</title>"
        f"<meta property='og:site_name' content='City News'></head><body><nav>Home | Sports"
        f"</nav><article><h1>Library opens</h1><p>{body}</p><p>{body}</p></article></body></html>"
    )
    write(tmp_path, "page.html", html)
    (article,) = read_article_file(tmp_path / "page.html", tmp_path, 100_000)
    assert "new library opens in March" in article.text
    assert "Sports" not in article.text
    assert "Library opens" in article.title


def test_broken_files_are_named_with_reasons_and_the_rest_indexed(tmp_path: Path) -> None:
    """Every broken file is reported by name with its reason; the good ones still load."""
    write(tmp_path, "good.md", ARTICLE)
    write(tmp_path, "binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "empty.txt", "  \n")
    write(tmp_path, "latin1.txt", "Caf\xe9 society reopened its doors on Friday.".encode("latin-1"))
    write(tmp_path, "bad-yaml.md", "---\ntitle: [unclosed\n---\n" + ARTICLE)
    write(tmp_path, "unclosed.md", "---\ntitle: x\n" + ARTICLE)
    write(tmp_path, "huge.txt", "word " * 5000)
    write(tmp_path, "bad.jsonl", '{"text": "x"}\n{not json}\n')
    write(tmp_path, "notes.pdf", "%PDF-1.4")
    contents = load_corpus(tmp_path, max_bytes=10_000)
    reasons = {f.path: f.reason for f in contents.failed}
    assert [a.source for a in contents.articles] == ["good.md"]
    assert "binary" in reasons["binary.md"]
    assert "empty" in reasons["empty.txt"]
    assert "UTF-8" in reasons["latin1.txt"]
    assert "YAML" in reasons["bad-yaml.md"]
    assert "never ends" in reasons["unclosed.md"]
    assert "cap" in reasons["huge.txt"]
    assert "line 1: the article has no text" in reasons["bad.jsonl"]
    assert "line 2 is not valid JSON" in reasons["bad.jsonl"]
    assert "unsupported" in reasons["notes.pdf"]


def test_same_text_twice_is_indexed_once(tmp_path: Path) -> None:
    """A syndicated copy with the same text (whitespace aside) is indexed once and reported."""
    write(tmp_path, "a.md", ARTICLE)
    write(tmp_path, "b.txt", "---\ntitle: Copy\n---\n" + ARTICLE.replace(" ", "  "))
    contents = load_corpus(tmp_path, 10_000)
    assert [a.source for a in contents.articles] == ["a.md"]
    assert contents.duplicates == ("b.txt",)


def test_read_article_file_raises_user_safe_reason(tmp_path: Path) -> None:
    """Validating one file alone gives the same reason the loader reports."""
    path = write(tmp_path, "x.md", "---\n- a list\n---\n" + ARTICLE)
    try:
        read_article_file(path, tmp_path, 10_000)
    except ArticleFileError as exc:
        assert "mapping" in str(exc)
    else:
        raise AssertionError("a list as front matter must be refused")


def test_html_that_trafilatura_cannot_read_is_a_named_failure(tmp_path: Path) -> None:
    """A page with no article text is reported with a reason, not a crash."""
    write(
        tmp_path,
        "empty.html",
        "<html><head><title>x</title></head><body><nav>menu</nav></body></html>",
    )
    write(tmp_path, "good.md", ARTICLE)
    contents = load_corpus(tmp_path, 10_000)
    assert [a.source for a in contents.articles] == ["good.md"]
    assert [f.path for f in contents.failed] == ["empty.html"]


def test_an_impossible_date_is_one_line_and_the_article_indexed_undated(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``published: 2024-02-30`` was a 35-line traceback and a lost article."""
    write(tmp_path, "feb.md", "---\ntitle: Leap\npublished: 2024-02-30\n---\n" + ARTICLE)
    write(
        tmp_path,
        "many.jsonl",
        json.dumps({"text": ARTICLE + " Again.", "date": "2024-13-01"}) + "\n",
    )
    contents = load_corpus(tmp_path, 10_000)
    assert [(a.source, a.published) for a in contents.articles] == [
        ("feb.md", None),
        ("many.jsonl#1", None),
    ]
    assert contents.failed == ()
    assert [(w.path, w.reason) for w in contents.warnings] == [
        ("feb.md", "published: '2024-02-30' is not a real date; the article is indexed undated"),
        (
            "many.jsonl#1",
            "published: '2024-13-01' is not a real date; the article is indexed undated",
        ),
    ]
    assert "Traceback" not in caplog.text
    assert all("\n" not in r.getMessage() for r in caplog.records)


def test_an_empty_front_matter_block_is_no_metadata(tmp_path: Path) -> None:
    """``---`` followed at once by ``---`` was refused as front matter that never ends."""
    for name, head in (("a.md", "---\n---\n"), ("b.md", "---\r\n---\r\n"), ("c.md", "--- \n---\n")):
        write(tmp_path, name, head + ARTICLE)
        (article,) = read_article_file(tmp_path / name, tmp_path, 10_000)
        assert article.text == ARTICLE.strip()
        assert article.title.startswith("The council voted")


def test_old_mac_line_endings_parse_front_matter(tmp_path: Path) -> None:
    """A file with CR alone between lines has its front matter read, not shown as text."""
    write(tmp_path, "mac.md", "---\rtitle: Bridge closes\rpublished: 2024-05-01\r---\r\r" + ARTICLE)
    (article,) = read_article_file(tmp_path / "mac.md", tmp_path, 10_000)
    assert (article.title, article.published) == ("Bridge closes", "2024-05-01")
    assert article.text == ARTICLE.strip()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_decoded(tmp_path: Path, codec: str) -> None:
    """A UTF-16 file (what Windows Notepad saves as "Unicode") was refused as binary."""
    text = "---\ntitle: Café reopens\n---\n\n" + ARTICLE
    data = text.encode(codec) if codec != "utf-16-be" else b"\xfe\xff" + text.encode(codec)
    write(tmp_path, "win.md", data)
    (article,) = read_article_file(tmp_path / "win.md", tmp_path, 10_000)
    assert (article.title, article.text) == ("Café reopens", ARTICLE.strip())


def test_broken_utf16_is_named_as_such(tmp_path: Path) -> None:
    """A file that starts with a UTF-16 byte order mark but breaks off is not called binary."""
    write(tmp_path, "half.md", "Good text for a while.".encode("utf-16") + b"\x00\xd8")
    with pytest.raises(ArticleFileError, match="not UTF-16 text"):
        read_article_file(tmp_path / "half.md", tmp_path, 10_000)


def test_one_bad_jsonl_record_skips_that_record_with_its_line(tmp_path: Path) -> None:
    """A bad line lost every article of the file; now only that record, named by its line."""
    good = [json.dumps({"title": f"T{i}", "text": f"{ARTICLE} Number {i}."}) for i in range(3)]
    write(tmp_path, "feed.jsonl", f"{good[0]}\n\n{{broken\n{good[1]}\n[1, 2]\n{good[2]}\n")
    contents = load_corpus(tmp_path, 10_000)
    # Record numbers stay those of the non-blank lines, as ``remove`` counts them.
    assert [(a.source, a.title) for a in contents.articles] == [
        ("feed.jsonl#1", "T0"),
        ("feed.jsonl#3", "T1"),
        ("feed.jsonl#5", "T2"),
    ]
    assert [(f.path, f.reason) for f in contents.failed] == [
        (
            "feed.jsonl",
            "line 3 is not valid JSON (Expecting property name enclosed in double "
            "quotes); that record is skipped",
        ),
        ("feed.jsonl", "line 5 is not an object with a 'text' field; that record is skipped"),
    ]


def test_one_bad_json_record_skips_that_record_with_its_line(tmp_path: Path) -> None:
    """A list with one record lacking its text keeps the others; the bad one is named."""
    records = [
        {"title": "A", "text": ARTICLE},
        {"title": "B"},
        {"title": "C", "text": ARTICLE + "C."},
    ]
    write(tmp_path, "list.json", json.dumps(records, indent=2))
    contents = load_corpus(tmp_path, 10_000)
    assert [(a.source, a.title) for a in contents.articles] == [
        ("list.json#1", "A"),
        ("list.json#3", "C"),
    ]
    assert [f.reason for f in contents.failed] == [
        "record 2 (line 6) has no 'text' string; that record is skipped"
    ]


def test_a_file_of_only_bad_records_names_them(tmp_path: Path) -> None:
    """When no record of a file can be read, the file fails with its records' reasons."""
    write(tmp_path, "bad.jsonl", '{"text": "x"}\n{nope\n')
    with pytest.raises(ArticleFileError, match=r"none of its 2 records .*line 1: .*line 2 is not"):
        read_corpus_file(tmp_path / "bad.jsonl", tmp_path, 10_000)


def test_a_future_date_is_flagged_in_the_build_report(tmp_path: Path) -> None:
    """An article dated 2205 (a typo for 2025) was indexed silently, never to be quoted."""
    year = dt.date.today().year + 180
    write(tmp_path, "typo.md", f"---\ntitle: Typo\npublished: {year}-03-01\n---\n" + ARTICLE)
    write(tmp_path, "today.md", f"---\npublished: {dt.date.today()}\n---\nToday it rained a lot.")
    contents = load_corpus(tmp_path, 10_000)
    assert {a.source: a.published for a in contents.articles}["typo.md"] == f"{year}-03-01"
    report = diff_report("v", {}, contents, 2, 2, {})
    reason = (
        f"published: {year}-03-01 is in the future (a typo?); "
        "the article is not quoted before that day"
    )
    assert [(w.path, w.reason) for w in report.warnings] == [("typo.md", reason)]
    assert f"  warning: typo.md: {reason}" in format_report(report).splitlines()
    embed = report_embed(report)
    (field,) = [f for f in embed.fields if f.name == "Warnings"]
    assert "typo.md" in (field.value or "") and "in the future" in (field.value or "")
