"""The README picture's renderer draws the bot's payload faithfully (bold, escapes, buttons)."""

from __future__ import annotations

import importlib.util

from bot.formatting.answers import answer_reply
from tests.articles import REPO
from tests.cli.test_terminal import hit


def load_script():
    spec = importlib.util.spec_from_file_location(
        "answer_picture", REPO / "scripts/answer_picture.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_page_shows_the_bots_bold_and_escaped_text_and_buttons() -> None:
    from index.models import Answer

    picture = load_script()
    reply = answer_reply(Answer("What <b>cost</b>?", (hit("It cost *$700*. Then more.", 1.0),)))
    payload = {
        "content": reply.content,
        "embeds": [e.to_dict() for e in reply.embeds],
        "components": [{"components": [{"label": "More", "style": 1}]}],
    }
    page = picture.page(payload)
    assert "What &lt;b&gt;cost&lt;/b&gt;?" in page  # question text, not HTML
    assert "<strong>It cost *$700*.</strong>" in page  # bold highlight, escapes undone
    assert "<span class='button primary'>More</span>" in page
