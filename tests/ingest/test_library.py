"""The library with a stand-in engine: adding, refusing, duplicates, removal, restore, audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from coverbot.commands.ingest_cmds import describe_add
from coverbot.settings import Settings
from index.ingest import (
    BadFileError,
    DuplicateArticleError,
    Library,
    NotAnArticleError,
    NotHtmlError,
    PrivateAddressError,
    TooLargeError,
    TooShortError,
)
from index.ingest.errors import AmbiguousArticleError, ArticleNotFoundError
from tests.articles import PARAGRAPHS, article_html, snapshot
from tests.fakes import CorpusEngine
from tests.loopback import Site

pytestmark = pytest.mark.asyncio(loop_scope="session")

TITLE = "Harbour authority approves dredging of the northern channel"


def front_matter(path: Path) -> dict[str, str]:
    """Return the YAML front matter of a Markdown file."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


async def test_add_by_link_writes_markdown_named_from_the_title(
    site: Site, library: Library, corpus: Path, engine: CorpusEngine
) -> None:
    """A link becomes a Markdown file named from its headline, with metadata, then a rebuild."""
    url = site.page("/2024/05/02/story.php", article_html(TITLE, PARAGRAPHS))
    result = await library.add_url(url, actor="test:mod")
    assert result.title == TITLE
    assert (result.outlet, result.published) == ("The Loopback Gazette", "2024-05-02")
    assert result.path == "harbour-authority-approves-dredging-of-the-northern-channel.md"
    assert result.passages == 3 and result.indexed
    meta = front_matter(corpus / result.path)
    assert meta["url"] == url and meta["author"] == "Ada Reporter"
    assert PARAGRAPHS[1] in (corpus / result.path).read_text(encoding="utf-8")
    assert engine.rebuilds == 1


async def test_path_tricks_in_a_title_give_a_safe_name(
    site: Site, library: Library, corpus: Path, tmp_path: Path
) -> None:
    """A headline like "../../etc/passwd" is written as a plain file inside the corpus."""
    url = site.page("/x", article_html("../../etc/passwd", PARAGRAPHS))
    result = await library.add_url(url, actor="test:mod")
    assert result.path == "etc-passwd.md"
    assert [p.name for p in corpus.iterdir()] == ["etc-passwd.md"]
    assert not (tmp_path / "etc").exists()


async def test_same_link_and_same_text_are_duplicates(
    site: Site, library: Library, corpus: Path
) -> None:
    """The same link, or another link with the same text, is refused as a duplicate."""
    first = site.page("/a", article_html(TITLE, PARAGRAPHS))
    copy = site.page("/b", article_html("A copy under another headline", PARAGRAPHS))
    await library.add_url(first, actor="test:mod")
    hits_before = list(site.hits)
    with pytest.raises(DuplicateArticleError, match=f'duplicate of "{TITLE}"'):
        await library.add_url(first + "#top", actor="test:mod")
    assert site.hits == hits_before, "a known link is refused before fetching"
    with pytest.raises(DuplicateArticleError):
        await library.add_url(copy, actor="test:mod")
    assert len(list(corpus.iterdir())) == 1


async def test_two_articles_with_the_same_title_get_two_files(site: Site, library: Library) -> None:
    """Two different articles with one headline do not overwrite each other."""
    a = site.page("/a", article_html(TITLE, PARAGRAPHS))
    b = site.page("/b", article_html(TITLE, [p.replace("harbour", "river") for p in PARAGRAPHS]))
    first = await library.add_url(a, actor="t")
    second = await library.add_url(b, actor="t")
    assert first.path != second.path
    assert second.path.endswith("-2.md")


@pytest.mark.parametrize(
    ("page", "error", "reason"),
    [
        (
            article_html("Subscribe to read", ["Subscribe to keep reading this story."]),
            TooShortError,
            "paywall stub",
        ),
        (
            "<html><body><nav><a href='/a'>A</a></nav></body></html>",
            NotAnArticleError,
            "not an article",
        ),
    ],
)
async def test_stubs_and_non_articles_are_refused(
    site: Site, library: Library, corpus: Path, page: str, error: type, reason: str
) -> None:
    """A paywall stub and a page without an article are refused with the reason."""
    url = site.page("/p", page)
    with pytest.raises(error, match=reason):
        await library.add_url(url, actor="t")
    assert list(corpus.iterdir()) == []


async def test_refusals_reach_the_audit_log(site: Site, library: Library) -> None:
    """A refused link and an added one are both audited with actor, action and result."""
    url = site.page("/a", article_html(TITLE, PARAGRAPHS))
    with pytest.raises(PrivateAddressError):
        await library.add_url("http://169.254.169.254/latest/", actor="discord:42")
    await library.add_url(url, actor="discord:42")
    summary = library.audit.summary()
    assert (summary.total, summary.failures) == (2, 1)
    latest, refused = summary.recent[:2]
    assert (latest.actor, latest.action, latest.ok) == ("discord:42", "add-url", True)
    assert TITLE in latest.result
    assert not refused.ok and "private or local" in refused.result


async def test_non_html_link_is_refused(site: Site, library: Library) -> None:
    """A link to a non-HTML document is refused as not a web page."""
    url = site.page("/f.json", '{"a": 1}', content_type="application/json")
    with pytest.raises(NotHtmlError):
        await library.add_url(url, actor="t")


GOOD_MD = b"---\ntitle: Council approves budget\noutlet: Daily\n---\n\n" + (
    b"The council approved the budget on Tuesday after a long debate.\n\n"
    b"The vote was seven to two, with two members absent.\n"
)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("scan.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("empty.md", b"", "empty"),
        ("broken.md", b"---\ntitle: [unclosed\n---\n\nSome text that is long enough.", "YAML"),
        ("open.md", b"---\ntitle: x\n\nno end of front matter here at all", "never ends"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type .pdf"),
        ("bad.json", b"{not json", "JSON"),
        ("tiny.txt", b"too short", "no text"),
    ],
)
async def test_bad_attachments_are_refused_and_nothing_changes(
    library: Library,
    corpus: Path,
    engine: CorpusEngine,
    tmp_path: Path,
    name: str,
    data: bytes,
    reason: str,
) -> None:
    """A bad file is refused with the loader's reason; corpus, index and staging are unchanged."""
    (corpus / "existing.md").write_bytes(GOOD_MD)
    before = snapshot(corpus)
    with pytest.raises(BadFileError, match=reason):
        await library.add_file(name, data, actor="discord:7")
    assert snapshot(corpus) == before
    assert engine.rebuilds == 0
    assert not any((tmp_path / "var" / "staging").glob("*/*"))
    assert library.audit.summary().failures == 1


async def test_a_large_attachment_is_refused(library: Library, corpus: Path) -> None:
    """An attachment over the cap is refused before it is read."""
    with pytest.raises(TooLargeError):
        await library.add_file(
            "big.md", b"x" * (library.config.attachment_max_bytes + 1), actor="t"
        )
    assert list(corpus.iterdir()) == []


async def test_a_good_attachment_is_added_as_is(library: Library, corpus: Path) -> None:
    """A valid attachment is written byte for byte under a name from its title."""
    result = await library.add_file("upload (1).md", GOOD_MD, actor="discord:7")
    assert result.path == "council-approves-budget.md"
    assert (corpus / result.path).read_bytes() == GOOD_MD
    assert (result.title, result.outlet, result.passages) == ("Council approves budget", "Daily", 2)
    with pytest.raises(DuplicateArticleError):
        await library.add_file("again.md", GOOD_MD, actor="discord:7")


async def test_removal_is_reversible(
    library: Library, corpus: Path, engine: CorpusEngine, tmp_path: Path
) -> None:
    """A removed file is moved (not deleted) to removed/, unindexed, and restored intact."""
    added = await library.add_file("a.md", GOOD_MD, actor="t")
    removed = await library.remove("council approves budget", actor="discord:9")
    assert removed.titles == ("Council approves budget",)
    moved = tmp_path / "removed" / removed.removed_path
    assert moved.read_bytes() == GOOD_MD
    assert list(corpus.iterdir()) == []
    assert engine.articles() == ()
    assert [r.title for r in library.removed()] == ["Council approves budget"]
    restored = await library.restore(None, actor="discord:9")
    assert restored.path == added.path
    assert (corpus / added.path).read_bytes() == GOOD_MD
    assert [a.title for a in engine.articles()] == ["Council approves budget"]
    assert library.removed() == ()


async def test_remove_needs_a_single_match(library: Library, corpus: Path) -> None:
    """Unknown and ambiguous articles are refused with a reason; nothing moves."""
    (corpus / "a.md").write_bytes(GOOD_MD)
    (corpus / "b.md").write_bytes(GOOD_MD.replace(b"budget", b"budget cuts"))
    with pytest.raises(ArticleNotFoundError):
        await library.remove("nothing like this", actor="t")
    with pytest.raises(AmbiguousArticleError, match="2 articles match"):
        await library.remove("council", actor="t")
    assert sorted(p.name for p in corpus.iterdir()) == ["a.md", "b.md"]
    result = await library.remove("b.md", actor="t")
    assert result.path == "b.md"


async def test_restore_refuses_a_duplicate(library: Library, corpus: Path) -> None:
    """A removed article re-added meanwhile is not restored twice."""
    await library.add_file("a.md", GOOD_MD, actor="t")
    await library.remove("a", actor="t")
    await library.add_file("again.md", GOOD_MD, actor="t")
    with pytest.raises(DuplicateArticleError):
        await library.restore("Council approves budget", actor="t")
    assert len(library.removed()) == 1


CUTS_MD = GOOD_MD.replace(b"budget\n", b"budget cuts\n").replace(b"debate", b"row")


async def test_restore_takes_part_of_a_title_as_remove_does(library: Library, corpus: Path) -> None:
    """Issue 21 item 8: restore wanted the exact title or file; remove took any part of it."""
    for name, data in (("a.md", GOOD_MD), ("b.md", CUTS_MD)):
        await library.add_file(name, data, actor="t")
    await library.remove("council approves budget", actor="t")
    await library.remove("Budget Cuts", actor="t")
    with pytest.raises(AmbiguousArticleError) as refused:
        await library.restore("APPROVES", actor="t")
    assert str(refused.value) == (
        "2 articles match; be more precise (a whole title or a file name): "
        "Council approves budget cuts; Council approves budget"
    )
    with pytest.raises(ArticleNotFoundError):
        await library.restore("nothing like it", actor="t")
    assert list(corpus.iterdir()) == []
    restored = await library.restore("cuts", actor="t")
    assert (restored.title, restored.path) == (
        "Council approves budget cuts",
        "council-approves-budget-cuts.md",
    )
    assert (corpus / restored.path).read_bytes() == CUTS_MD


def _records(*titles: str) -> bytes:
    body = "\n\n".join(PARAGRAPHS)
    lines = [json.dumps({"title": t, "text": f"{t}. {body}"}) for t in titles]
    return ("\n".join(lines) + "\n").encode("utf-8")


async def test_a_restored_record_returns_under_a_name_of_its_own(
    library: Library, corpus: Path
) -> None:
    """Issue 21 item 9: record 2 of a file named after record 1 came back as that name + "-2"."""
    added = await library.add_file(
        "feed.jsonl", _records("Ferry line opens", "Bridge closes"), actor="t"
    )
    assert added.path == "ferry-line-opens.jsonl"
    assert added.titles == ("Ferry line opens", "Bridge closes")
    await library.remove("Bridge closes", actor="t")
    restored = await library.restore("bridge", actor="t")
    assert (restored.title, restored.path) == ("Bridge closes", "bridge-closes.jsonl")
    assert json.loads((corpus / restored.path).read_text())["title"] == "Bridge closes"
    kept = (corpus / "ferry-line-opens.jsonl").read_text().splitlines()
    assert [json.loads(line)["title"] for line in kept] == ["Ferry line opens"]

    # Its old file removed meanwhile, the record still does not take that file's name.
    await library.remove("Bridge closes", actor="t")
    await library.remove("Ferry line opens", actor="t")
    assert list(corpus.iterdir()) == []
    assert (await library.restore("bridge", actor="t")).path == "bridge-closes.jsonl"
    assert (await library.restore("ferry", actor="t")).path == "ferry-line-opens.jsonl"


async def test_a_record_of_a_utf16_file_can_be_taken_out(library: Library, corpus: Path) -> None:
    """The loader reads UTF-16 files, so removing one of their records must too."""
    (corpus / "win.jsonl").write_bytes(
        _records("Ferry line opens", "Bridge closes").decode().encode("utf-16")
    )
    await library.remove("Bridge closes", actor="t")
    kept = (corpus / "win.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["title"] for line in kept] == ["Ferry line opens"]


async def test_adding_a_multi_record_file_names_every_article(library: Library) -> None:
    """Issue 21 item 9: ``coverbot add`` named the first article and counted the others."""
    data = _records("Ferry line opens", "Bridge closes", "Market returns") + b"{broken\n"
    result = await library.add_file("feed.jsonl", data, actor="t")
    assert describe_add(result).splitlines() == [
        "added 3 articles from one file:",
        '  + "Ferry line opens"',
        '  + "Bridge closes"',
        '  + "Market returns"',
        f"  {result.passages} passages, file ferry-line-opens.jsonl",
        "  ! line 4 is not valid JSON (Expecting property name enclosed in double quotes)",
    ]


async def test_titles_for_autocomplete(library: Library) -> None:
    """Autocomplete offers served titles containing what was typed, with their file."""
    await library.add_file("a.md", GOOD_MD, actor="t")
    assert library.titles("BUDGET") == (("Council approves budget", "council-approves-budget.md"),)
    assert library.titles("nothing") == ()


async def test_an_article_the_engine_serves_can_be_removed_whatever_its_size(
    tmp_path: Path, corpus: Path
) -> None:
    """A 3 MB article (over the attachment cap, under the corpus cap) is found and removed.

    The catalog reads the corpus with the engine's cap, not the cap on uploads.
    """
    settings = Settings(_env_file=None, corpus_dir=corpus, data_dir=tmp_path / "var")
    assert settings.attachment_max_bytes < 3_000_000 < settings.engine_config().max_file_bytes
    paragraph = " ".join(PARAGRAPHS)
    body = "\n\n".join([paragraph] * (3_000_000 // len(paragraph)))
    (corpus / "long-read.md").write_text(f"---\ntitle: {TITLE}\n---\n\n{body}\n", encoding="utf-8")
    engine = CorpusEngine(corpus)
    engine.rebuild()
    library = Library(settings.ingest_config(), engine)
    assert library.titles("harbour") == ((TITLE, "long-read.md"),)

    result = await library.remove(TITLE, actor="test:mod")

    assert result.path == "long-read.md" and not (corpus / "long-read.md").exists()
    assert engine.articles() == ()
