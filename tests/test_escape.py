"""Escaping text for Python-Markdown: what is written is what is shown."""

from __future__ import annotations

import lxml.html
import pytest
from conftest import to_html
from trump2_web_edition.edition.render.escape import escape_attribute, escape_block, escape_text

TRICKY = [
    "*x*",
    "_x_",
    "**bold**",
    "`code`",
    "[^1]",
    "[link](http://example.com)",
    "![img](x.png)",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "&amp; &lt; & <",
    "{ #id .class }",
    "a\\b",
    "\\*",
    "50% of 2*3",
    "x_y_z",
    "Key: value | other",
]
BLOCK_START = ["1. item", "12) item", "- item", "+ item", "* item", "# heading", "## heading", "> quote", "-", "1."]


def _shown(markdown_text: str) -> str:
    html = to_html(markdown_text + "\n{ #p }")
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    assert [element.tag for element in tree] == ["p"], html
    assert not tree.xpath("//script | //b | //em | //strong | //code | //a | //img | //sup"), html
    return tree.text_content()


@pytest.mark.parametrize("text", TRICKY)
def test_escape_text_round_trip(text):
    assert _shown("Before " + escape_text(text) + " after") == f"Before {text} after"


@pytest.mark.parametrize("text", TRICKY + BLOCK_START)
def test_escape_block_round_trip(text):
    assert _shown(escape_block(text)) == text


def test_escape_block_strips_leading_space():
    assert escape_block("   text") == "text"


def test_escape_text_known_outputs():
    assert escape_text("a*b_c") == "a\\*b\\_c"
    assert escape_text("<b>&") == "&lt;b&gt;&amp;"
    assert escape_text("中文，（括号）") == "中文，（括号）"


def test_escape_block_list_starts():
    assert escape_block("1. x") == "1\\. x"
    assert escape_block("- x") == "\\- x"
    assert escape_block("-x") == "-x"
    assert escape_block("2025 年") == "2025 年"


def test_escape_attribute():
    assert escape_attribute('http://x/?a=1&b="2"<') == "http://x/?a=1&amp;b=&quot;2&quot;&lt;"
