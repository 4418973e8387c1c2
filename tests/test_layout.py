"""source/layout.yml (layout.py): decisions keyed by the text around a boundary, and their errors."""

from __future__ import annotations

import pytest
from conftest import LAYOUT
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.edition.layout import (
    CONTINUE,
    PARAGRAPH,
    Ambiguity,
    Decision,
    boundary_key,
    load_layout,
    parse_layout,
    squeeze,
    stale_decisions,
    stale_message,
)


def test_squeeze_and_key():
    assert squeeze(" 核心关键。[7] \n特朗普 在 ") == "核心关键。特朗普在"
    assert boundary_key("已成为决定中美博弈胜负的核心关键。[7]", "特朗普在 2024 年竞选期间，多次") == (
        "中美博弈胜负的核心关键。|特朗普在2024年竞选期"
    )


def test_parse_layout():
    text = (
        "# decisions\n"
        "paragraphs:\n"
        '  "胜负的核心关键。 | 特朗普在 2024 年": paragraph\n'
        "  风险升高。|其三，增加: continue\n"
    )
    first, second = parse_layout(text, "layout.yml")
    assert first == Decision("胜负的核心关键。", "特朗普在2024年", PARAGRAPH, "layout.yml", 3)
    assert (second.key, second.reading, second.line) == ("风险升高。|其三，增加", CONTINUE, 4)
    assert first.matches("……已成为决定中美博弈胜负的核心关键。[7]", "特朗普在 2024 年竞选期间")
    assert not first.matches("胜负的核心关键。", "特朗普在 2025 年")


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("paragraphs: [a\n", 2, "not valid YAML"),
        ("other: {}\n", 1, "expected one mapping"),
        ("paragraphs:\n  - a|b\n", 1, "must map"),
        ("paragraphs:\n  a|b: paragraph\n  no bar: continue\n", 3, "a key is the text before the boundary"),
        ("paragraphs:\n  a|: continue\n", 2, "a key is the text before"),
        ("paragraphs:\n  a|b: maybe\n", 2, "the reading must be paragraph or continue"),
    ],
)
def test_bad_layout_file(text, line, message):
    with pytest.raises(SourceError, match=message) as caught:
        parse_layout(text, "layout.yml")
    assert (caught.value.path, caught.value.line) == ("layout.yml", line)


def test_load_layout(tmp_path):
    assert load_layout(tmp_path / "missing.yml") == ()
    assert parse_layout("", "empty.yml") == () and parse_layout("paragraphs:\n", "empty.yml") == ()
    bad = tmp_path / "layout.yml"
    bad.write_bytes(b"paragraphs:\n  \xff: paragraph\n")
    with pytest.raises(SourceError, match="not UTF-8") as caught:
        load_layout(bad)
    assert caught.value.line == 2
    load_layout(LAYOUT)  # the project's own file is valid


def test_stale_decisions():
    decisions = parse_layout("paragraphs:\n  关键。|特朗普: paragraph\n  不在。|文中: continue\n", "layout.yml")
    assert stale_decisions(decisions, "核心关键。[7]\n特朗普在") == decisions[1:]
    assert stale_message(decisions[1], "copy.txt") == (
        'layout.yml:3: "不在。|文中" matches no place in copy.txt: a stale decision'
    )


def test_ambiguity_message():
    ambiguity = Ambiguity("copy.txt", 12, "前一句。", "后一句", "前一句。|后一句", CONTINUE)
    assert not ambiguity.settled
    assert ambiguity.message() == (
        "copy.txt:12: paragraph boundary not clear from the layout, read as the same paragraph: "
        '“前一句。” | “后一句” (settle it in source/layout.yml: "前一句。|后一句": paragraph or continue)'
    )
