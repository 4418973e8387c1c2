"""Body lines -> headings and paragraphs (parse/blocks.py), and the layout measures it uses."""

from __future__ import annotations

import pytest
from trump2_web_edition.edition.layout import CONTINUE, PARAGRAPH, Decision
from trump2_web_edition.edition.measure import Column
from trump2_web_edition.edition.parse.blocks import heading_level, is_heading, split_blocks
from trump2_web_edition.edition.parse.printed import BodyLine

MEASURE = Column(40.0)


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
    blocks, ambiguities = split_blocks(tuple(lines), MEASURE)
    assert ambiguities == ()
    assert [(b.level, [line.number for line in b.lines]) for b in blocks] == [
        (2, [1]),
        (0, [2, 3, 4]),
        (0, [5, 6]),
        (1, [7]),
        (0, [8, 9]),
    ]


def test_full_line_ending_a_sentence_does_not_end_the_paragraph():
    lines = [_line(1, _full()[:38]), _line(2, _full()[:39] + "。"), _line(3, _full()), _line(4, "完。")]
    blocks, _ = split_blocks(tuple(lines), MEASURE)
    assert [[line.number for line in b.lines] for b in blocks] == [[1, 2, 3, 4]]


def test_heading_pattern_inside_a_paragraph_is_text():
    lines = [_line(1, _full()[:38]), _line(2, "一、这不是标题"), _line(3, "完。")]
    blocks, _ = split_blocks(tuple(lines), MEASURE)
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


# --- boundaries the layout leaves open ----------------------------------------------------

# A full line that ends a sentence, then a line five em short whose successor starts with a
# word too long for it: set to the measure it is full, set two em narrower (a paragraph's
# first line) it is full too. Nothing in the layout tells which.
_OPEN = (
    _line(1, "起" * 38),
    _line(2, "前" * 39 + "。"),
    _line(3, "后" * 35),
    _line(4, "Administration " + "文" * 20 + "完。"),
)


def test_an_open_boundary_is_reported_and_read_as_running_on():
    blocks, ambiguities = split_blocks(_OPEN, MEASURE, "f.txt")
    assert [[line.number for line in b.lines] for b in blocks] == [[1, 2, 3, 4]]
    (ambiguity,) = ambiguities
    assert (ambiguity.path, ambiguity.line, ambiguity.reading, ambiguity.settled) == ("f.txt", 3, CONTINUE, False)
    assert ambiguity.before == "…" + ("起" * 38 + "前" * 39 + "。")[-60:]
    assert ambiguity.after.startswith("后" * 35 + " Administration")
    assert ambiguity.key == "前" * 11 + "。|" + "后" * 12
    assert "f.txt:3: paragraph boundary not clear from the layout, read as the same paragraph" in ambiguity.message()


def test_a_decision_settles_an_open_boundary():
    decision = Decision("前前。", "后后后", PARAGRAPH, "layout.yml", 3)
    blocks, (ambiguity,) = split_blocks(_OPEN, MEASURE, "f.txt", (decision,))
    assert [[line.number for line in b.lines] for b in blocks] == [[1, 2], [3, 4]]
    assert ambiguity.settled and ambiguity.reading == PARAGRAPH and ambiguity.decision == decision
    other = Decision("别处。", "后后后", PARAGRAPH, "layout.yml", 4)
    assert split_blocks(_OPEN, MEASURE, "f.txt", (other,))[1][0].settled is False


def test_a_short_last_line_after_a_full_one_is_open():
    # "后…。" may be the paragraph's last line, or a paragraph of one line.
    lines = (_line(1, "起" * 38), _line(2, "前" * 39 + "。"), _line(3, "后" * 20 + "。"), _line(4, "再" * 38))
    blocks, (ambiguity,) = split_blocks(lines + (_line(5, "完。"),), MEASURE)
    assert ambiguity.line == 3 and ambiguity.reading == CONTINUE
    assert [[line.number for line in b.lines] for b in blocks] == [[1, 2, 3], [4, 5]]


@pytest.mark.parametrize(
    ("third", "blocks"),
    [
        ("后" * 39, [[1, 2, 3, 4]]),  # too wide for a first line: it runs on
        ("后" * 38, [[1, 2], [3, 4]]),  # a first line: full to 38 em, not to 40
    ],
)
def test_certain_readings_are_not_reported(third, blocks):
    lines = (_line(1, "起" * 38), _line(2, "前" * 39 + "。"), _line(3, third), _line(4, "文" * 20 + "完。"))
    found, ambiguities = split_blocks(lines, MEASURE)
    assert ambiguities == ()
    assert [[line.number for line in b.lines] for b in found] == blocks


def test_a_boundary_that_depends_on_an_open_one_is_open_too():
    # Line 3 is a full first line (38 em) if a paragraph starts there, a short later line if not;
    # line 4 is too wide to be a first line.
    lines = (
        _line(1, "起" * 38),
        _line(2, "前" * 39 + "。"),
        _line(3, "中" * 36 + "。"),
        _line(4, "后" * 39),
        _line(5, "完成了。"),
    )
    blocks, ambiguities = split_blocks(lines, MEASURE)
    assert [(a.line, a.reading) for a in ambiguities] == [(3, CONTINUE), (4, PARAGRAPH)]
    assert [[line.number for line in b.lines] for b in blocks] == [[1, 2, 3], [4, 5]]
    settled = (Decision("前前。", "中中中", PARAGRAPH, "layout.yml", 1),)
    blocks, ambiguities = split_blocks(lines, MEASURE, "f.txt", settled)
    assert [[line.number for line in b.lines] for b in blocks] == [[1, 2], [3, 4, 5]]
    assert [(a.line, a.settled) for a in ambiguities] == [(3, True)]


@pytest.mark.parametrize("space", [0.0, 0.25, 0.5])
def test_space_width_is_the_columns(space):
    # Six spaces: at half an em the line is full, measured at a quarter it would look short.
    text = "前" * 31 + " 2 0 2 5 年 止" + "。"
    width = Column(40.0, space).width(text)
    lines = (_line(1, "起" * 38), _line(2, text), _line(3, "后" * 38), _line(4, "完。"))
    blocks, _ = split_blocks(lines, Column(40.0, space))
    if width + 1 > 39.5:
        assert [[line.number for line in b.lines] for b in blocks] == [[1, 2, 3, 4]]
    else:
        assert [[line.number for line in b.lines] for b in blocks] == [[1, 2], [3, 4]]
