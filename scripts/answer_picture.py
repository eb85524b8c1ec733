"""Draw docs/answer.png: a real answer of the bot as Discord shows it, for the README.

The answer is the bot's own message payload (``answer_reply`` and ``AnswerView``, exactly what
``/ask`` sends) for the README's question on the bundled coverage, rendered as HTML in Discord's
dark theme and photographed with headless Chromium (Debian packages ``chromium`` and
``fonts-noto-color-emoji``).

    .venv/bin/python scripts/answer_picture.py [--question "..."] [--output docs/answer.png]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import logging
import os
import re
import shutil
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
.edesc { white-space: pre-wrap; }
.efoot { color: #b5bac1; font-size: 12px; margin-top: 8px; }
.buttons { margin-top: 8px; }
.button { display: inline-block; border-radius: 3px; padding: 2px 16px; height: 28px;
          line-height: 28px; font-size: 14px; font-weight: 500; margin-right: 8px;
          color: white; background: #4e5058; }
.button.primary { background: #5865f2; }
strong { color: #f2f3f5; }
"""


def markdown(text: str) -> str:
    """Render the Discord markdown the bot uses: ``**bold**`` and backslash escapes."""
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
    return re.sub(r"\x00(\d+)\x00", lambda m: html.escape(escaped[int(m.group(1))]), rendered)


def page(payload: dict[str, Any]) -> str:
    """Return the HTML of one bot message with its embeds and buttons."""
    parts = [
        f"<style>{CSS % {'width': WIDTH}}</style><div class='msg'><div class='avatar'>cb</div>",
        "<div><div class='head'><span class='name'>coverbot</span><span class='tag'>APP</span>",
        "<span class='time'>Today at 09:41</span></div>",
        f"<div>{markdown(payload.get('content') or '')}</div>",
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


async def bot_payload(question: str, work: Path) -> dict[str, Any]:
    """Return what ``/ask`` sends for ``question`` on the bundled coverage."""
    from bot.feedback import FeedbackStore
    from bot.formatting.answers import answer_reply
    from bot.views import AnswerView
    from index.config import EngineConfig
    from index.engine import Engine

    engine = Engine(EngineConfig(corpus_dir=ROOT / "corpus", index_dir=work / "index"))
    await asyncio.to_thread(engine.rebuild)
    answer = await asyncio.to_thread(engine.ask, question, 3)
    reply = answer_reply(answer)
    view = AnswerView(answer, FeedbackStore(work / "feedback.sqlite3"), page_size=3, timeout=60)
    return {
        "content": reply.content,
        "embeds": [embed.to_dict() for embed in reply.embeds],
        "components": view.to_components(),
    }


def chromium() -> str:
    """Return the headless browser to use."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("needs Chromium: apt-get install chromium")


def shoot(document: str, output: Path, work: Path) -> None:
    """Photograph ``document`` at its full height into ``output``."""
    source = work / "answer.html"
    measure = "<script>document.title = document.body.scrollHeight</script>"
    source.write_text(document + measure, encoding="utf-8")
    browser = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    dom = subprocess.run(  # noqa: S603 - our own file, a browser found on PATH
        [*browser, "--dump-dom", source.as_uri()], capture_output=True, text=True, check=True
    ).stdout
    height = int(re.search(r"<title>(\d+)</title>", dom).group(1))  # type: ignore[union-attr]
    source.write_text(document, encoding="utf-8")
    output.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603
        [
            *browser,
            f"--window-size={WIDTH},{height}",
            f"--screenshot={output.resolve()}",
            source.as_uri(),
        ],
        capture_output=True,
        check=True,
    )


def main() -> None:
    """Draw the picture."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--question", default=QUESTION)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "answer.png")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        payload = asyncio.run(bot_payload(args.question, work))
        shoot(page(payload), args.output, work)
    log.info("wrote %s", args.output)


if __name__ == "__main__":
    main()
