"""Lines -> pages: body lines, footnote zones, page-local note numbers."""

from __future__ import annotations

import pytest
from edition.errors import SourceError
from edition.parse.printed import split_printed_pages
from edition.read import split_lines


def _pages(text: str):
    return split_printed_pages(split_lines(text), "f.txt")


SAMPLE = """ 标题
正文第一行。[1]
正文第二行[2]，未完
[1] 注一。
[2] 注二，
续行。
 续正文。[1]
[1] 第二页的注一。
 最后一页。
"""


def test_pages_and_notes():
    pages = _pages(SAMPLE)
    assert [p.number for p in pages] == [1, 2, 3]
    first, second, third = pages
    assert [line.text for line in first.body] == [" 标题", "正文第一行。[1]", "正文第二行[2]，未完"]
    assert [(n.page, n.page_number, [line.number for line in n.lines]) for n in first.notes] == [
        (1, 1, [4]),
        (1, 2, [5, 6]),
    ]
    assert [line.text for line in second.body] == [" 续正文。[1]"]
    assert [(n.page, n.page_number) for n in second.notes] == [(2, 1)]
    assert third.notes == () and [line.page for line in third.body] == [3]


def test_blank_lines_dropped_and_opens_block():
    pages = _pages(" 甲\n\n  乙\n丙\n")
    assert [(line.number, line.opens_block) for line in pages[0].body] == [(1, True), (3, False), (4, False)]


def test_marker_other_than_1_in_body_is_body():
    pages = _pages("正文\n[2] 不是注\n")
    assert len(pages[0].body) == 2 and pages[0].notes == ()


def test_duplicate_note_number():
    with pytest.raises(SourceError, match="duplicate note number \\[1\\]") as caught:
        _pages("正文[1]\n[1] 注一。\n[1] 又是注一。\n")
    assert caught.value.line == 3


def test_missing_note_number():
    with pytest.raises(SourceError, match="a note is missing") as caught:
        _pages("正文[1]\n[1] 注一。\n[3] 注三。\n")
    assert caught.value.line == 3


def test_seed_pages(seed_document):
    assert seed_document.page_count == 11
    per_page = [sum(1 for n in seed_document.notes if n.page == page) for page in range(1, 12)]
    assert per_page == [7, 6, 2, 2, 5, 5, 4, 6, 2, 3, 0]
    for note in seed_document.notes:
        earlier = [n for n in seed_document.notes if n.page == note.page and n.number < note.number]
        assert note.page_number == 1 + len(earlier)
