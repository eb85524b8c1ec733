"""An HTML article in the corpus keeps its paragraph breaks and is not quoted with its headline."""

from __future__ import annotations

from pathlib import Path

from index.corpus.reader import read_article_file

PAGE = """<html><head><title>Dog park opens in Riverton</title></head><body><article>
<h1>Dog park opens in Riverton</h1>
<p>The city of Riverton opened its first off-leash dog park on Saturday after years of asking.</p>
<p>The dog park cost $412,000 to build, paid from the parks bond approved by voters in 2022.</p>
<p>Residents had asked for a dog park for nearly a decade, and the council agreed last spring.</p>
</article></body></html>"""


def test_html_text_has_one_paragraph_a_block_and_no_headline_line(tmp_path: Path) -> None:
    path = tmp_path / "dog-park.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = read_article_file(path, tmp_path, 1_000_000)
    assert article.title == "Dog park opens in Riverton"
    paragraphs = article.text.split("\n\n")
    assert [p[:20] for p in paragraphs] == [
        "The city of Riverton",
        "The dog park cost $4",
        "Residents had asked ",
    ]
