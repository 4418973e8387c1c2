"""Lines -> pages: body lines, footnote zones, page-local note numbers."""

from __future__ import annotations

import pytest
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.edition.parse.printed import split_printed_pages
from trump2_web_edition.edition.read import split_lines


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
    per_page = [sum(1 for n in seed_document.notes if n.printed_page == page) for page in range(1, 12)]
    assert per_page == [7, 6, 2, 2, 5, 5, 4, 6, 2, 3, 0]
    for note in seed_document.notes:
        earlier = [n for n in seed_document.notes if n.printed_page == note.printed_page and n.number < note.number]
        assert note.number_on_page == 1 + len(earlier)


# --- the last page's notes and this journal's back matter, in every order an extraction gives --

_PAGE_ONE = " 第一页正文。[1]\n\n[1] 第一页的注。\n"
_LAST_BODY = " 第二页正文，最后一段。[1]\n\n"
_LAST_NOTES = "[1]《第二页的注》，2025 年 1 月 22 日，https://example.com/\n\nnews/a.htm。\n\n"
_EDITORS = "( 责任编辑 金 奕 刘佳雁 )\n\n"
_ENGLISH = (
    "Research on the Trend of High-tech\nIndustry Cooperation\n\nWang Ziqi\n\n"
    "Abstract: The abstract.\nKey Words: One; Two\n"
)


def _last_page_texts(text: str) -> tuple[list[str], list[list[str]]]:
    pages = _pages(text)
    assert [[n.page_number for n in page.notes] for page in pages[:2]] == [[1], [1]]
    body = [line.text for page in pages[1:] for line in page.body]
    return body, [[line.text for line in note.lines] for note in pages[1].notes]


@pytest.mark.parametrize(
    "order",
    [
        _LAST_NOTES + _EDITORS + _ENGLISH,  # body, notes, editors line, English
        _EDITORS + _LAST_NOTES + _ENGLISH,  # body, editors line, notes, English
        _EDITORS + _ENGLISH + _LAST_NOTES,  # body, editors line, English, notes
    ],
    ids=["notes-editors-english", "editors-notes-english", "editors-english-notes"],
)
def test_last_page_notes_in_any_order(order):
    body, notes = _last_page_texts(_PAGE_ONE + _LAST_BODY + order)
    assert body == [
        " 第二页正文，最后一段。[1]",
        "( 责任编辑 金 奕 刘佳雁 )",
        "Research on the Trend of High-tech",
        "Industry Cooperation",
        "Wang Ziqi",
        "Abstract: The abstract.",
        "Key Words: One; Two",
    ]
    assert notes == [["[1]《第二页的注》，2025 年 1 月 22 日，https://example.com/", "news/a.htm。"]]


@pytest.mark.parametrize(
    "order",
    [_LAST_NOTES + _EDITORS + " " + _ENGLISH, _EDITORS + _LAST_NOTES + " " + _ENGLISH],
    ids=["notes-editors-english", "editors-notes-english"],
)
def test_english_on_a_page_of_its_own(order):
    pages = _pages(_PAGE_ONE + _LAST_BODY + order)
    assert len(pages) == 3
    assert pages[2].notes == () and pages[2].body[0].text.startswith(" Research")
    assert all(line.page == 3 for line in pages[2].body)
    assert [line.text for line in pages[1].body][-1] in (" 第二页正文，最后一段。[1]", "( 责任编辑 金 奕 刘佳雁 )")


def test_english_note_before_the_english_title():
    # An English note's last line has no Chinese either: its full stop ends it.
    notes = "[1] “Statement,” The White House, October 15, 2020, https://example.com/\nbriefings/a.\n"
    body, found = _last_page_texts(_PAGE_ONE + _LAST_BODY + _EDITORS + notes + _ENGLISH)
    assert found == [["[1] “Statement,” The White House, October 15, 2020, https://example.com/", "briefings/a."]]
    assert body[2] == "Research on the Trend of High-tech"


def test_notes_running_to_the_end_of_the_file():
    with pytest.raises(SourceError, match="run to the end of the file") as caught:
        _pages(_PAGE_ONE + _LAST_BODY + _LAST_NOTES)
    assert caught.value.line == 6  # where the last notes start


def test_notes_running_on_into_the_next_page():
    # The next page's first line lost its leading space: the short, finished note cannot go on.
    notes = "".join(f"[{n}] 第{n}条注" + "很" * 30 + "长，\n" + "续" * 30 + "，\n完。\n" for n in range(1, 6))
    text = " 正文。[1][2][3][4][5]\n" + notes + "第二页的正文没有开头的空格，\n"
    with pytest.raises(SourceError, match="note \\[5\\] ends on line 16, yet the note zone runs on") as caught:
        _pages(text + _EDITORS + _ENGLISH)
    assert caught.value.line == 17
    # With too few lines to know the notes' measure, nothing is refused.
    assert len(_pages(" 正文。[1]\n[1] 注" + "很" * 30 + "，\n完。\n正文。\n" + _EDITORS + _ENGLISH)) == 1


def test_second_note_zone_on_a_page_is_refused():
    with pytest.raises(SourceError, match="duplicate note number \\[1\\]"):
        _pages(_PAGE_ONE + _EDITORS + "[1] 又一个注一。\n" + _ENGLISH)


def test_notes_after_an_editors_line_with_nothing_after_them_are_the_documents_to_report():
    pages = _pages(_PAGE_ONE + _LAST_BODY + _EDITORS + _LAST_NOTES)
    assert pages[-1].body[-1].text == "( 责任编辑 金 奕 刘佳雁 )" and len(pages[-1].notes) == 1
