"""Hostile corpus files: links, pipes, alias bombs, over-long metadata and undecodable names."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from index.build.builder import fingerprint
from index.corpus.formats import FIELD_LIMITS, parse_markdown
from index.corpus.reader import ArticleFileError, load_corpus, read_capped

GOOD = "The council voted on Tuesday to extend the harbour cleanup by two more years."
CAP = 5_000_000

# 751 bytes of nested anchors: the alias bomb, which expands to a 2.8-billion-character
# title (5.5 GB) under yaml.safe_load.
ALIAS_BOMB = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "title: *i\n"
    "---\n\n" + GOOD + "\n"
)


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.md").write_text(f"---\ntitle: Harbour cleanup\n---\n\n{GOOD}\n")
    return corpus


def _reasons(corpus: Path) -> dict[str, str]:
    contents = load_corpus(corpus, CAP)
    assert [a.source for a in contents.articles] == ["good.md"]
    return {f.path: f.reason for f in contents.failed}


def test_a_link_to_etc_passwd_is_not_read(tmp_path: Path) -> None:
    """`ln -s /etc/passwd corpus/passwd.txt` is reported as a link, and its target never read."""
    corpus = _corpus(tmp_path)
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    reasons = _reasons(corpus)
    assert "symbolic link" in reasons["passwd.txt"]


def test_a_link_inside_the_corpus_is_not_followed_either(tmp_path: Path) -> None:
    """A link to a folder outside is never walked into; a link to a file inside is refused."""
    corpus = _corpus(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("Secret text that must never be quoted to members.\n")
    (corpus / "linked").symlink_to(outside, target_is_directory=True)
    (corpus / "again.md").symlink_to(corpus / "good.md")
    reasons = _reasons(corpus)
    assert set(reasons) == {"linked", "again.md"}


@pytest.mark.timeout(60)
def test_a_link_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    """A link to /dev/zero (endless bytes, stat size 0) is refused, not read until MemoryError."""
    corpus = _corpus(tmp_path)
    (corpus / "zero.md").symlink_to("/dev/zero")
    assert "symbolic link" in _reasons(corpus)["zero.md"]


@pytest.mark.timeout(60)
def test_a_pipe_never_hangs_the_build(tmp_path: Path) -> None:
    """A FIFO in the corpus, or a link to one, is refused without blocking on an open or read."""
    corpus = _corpus(tmp_path)
    os.mkfifo(tmp_path / "fifo")
    os.mkfifo(corpus / "pipe.md")
    (corpus / "pipe-link.md").symlink_to(tmp_path / "fifo")
    reasons = _reasons(corpus)
    assert "not a regular file" in reasons["pipe.md"]
    assert "symbolic link" in reasons["pipe-link.md"]


def test_the_size_cap_counts_bytes_read_not_stat(tmp_path: Path) -> None:
    """/proc files report 0 bytes to stat but hold more: the cap still stops the read."""
    maps = Path("/proc/self/maps")
    assert maps.stat().st_size == 0
    with pytest.raises(ArticleFileError, match="over the 100-byte cap"):
        read_capped(maps, 100, follow_links=True)
    with pytest.raises(ArticleFileError, match="not a regular file"):
        read_capped(Path("/dev/zero"), 100, follow_links=True)


def test_the_yaml_alias_bomb_is_refused_quickly_and_the_rest_indexed(tmp_path: Path) -> None:
    """The 751-byte alias bomb is refused by name in well under a second; other files index."""
    assert len(ALIAS_BOMB.split("title")[0]) < 800
    corpus = _corpus(tmp_path)
    (corpus / "bomb.md").write_text(ALIAS_BOMB)
    started = time.perf_counter()
    reasons = _reasons(corpus)
    assert time.perf_counter() - started < 5
    assert "alias" in reasons["bomb.md"]


@pytest.mark.parametrize("value", ["!!float abc", "!!int abc", "!!timestamp hello", "!!bool maybe"])
def test_a_value_that_does_not_fit_its_tag_is_a_named_failure(value: str) -> None:
    """PyYAML raised ValueError, KeyError or AttributeError: a traceback in the log."""
    with pytest.raises(ArticleFileError, match="a value does not fit its tag"):
        parse_markdown(f"---\ntitle: {value}\n---\n{GOOD}")


def test_a_merge_key_alias_is_refused_too() -> None:
    """`<<: *base` is an alias as well; plain front matter still parses."""
    with pytest.raises(ArticleFileError, match="alias"):
        parse_markdown(f"---\nbase: &b {{title: x}}\n<<: *b\n---\n{GOOD}")
    assert parse_markdown(f"---\ntitle: Fine\n---\n{GOOD}").title == "Fine"


def test_every_metadata_field_is_capped_at_parse_time(tmp_path: Path) -> None:
    """Over-long title/author/outlet/date are cut, an over-long URL dropped, newlines flattened."""
    corpus = _corpus(tmp_path)
    record = {
        "text": "A different story about the harbour and its long-awaited new ferry line.",
        "title": "Headline " * 1000,
        "author": "A" * 1979,
        "outlet": "Site\n# heading " * 200,
        "published": "2024-01-01" * 50,
        "url": "https://news.example/" + "a" * 3000,
    }
    (corpus / "long.json").write_text(json.dumps(record))
    article = next(a for a in load_corpus(corpus, CAP).articles if a.source == "long.json#1")
    for name in ("title", "author", "outlet", "published"):
        value = getattr(article, name)
        assert value is not None and len(value) <= FIELD_LIMITS[name], name
        assert "\n" not in value
    assert article.url is None


@pytest.mark.parametrize(
    "url",
    [
        "https://discord.com@evil.example/login",
        "https://discord.com:443@evil.example/",
        "HTTPS://user:pass@evil.example",
        "https:discord.com@evil.example/",
        "https://discord.com\\@evil.example/",
    ],
)
def test_a_url_with_user_info_is_not_kept_as_a_link(tmp_path: Path, url: str) -> None:
    """``https://discord.com@evil.example/`` shows discord.com and leads to evil.example."""
    corpus = _corpus(tmp_path)
    (corpus / "lure.md").write_text(f"---\ntitle: Lure\nurl: {url}\n---\n\n{GOOD} Lure.\n")
    (corpus / "fine.md").write_text(
        f"---\nurl: https://news.example/a@b?who=x@y#@z\n---\n\n{GOOD} Fine.\n"
    )
    links = {a.source: a.url for a in load_corpus(corpus, CAP).articles}
    assert links["lure.md"] is None
    assert links["fine.md"] == "https://news.example/a@b?who=x@y#@z"


def test_a_file_name_that_is_not_utf8_is_a_named_failure(tmp_path: Path) -> None:
    """`corpus/bad<0xff>name.md` is reported (with an escape) and the build's fingerprint works."""
    corpus = _corpus(tmp_path)
    bad = os.fsencode(corpus) + b"/bad\xffname.md"
    with open(bad, "wb") as handle:
        handle.write(f"---\ntitle: Bad name\n---\n\n{GOOD} Again.\n".encode())
    contents = load_corpus(corpus, CAP)
    assert [a.source for a in contents.articles] == ["good.md"]
    assert [f.path for f in contents.failed] == ["bad\\xffname.md"]
    assert "not valid UTF-8" in contents.failed[0].reason
    fingerprint(contents.articles)
    json.dumps([f.path for f in contents.failed], ensure_ascii=False).encode("utf-8")
