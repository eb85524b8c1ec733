"""The README's pictures: drawn faithfully from the bot's payload, and never stale."""

from __future__ import annotations

import importlib.util
import json

import pytest

from bot.formatting.answers import answer_reply
from tests.articles import REPO
from tests.cli.test_terminal import hit

REDRAW = ".venv/bin/python scripts/answer_picture.py"


def load_script():
    spec = importlib.util.spec_from_file_location(
        "answer_picture", REPO / "scripts/answer_picture.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_page_shows_the_bots_bold_and_escaped_text_and_buttons() -> None:
    """Bold, italics and escapes are drawn as Discord draws them; the question stays text."""
    from index.records import Answer

    picture = load_script()
    reply = answer_reply(Answer("What <b>cost</b>?", (hit("It cost *$700*. Then more.", 1.0),)))
    payload = {
        "content": reply.content + "\n*Latest coverage on this: 3 months old*",
        "embeds": [e.to_dict() for e in reply.embeds],
        "components": [{"components": [{"label": "More", "style": 1}]}],
    }
    page = picture.page(payload)
    assert "What &lt;b&gt;cost&lt;/b&gt;?" in page  # question text, not HTML
    assert "<strong>It cost *$700*.</strong>" in page  # bold highlight, escapes undone
    assert "<em>Latest coverage on this: 3 months old</em>" in page
    assert "<span class='button primary'>More</span>" in page


@pytest.mark.parametrize("name", ["answer", "refusal"])
def test_the_pictures_payload_is_todays_reply(seed_engine, name) -> None:
    """docs/<name>.json, drawn in docs/<name>.png, is what the bot sends today for its question."""
    picture = load_script()
    question = picture.PICTURES[name]
    today = json.loads(
        picture.dump(picture.reply_payload(seed_engine.ask(question, 3, picture.ASKED_AT)))
    )
    stored = json.loads(picture.payload_path(name).read_text(encoding="utf-8"))
    assert (picture.DOCS / f"{name}.png").is_file()
    assert today == stored, (
        f"docs/{name}.png no longer shows the bot's reply to {question!r} "
        f"(docs/{name}.json differs from today's payload); redraw both with: {REDRAW}"
    )
    if name == "refusal":
        assert stored["embeds"][0]["title"] == "No answer in the coverage"
    else:
        assert "$700" in stored["embeds"][0]["description"].split("**")[1]
