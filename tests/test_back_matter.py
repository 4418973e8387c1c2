"""This journal's back matter (parse/back_matter.py): the editors line and the English title block."""

from __future__ import annotations

import pytest
from trump2_web_edition.edition.parse.back_matter import (
    EDITORS_LINE,
    english_starts_at,
    english_title_start,
    is_title_line,
)

BLOCK = [
    "[2] “Statement,” The White House, 2020, https://example.com/",
    "briefings/a.",
    "Research on the Trend of High-tech Industry",
    "During the “Trump 2.0” Period",
    "Wang Ziqi",
    "Abstract: Strengthening high-tech industry cooperation",
    "Key Words: The United States; Taiwan",
]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Research on the Trend of High-tech Industry", True),
        ("Wang Ziqi", True),
        ("briefings/a.", False),  # a note ends with a full stop
        ("cn/info/1026/7073.htm。", False),
        ("王子旗", False),
        ("( 责任编辑 金 奕 刘佳雁 )", False),
        ("Abstract: text", False),
        ("Key Words: one", False),
    ],
)
def test_is_title_line(text, title):
    assert is_title_line(text) is title


def test_english_title_start_stops_at_the_note_before():
    assert english_title_start(BLOCK, 4) == 2
    assert english_title_start(["需持续关注。", "( 责任编辑 金 奕 )", "Title", "Wang Ziqi"], 3) == 2


def test_english_starts_at_the_title_only():
    assert [index for index in range(len(BLOCK)) if english_starts_at(BLOCK, index)] == [2, 3]
    assert not english_starts_at(["Title", "Abstract: text"], 0)  # no author line
    assert not english_starts_at(["Title", "Wang Ziqi"], 0)  # no abstract


def test_editors_line():
    assert EDITORS_LINE.match("( 责任编辑 金 奕 刘佳雁 )")["names"] == "金 奕 刘佳雁"
    assert EDITORS_LINE.match("（责任编辑：金奕）")["names"] == "金奕"
    assert not EDITORS_LINE.match("( 责任编辑 金 奕 ) 之后还有字")
