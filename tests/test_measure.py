"""Widths of printed lines (measure.py): characters, first units, overhangs, and a column's measure and space."""

from __future__ import annotations

import pytest
from trump2_web_edition.edition.cjk import is_wide
from trump2_web_edition.edition.measure import (
    Column,
    ends_sentence,
    first_unit_width,
    fit_column,
    line_width,
    overhang_width,
)
from trump2_web_edition.edition.parse.printed import split_printed_pages
from trump2_web_edition.edition.read import split_lines
from trump2_web_edition.edition.retypeset import PageSetup, retypeset


def test_widths():
    assert line_width("中文") == 2.0
    assert line_width("ab") == 1.0
    assert line_width("  中文[12]  ") == 2.5
    assert line_width("a b c", 0.5) == 2.5 and line_width("a b c", 0.0) == 1.5
    assert ends_sentence("句子。") and ends_sentence("句子。”[3]") and not ends_sentence("句子，")
    assert is_wide("中") and is_wide("“") and not is_wide("a")


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("文字", 1.0),
        ("“价值", 1.0),
        ("。后", 1.0),  # a closing mark stands where it must
        ("2020 年", 2.25),  # a word, and the space before it
        ("金。[3] 与此同时", 3.75),  # closing mark, note marker and a character glued by the space between
        ("约 翰", 2.25),
        ("Robert Bolton）", 3.25),
        ("", 0.0),
        ("[1] 注", 0.5),
    ],
)
def test_first_unit_width(text, width):
    assert first_unit_width(text) == width


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("推广应用。", 1.0),
        ("安全合作。”[2]", 2.5),
        ("累积竞选资金。[3] 与", 2.75),
        ("四是加速推进 AI ", 0.0),
        ("文字", 0.0),
    ],
)
def test_overhang_width(text, width):
    assert overhang_width(text) == width


def test_column_is_full():
    column = Column(40.0, 0.5)
    assert column.is_full("文" * 39, "字", 40.0, 0.5)
    assert not column.is_full("文" * 38, "字", 40.0, 0.5)
    assert column.is_full("文" * 36, "Administration", 40.0, 0.5)


def _body(text: str) -> list[str]:
    lines = [line.text for page in split_printed_pages(split_lines(text), "f") for line in page.body]
    start = next(i for i, line in enumerate(lines) if line.startswith("摘"))
    end = next(i for i, line in enumerate(lines) if "责任编辑" in line)
    return lines[start:end]


@pytest.mark.parametrize("space", [0.0, 0.125, 0.25, 0.5])
@pytest.mark.parametrize("width", [24, 41, 70])
def test_fit_column_finds_measure_and_space(seed_document, width, space):
    text = retypeset(seed_document, PageSetup(width=width, lines_per_page=40, space_width=space))
    column = fit_column(_body(text))
    assert abs(column.measure - width) <= 0.25
    assert abs(column.space - space) <= 0.1


def test_fit_column_on_the_seed(seed_document):
    from conftest import seed_text

    column = fit_column(_body(seed_text()))
    assert abs(column.measure - 41.0) <= 0.25 and abs(column.space - 0.25) <= 0.1
    assert fit_column(["文" * 30 + "。"]) == Column(31.0)
    assert fit_column([]) == Column(0.0)
    assert fit_column(["文" * 20, "文" * 20 + "。"], space=0.5) == Column(20.0, 0.5)
