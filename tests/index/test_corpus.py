"""Reading a corpus folder: formats, broken files reported by name, duplicates indexed once."""

from __future__ import annotations

import json
from pathlib import Path

from index.corpus import load_corpus, read_article_file
from index.formats import ArticleFileError

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
    write(tmp_path, "bad.jsonl", '{"text": "fine text for a record here"}\n{not json}\n')
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
    assert "line 2" in reasons["bad.jsonl"]
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
    write(tmp_path, "empty.html", "<html><head><title>x</title></head><body><nav>menu</nav></body></html>")
    write(tmp_path, "good.md", ARTICLE)
    contents = load_corpus(tmp_path, 10_000)
    assert [a.source for a in contents.articles] == ["good.md"]
    assert [f.path for f in contents.failed] == ["empty.html"]
