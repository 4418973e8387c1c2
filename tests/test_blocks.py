"""Body lines -> headings and paragraphs (parse/blocks.py), and the layout measures it uses."""

from __future__ import annotations

import pytest
from edition.cjk import is_wide
from edition.measure import ends_sentence, full_width, line_width
from edition.parse.blocks import heading_level, is_heading, split_blocks
from edition.parse.printed import BodyLine

MEASURE = 40.0


def _line(number: int, text: str) -> BodyLine:
    return BodyLine(number, 1, text, text.startswith(" ") and not text.startswith("  "))


def _full(char: str = "文") -> str:
    return char * 40


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("一、特朗普 2.0 时期", 1),
        ("十二、标题", 1),
        ("结  语", 1),
        ("结语", 1),
        ("（一）“价值认同”导向弱化", 2),
        ("（十）标题", 2),
        ("一般的句子", 0),
        ("(一) 半角括号", 0),
        ("结语之后还有话", 0),
    ],
)
def test_heading_level(text, level):
    assert heading_level(text) == level


def test_is_heading_needs_short_line_without_full_stop():
    assert is_heading(_line(1, "（一）短标题"), MEASURE) == 2
    assert is_heading(_line(1, "（一）这是一句话。"), MEASURE) == 0
    assert is_heading(_line(1, "一、" + _full()), MEASURE) == 0


def test_layout_measures():
    assert line_width("中文") == 2.0
    assert line_width("ab") == 1.0
    assert line_width("  中文[12]  ") == 2.5
    assert full_width([10, 40, 40, 39, 20]) == 39
    assert full_width([]) == 0.0
    assert ends_sentence("句子。") and ends_sentence("句子。”[3]") and not ends_sentence("句子，")
    assert is_wide("中") and is_wide("“") and not is_wide("a")


def test_split_blocks_paragraphs_and_headings():
    lines = [
        _line(1, "（一）第一小节"),
        _line(2, _full()[:38]),
        _line(3, _full()),
        _line(4, "短的最后一行。"),
        _line(5, _full()[:38]),
        _line(6, "第二段也结束了。"),
        _line(7, "二、第二节"),
        _line(8, _full()[:38]),
        _line(9, "完。"),
    ]
    blocks = split_blocks(tuple(lines), MEASURE)
    assert [(b.level, [line.number for line in b.lines]) for b in blocks] == [
        (2, [1]),
        (0, [2, 3, 4]),
        (0, [5, 6]),
        (1, [7]),
        (0, [8, 9]),
    ]


def test_full_line_ending_a_sentence_does_not_end_the_paragraph():
    lines = [_line(1, _full()[:38]), _line(2, _full()[:39] + "。"), _line(3, _full()), _line(4, "完。")]
    blocks = split_blocks(tuple(lines), MEASURE)
    assert [[line.number for line in b.lines] for b in blocks] == [[1, 2, 3, 4]]


def test_heading_pattern_inside_a_paragraph_is_text():
    lines = [_line(1, _full()[:38]), _line(2, "一、这不是标题"), _line(3, "完。")]
    blocks = split_blocks(tuple(lines), MEASURE)
    assert [b.level for b in blocks] == [0]


def test_seed_blocks(seed_document):
    paragraphs = [p for s in seed_document.sections for p in s.paragraphs]
    assert len(seed_document.sections[0].paragraphs) == 1
    assert seed_document.sections[0].paragraphs[0].text.startswith("在全球科技竞争与地缘政治博弈加剧的大背景下")
    assert all(p.text.rstrip().endswith(("。", "”", "）")) for p in paragraphs), [
        p.text[-20:] for p in paragraphs if not p.text.rstrip().endswith(("。", "”", "）"))
    ]
    for start in ("其一，美国", "其二，美台", "其三，增加", "其四，扩大", "特朗普在 2024 年竞选期间"):
        assert sum(1 for p in paragraphs if p.text.startswith(start)) == 1, start
