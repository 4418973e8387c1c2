"""Line pieces -> inlines: note markers, rejoined lines, ligatures, URLs."""

from __future__ import annotations

import pytest
from trump2_web_edition.edition.model import Link, NoteRef, Text
from trump2_web_edition.edition.parse.inlines import join_wrapped_lines, repair_ligatures, to_inlines, tokenize_line


def test_tokenize_without_resolver_keeps_text():
    assert tokenize_line("文字[1]", None) == ["文字[1]"]
    assert tokenize_line("", None) == []


def test_tokenize_markers():
    calls = []

    def resolve(number: int, column: int) -> NoteRef:
        calls.append((number, column))
        return NoteRef(number + 100)

    assert tokenize_line("甲[1] 乙[12]", resolve) == ["甲", NoteRef(101), " 乙", NoteRef(112)]
    assert calls == [(1, 1), (12, 6)]
    assert tokenize_line("[^1] [a]", resolve) == ["[^1] [a]"]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        ([(["中文行"], True), (["续行"], False)], ["中文行", "续行"]),
        ([(["中文行"], False), (["续行"], False)], ["中文行", "续行"]),
        ([(["English line"], True), (["continues"], False)], ["English line", " ", "continues"]),
        ([(["https://a.b/wp-"], False), (["content/x"], False)], ["https://a.b/wp-", "content/x"]),
        ([(["“引语”"], True), (["中文"], False)], ["“引语”", "中文"]),
        ([(["2024 年"], True), (["5 月"], False)], ["2024 年", " ", "5 月"]),
    ],
)
def test_join_wrapped_lines(lines, joined):
    assert join_wrapped_lines(lines) == joined


@pytest.mark.parametrize(
    ("text", "repaired"),
    [
        ("Artifi cial Intelligence", "Artificial Intelligence"),
        ("news/fi rstnews/1", "news/firstnews/1"),
        ("briefi ngs-statements", "briefings-statements"),
        ("digital-fi nancial-technology", "digital-financial-technology"),
        ("fi nancial", "financial"),
        ("wifi is", "wifi is"),
        ("sci-fi film", "sci-fi film"),
        ("Hi-Fi sound and hi-fi sound", "Hi-Fi sound and hi-fi sound"),
    ],
)
def test_repair_ligatures(text, repaired):
    assert repair_ligatures(text) == repaired


@pytest.mark.parametrize(
    ("text", "url", "after"),
    [
        ("见 https://a.cn/x.htm。", "https://a.cn/x.htm", "。"),
        ("see https://a.org/x.pdf.", "https://a.org/x.pdf", "."),
        ("见 https://a.cn/1，另", "https://a.cn/1", "，另"),
        ("（https://a.cn/q?x=1）", "https://a.cn/q?x=1", "）"),
        ("(https://a.org/b)", "https://a.org/b", ")"),
        ("https://a.org/wiki/A_(b)", "https://a.org/wiki/A_(b)", ""),
        ("日 ,https://www.rti.org.tw/news/view/id/2208774。", "https://www.rti.org.tw/news/view/id/2208774", "。"),
    ],
)
def test_urls(text, url, after):
    inlines = to_inlines([text])
    links = [i for i in inlines if isinstance(i, Link)]
    assert links == [Link(url)]
    assert "".join(i.text if isinstance(i, Text) else i.url for i in inlines) == text
    tail = inlines[-1]
    assert (tail.text if isinstance(tail, Text) else "") == after


def test_to_inlines_merges_text_and_keeps_refs():
    assert to_inlines(["甲", "乙", NoteRef(3), "丙"]) == (Text("甲乙"), NoteRef(3), Text("丙"))
    assert to_inlines(["https://x.org/fi ", "rst"]) == (Link("https://x.org/first"),)
