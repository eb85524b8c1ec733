"""Draw the README's pictures from the bot's real replies, and keep their payloads beside them.

Each picture is the bot's own message payload (``styled_reply`` and ``AnswerView``, exactly what
``/ask`` sends in the default compact style) for a question on the bundled coverage, asked at a
fixed moment (``ASKED_AT``) so that the freshness line does not age. The payload is stored as JSON
beside the PNG (``docs/answer.json``, ``docs/refusal.json``); ``tests/cli/test_answer_picture.py``
fails when today's reply differs from it, so the picture cannot go stale. It is rendered as HTML
in Discord's dark theme and photographed with headless Chromium (Debian packages ``chromium`` and
``fonts-noto-color-emoji``).

    .venv/bin/python scripts/answer_picture.py            # both pictures and payloads
    .venv/bin/python scripts/answer_picture.py --sizes    # reply sizes, compact and full

``--sizes`` answers the seed and developing-story questions and prints the median and largest
reply in characters and in pixels as drawn here, for the compact and the full style.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import html
import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

log = logging.getLogger("answer_picture")

QUESTION = "How much did the Oregon sheriff's office pay to upload its photos?"
REFUSED = "What did Apple say about facial recognition?"
ASKED_AT = dt.datetime(2026, 12, 6, 9, 41, tzinfo=dt.UTC)
"""When the pictured questions are asked (the picture's "Today at 09:41")."""
PICTURES = {"answer": QUESTION, "refusal": REFUSED}
DOCS = ROOT / "docs"
WIDTH = 860

CSS = """
body { margin: 0; background: #313338; color: #dbdee1; width: %(width)dpx;
       font: 16px/1.375 "Noto Sans", "DejaVu Sans", sans-serif; }
.msg { display: flex; padding: 16px 16px 20px 16px; }
.avatar { width: 40px; height: 40px; border-radius: 50%%; background: #5865f2; flex: none;
          margin-right: 16px; color: white; font-weight: 700; display: flex;
          align-items: center; justify-content: center; }
.head { margin-bottom: 2px; }
.name { color: #f2f3f5; font-weight: 600; }
.tag { background: #5865f2; color: white; font-size: 10px; font-weight: 700; padding: 1px 4px;
       border-radius: 3px; margin-left: 4px; vertical-align: 2px; }
.time { color: #949ba4; font-size: 12px; margin-left: 6px; }
.embed { background: #2b2d31; border-left: 4px solid; border-radius: 4px; max-width: 700px;
         padding: 8px 16px 14px 12px; margin-top: 8px; font-size: 14px; }
.etitle { color: #00a8fc; font-weight: 600; font-size: 16px; margin: 6px 0 8px; }
.etitle.plain { color: #f2f3f5; }
.edesc, .content { white-space: pre-wrap; }
.efoot { color: #b5bac1; font-size: 12px; margin-top: 8px; }
.buttons { margin-top: 8px; }
.button { display: inline-block; border-radius: 3px; padding: 2px 16px; height: 28px;
          line-height: 28px; font-size: 14px; font-weight: 500; margin-right: 8px;
          color: white; background: #4e5058; }
.button.primary { background: #5865f2; }
strong { color: #f2f3f5; }
"""


def markdown(text: str) -> str:
    """Render the Discord markdown the bot uses: ``**bold**``, ``*italics*``, escapes."""
    escaped: list[str] = []
    out = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and not text[i + 1].isalnum():
            escaped.append(text[i + 1])
            out.append(f"\x00{len(escaped) - 1}\x00")
            i += 2
            continue
        out.append(text[i])
        i += 1
    rendered = html.escape("".join(out))
    rendered = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", rendered, flags=re.S)
    rendered = re.sub(r"\*([^*\n]+?)\*", r"<em>\1</em>", rendered)
    return re.sub(r"\x00(\d+)\x00", lambda m: html.escape(escaped[int(m.group(1))]), rendered)


def page(payload: dict[str, Any]) -> str:
    """Return the HTML of one bot message with its embeds and buttons."""
    parts = [
        f"<style>{CSS % {'width': WIDTH}}</style><div class='msg'><div class='avatar'>cb</div>",
        "<div><div class='head'><span class='name'>coverbot</span><span class='tag'>APP</span>",
        "<span class='time'>Today at 09:41</span></div>",
        f"<div class='content'>{markdown(payload.get('content') or '')}</div>",
    ]
    for embed in payload["embeds"]:
        colour = f"#{embed.get('color', 0x5865F2):06x}"
        title_class = "etitle" if embed.get("url") else "etitle plain"
        parts += [
            f"<div class='embed' style='border-color:{colour}'>",
            f"<div class='{title_class}'>{markdown(embed.get('title', ''))}</div>",
            f"<div class='edesc'>{markdown(embed.get('description', ''))}</div>",
            f"<div class='efoot'>{html.escape(embed.get('footer', {}).get('text', ''))}</div>",
            "</div>",
        ]
    parts.append("<div class='buttons'>")
    for row in payload["components"]:
        for button in row["components"]:
            label = button.get("label") or button.get("emoji", {}).get("name", "")
            kind = "button primary" if button.get("style") == 1 else "button"
            parts.append(f"<span class='{kind}'>{html.escape(label)}</span>")
    parts.append("</div></div></div>")
    return "<!doctype html><meta charset='utf-8'>" + "".join(parts)


def reply_payload(answer: Any, style: str = "compact") -> dict[str, Any]:
    """Return what ``/ask`` sends for ``answer`` in ``style``, without the random button ids."""
    return asyncio.run(_reply_payload(answer, style))


async def _reply_payload(answer: Any, style: str) -> dict[str, Any]:
    from bot.feedback import FeedbackStore
    from bot.formatting.compact import styled_reply
    from bot.views import AnswerView

    reply = styled_reply(answer, style)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        store = FeedbackStore(Path(tmp) / "feedback.sqlite3")
        view = AnswerView(answer, store, page_size=3, timeout=60, compact=style == "compact")
        components = view.to_components()
        view.stop()
    for row in components:
        for button in row["components"]:
            button.pop("custom_id", None)
    return {
        "content": reply.content,
        "embeds": [embed.to_dict() for embed in reply.embeds],
        "components": components,
    }


def seed_engine(work: Path) -> Any:
    """Return an engine built as the bot builds it, on the bundled coverage."""
    from index.config import EngineConfig
    from index.engine import Engine

    engine = Engine(EngineConfig(corpus_dir=ROOT / "corpus", index_dir=work / "index"))
    engine.rebuild()
    return engine


def payload_path(name: str) -> Path:
    """Return where the payload of picture ``name`` is stored."""
    return DOCS / f"{name}.json"


def dump(payload: dict[str, Any]) -> str:
    """Return a payload as the stored JSON text."""
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def chromium() -> str:
    """Return the headless browser to use."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("needs Chromium: apt-get install chromium")


def browser() -> list[str]:
    """Return the headless browser's command, without its page."""
    return [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]


def shoot(document: str, output: Path, work: Path) -> None:
    """Photograph ``document`` at its full height into ``output``."""
    height = measure([document], work)[0]
    source = work / "answer.html"
    source.write_text(document, encoding="utf-8")
    output.parent.mkdir(parents=True, exist_ok=True)
    shot = [f"--window-size={WIDTH},{height}", f"--screenshot={output.resolve()}"]
    subprocess.run(  # noqa: S603 - our own file, a browser found on PATH
        [*browser(), *shot, source.as_uri()], capture_output=True, check=True
    )


def measure(documents: list[str], work: Path) -> list[int]:
    """Return the height in pixels of each document as drawn at ``WIDTH`` (one browser run)."""
    frames = "".join(
        f"<iframe style='width:{WIDTH}px;height:10px;border:0' srcdoc='{html.escape(d)}'></iframe>"
        for d in documents
    )
    script = (
        "<script>window.onload = () => { document.title = Array.from("
        "document.querySelectorAll('iframe')).map(f => f.contentDocument.body.scrollHeight)"
        ".join(','); };</script>"
    )
    source = work / "measure.html"
    source.write_text(f"<!doctype html><body>{frames}{script}</body>", encoding="utf-8")
    dom = subprocess.run(  # noqa: S603
        [*browser(), "--virtual-time-budget=5000", "--dump-dom", source.as_uri()],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = re.search(r"<title>([\d,]+)</title>", dom)
    if found is None:
        raise SystemExit("the browser did not report the heights")
    return [int(h) for h in found.group(1).split(",")]


def size(payload: dict[str, Any]) -> int:
    """Return the characters a member reads in a payload: text, titles, quotes, footers."""
    parts = [payload.get("content") or ""]
    for embed in payload["embeds"]:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts.append(embed.get("footer", {}).get("text", ""))
    return sum(len(part) for part in parts)


def questions() -> list[tuple[str, str, dt.datetime | None]]:
    """Return (coverage, question, asked) for the seed and developing-story questions."""
    data = ROOT / "tests" / "data"
    found: list[tuple[str, str, dt.datetime | None]] = [("seed", QUESTION, ASKED_AT)]
    files = [("seed", data / "seed_questions.jsonl")]
    files += [
        ("developing", data / "developing" / n)
        for n in ("questions.jsonl", "absent_attributes.jsonl")
    ]
    for coverage, path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                asked = row.get("asked")
                when = dt.datetime.fromisoformat(asked).replace(tzinfo=dt.UTC) if asked else None
                found.append((coverage, row["q"], when))
    return found


def report_sizes(work: Path) -> None:
    """Print the median and largest reply, in characters and pixels, for both styles."""
    from index.config import EngineConfig
    from index.engine import Engine

    engines = {"seed": seed_engine(work)}
    engines["developing"] = Engine(
        EngineConfig(
            corpus_dir=ROOT / "tests" / "data" / "developing" / "corpus",
            index_dir=work / "developing",
        )
    )
    engines["developing"].rebuild()
    answers = [engines[c].ask(q, 3, when) for c, q, when in questions()]
    for style in ("full", "compact"):
        payloads = [reply_payload(answer, style) for answer in answers]
        chars = [size(p) for p in payloads]
        heights = measure([page(p) for p in payloads], work)
        log.info(
            "%s: %d replies; characters median %d, max %d; pixels median %d, max %d",
            style,
            len(payloads),
            statistics.median(chars),
            max(chars),
            statistics.median(heights),
            max(heights),
        )


def main() -> None:
    """Draw the pictures and store their payloads (or report the sizes)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", action="store_true", help="report reply sizes instead")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.sizes:
            report_sizes(work)
            return
        engine = seed_engine(work)
        for name, question in PICTURES.items():
            payload = reply_payload(engine.ask(question, 3, ASKED_AT))
            payload_path(name).write_text(dump(payload), encoding="utf-8")
            shoot(page(payload), DOCS / f"{name}.png", work)
            log.info("wrote %s and %s", DOCS / f"{name}.png", payload_path(name))


if __name__ == "__main__":
    main()
