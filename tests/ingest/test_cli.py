"""``coverbot add/remove/restore/feed`` from a shell: output, exit codes, nothing half done."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from coverbot.cli import main
from tests.articles import PARAGRAPHS, article_html, rss, snapshot
from tests.settings_env import fresh_folders

GOOD_MD = (
    "---\ntitle: Council approves budget\noutlet: Daily\npublished: 2024-01-09\n---\n\n"
    "The council approved the budget on Tuesday after a long debate about road repairs.\n\n"
    "The vote was seven to two, with two members absent.\n"
)


@pytest.fixture
def web_root(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """Serve a folder over HTTP on loopback from a thread (the CLI runs its own event loop)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the settings at a fresh corpus, index and data folder; allow loopback only."""
    corpus = fresh_folders(tmp_path, monkeypatch)
    monkeypatch.setenv("COVERBOT_FETCH_ALLOWED_NETWORKS", '["127.0.0.1/32"]')
    monkeypatch.setenv("COVERBOT_MIN_ARTICLE_CHARS", "200")
    return corpus


def test_a_bad_file_exits_1_with_the_reason(
    env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A broken file is refused on stderr with exit 1; the corpus and index are untouched."""
    bad = tmp_path / "bad.md"
    bad.write_text("---\ntitle: [\n---\n\nSome article text here.", encoding="utf-8")
    assert main(["add", str(bad)]) == 1
    assert "front matter is not valid YAML" in capsys.readouterr().err
    assert list(env.iterdir()) == []
    assert not (tmp_path / "index").exists()


def test_a_private_link_exits_1(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A link to the metadata address is refused with exit 1."""
    assert main(["add", "http://169.254.169.254/latest/meta-data/"]) == 1
    assert "private or local address" in capsys.readouterr().err


def test_removing_an_unknown_article_exits_1(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Removing something that is not there says so with exit 1."""
    assert main(["remove", "no such article"]) == 1
    assert 'no article matches "no such article"' in capsys.readouterr().err


def test_feed_add_list_remove(
    env: Path, web_root: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Feeds are followed, listed (also as JSON) and unfollowed; a non-feed exits 1."""
    root, base = web_root
    (root / "feed.xml").write_text(rss(base, []), encoding="utf-8")
    (root / "page.html").write_text("<html><body><p>hi</p></body></html>", encoding="utf-8")
    assert main(["feed", "add", f"{base}/page.html"]) == 1
    assert "not an RSS or Atom feed" in capsys.readouterr().err
    assert main(["feed", "add", f"{base}/feed.xml"]) == 0
    assert "following" in capsys.readouterr().out
    assert main(["feed", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [f["title"] for f in listed] == ["Loopback News"]
    assert main(["feed", "remove", f"{base}/feed.xml"]) == 0
    assert main(["feed", "list"]) == 0
    assert "no feeds followed" in capsys.readouterr().out


@pytest.mark.model
def test_add_poll_remove_restore_from_the_shell(
    env: Path, tmp_path: Path, web_root: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Add a file and a link, poll a feed, remove and restore: each prints its result, exit 0."""
    good = tmp_path / "upload.md"
    good.write_text(GOOD_MD, encoding="utf-8")
    assert main(["add", str(good)]) == 0
    out = capsys.readouterr().out
    assert 'added "Council approves budget" (Daily, 2024-01-09)' in out
    assert "1 passage, file council-approves-budget.md" in out

    root, base = web_root
    (root / "story.html").write_text(article_html("Harbour dredging", PARAGRAPHS), "utf-8")
    (root / "feed.xml").write_text(rss(base, [("g", "/story.html", "x")]), encoding="utf-8")
    assert main(["feed", "add", f"{base}/feed.xml"]) == 0
    assert main(["feed", "poll"]) == 0
    assert '+ "Harbour dredging"' in capsys.readouterr().out
    assert main(["feed", "poll"]) == 0
    assert "0 added, 1 already seen" in capsys.readouterr().out

    before = snapshot(env)
    assert main(["remove", "Council approves budget"]) == 0
    assert "undo: coverbot restore" in capsys.readouterr().out
    assert main(["restore"]) == 0
    assert 'restored "Council approves budget"' in capsys.readouterr().out
    assert snapshot(env) == before
