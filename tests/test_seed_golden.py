"""Golden checks on the seed article: counts, headings, URLs, note placement, repairs, nothing lost.

The golden model dump is tests/golden/document.json. After an intended change to the
parser, regenerate it with:

    UPDATE_GOLDEN=1 python -m pytest -q tests/test_seed_golden.py

(which runs ``python scripts/convert.py --check --dump-json tests/golden/document.json``),
then review the diff before committing.
"""

from __future__ import annotations

import json
import os
import re

import lxml.html
import pytest
from conftest import GOLDEN, SEED, nonspace, run_cli, seed_text, to_html
from trump2_web_edition.edition.model import Heading, NoteRef, Paragraph, Text
from trump2_web_edition.edition.render.site import render_site


def _blocks(document):
    return [block for section in document.sections for block in section.blocks]


def _paragraphs(document):
    return [b for b in _blocks(document) if isinstance(b, Paragraph)]


def _paragraph_with(document, snippet: str) -> Paragraph:
    found = [p for p in _paragraphs(document) if snippet in p.text]
    assert len(found) == 1, f"{snippet!r} is in {len(found)} paragraphs"
    return found[0]


def _note_cited_after(paragraph: Paragraph, text_end: str) -> int:
    """The note number cited right after the text that ends with ``text_end``."""
    for before, after in zip(paragraph.inlines, paragraph.inlines[1:], strict=False):
        if isinstance(before, Text) and before.text.rstrip().endswith(text_end) and isinstance(after, NoteRef):
            return after.number
    raise AssertionError(f"no note cited right after {text_end!r}")


def test_note_count_and_numbering(seed_document):
    notes = seed_document.notes
    assert len(notes) == 42
    assert [n.number for n in notes] == list(range(1, 43))
    cited = sorted(n for p in _paragraphs(seed_document) + [seed_document.abstract] for n in p.note_numbers)
    assert cited == list(range(1, 43)), "every note is cited exactly once"


def test_headings(seed_document):
    level1 = [s.heading for s in seed_document.sections if s.heading is not None]
    assert [(h.id, h.text[:2]) for h in level1] == [
        ("s1", "一、"),
        ("s2", "二、"),
        ("s3", "三、"),
        ("s4", "四、"),
        ("conclusion", "结语"),
    ]
    assert level1[-1].text == "结语"
    assert all(h.level == 1 for h in level1)
    level2 = [b for b in _blocks(seed_document) if isinstance(b, Heading)]
    assert len(level2) == 12
    assert all(h.level == 2 and re.match(r"^（[一二三四五]）", h.text) for h in level2)
    assert [h.id for h in level2] == [f"s1-{i}" for i in (1, 2, 3)] + [f"s2-{i}" for i in (1, 2, 3, 4)] + [
        f"s3-{i}" for i in (1, 2, 3, 4, 5)
    ]
    assert seed_document.sections[0].id == "intro" and seed_document.sections[0].heading is None


def test_urls_exact(seed_document):
    expected = (GOLDEN / "urls.txt").read_text(encoding="utf-8").split()
    assert len(expected) == 31
    got = [url for note in seed_document.notes for url in note.urls]
    assert got == expected
    assert sum(1 for note in seed_document.notes if note.urls) == 31
    assert all(len(note.urls) <= 1 for note in seed_document.notes)
    for url in got:
        assert not url.endswith(("。", ".", "，", ",")), url


@pytest.mark.parametrize(
    ("number", "url"),
    [
        (2, "https://www.cna.com.tw/news/firstnews/202001120004.aspx"),
        (7, "https://bidenwhitehouse.archives.gov/wp-content/uploads/2022/10/"),
        (24, "https://nsf-gov-resources.nsf.gov/pubs/2020/nsb20201/nsb20201.pdf"),
        (39, "http://www.news.cn/20250121/058ac6be29fb416faa0a17a14acee9f5/c.html"),
    ],
)
def test_chosen_note_urls(seed_document, number, url):
    (got,) = seed_document.note(number).urls
    assert got.startswith(url)


def test_note_attached_to_its_sentence(seed_document):
    paragraph = _paragraph_with(seed_document, "“相同的政治、经济和国际价值观”而紧密联系。")
    number = _note_cited_after(paragraph, "“相同的政治、经济和国际价值观”而紧密联系。")
    assert "《国际社会祝贺蔡连任" in seed_document.note(number).text
    assert seed_document.note(number).number_on_page == 2


def test_page_local_numbers_are_distinct_notes(seed_document):
    first = _paragraph_with(seed_document, "视角凸显对华战略博弈重要性。")
    second = _paragraph_with(seed_document, "视科技优势为霸权根基。")
    one = _note_cited_after(first, "视角凸显对华战略博弈重要性。")
    other = _note_cited_after(second, "视科技优势为霸权根基。")
    assert one != other
    assert (seed_document.note(one).printed_page, seed_document.note(one).number_on_page) == (1, 1)
    assert (seed_document.note(other).printed_page, seed_document.note(other).number_on_page) == (2, 1)
    assert "樊吉社" in seed_document.note(one).text
    assert "王栋、马涛" in seed_document.note(other).text


@pytest.mark.parametrize(
    ("snippet", "text_end"),
    [
        ("已成为决定中美博弈胜负的核心关键。", "已成为决定中美博弈胜负的核心关键。"),
        ("“最大隐患”。", "全“最大隐患”。"),
        ("确保美国在 AI 领域的全球领导地位。", "确保美国在 AI 领域的全球领导地位。"),
        ("循序建立所谓“台湾主体性的国家认同”。", "“台湾主体性的国家认同”。"),
    ],
)
def test_more_notes_cited_where_printed(seed_document, snippet, text_end):
    paragraph = _paragraph_with(seed_document, snippet)
    _note_cited_after(paragraph, text_end)


def _all_texts(document) -> list[str]:
    texts = [document.title.text, document.abstract.text]
    texts += [b.text for b in _blocks(document)]
    texts += [n.text for n in document.notes]
    texts += [document.english.title.text, document.english.abstract.text]
    return texts


def test_ligatures_repaired(seed_document):
    everything = "\n".join(_all_texts(seed_document))
    for word in ("firstnews", "Artificial", "briefings", "financial"):
        assert word in everything
    assert not re.search(r"fi [a-z]", everything), re.search(r".{20}fi [a-z].{20}", everything)


def test_paragraphs_rejoined_across_page_breaks(seed_document):
    paragraph = _paragraph_with(seed_document, "称将延续第一任期执政理念")
    assert paragraph.text.startswith("特朗普在 2024 年竞选期间")
    assert paragraph.span.first_page < paragraph.span.last_page
    for joined in ("极力迎合美对华科技竞争战略", "全球市占逾", "迫使中国大陆“知难而退”", "将 AI 技术研发及商业化"):
        paragraph = _paragraph_with(seed_document, joined.split("“")[0])
        assert nonspace(joined) in nonspace(paragraph.text)
        assert paragraph.span.first_page < paragraph.span.last_page


def test_front_and_back_matter(seed_document):
    assert seed_document.title.text == "特朗普 2.0 时期美台高科技产业合作趋势研究"
    assert seed_document.author.text == "王子旗"
    assert seed_document.abstract.text.startswith("强化美台高科技产业合作")
    assert seed_document.editors is not None and nonspace(seed_document.editors.text) == "金奕刘佳雁"
    english = seed_document.english
    assert english.author.text == "Wang Ziqi"
    assert english.title.text.startswith("Research on the Trend of High-tech Industry Cooperation Between the United")
    assert english.keywords == ("The United States", "Taiwan", "High-tech Industry", "Cross-Strait Relations")


def test_golden_document_json(tmp_path):
    golden = GOLDEN / "document.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        result = run_cli("--check", "--dump-json", golden)
        assert result.returncode in (0, 1), result.stderr
    dump = tmp_path / "document.json"
    result = run_cli(SEED, "--out", tmp_path / "docs", "--dump-json", dump)
    assert result.returncode == 0, result.stderr
    got = json.loads(dump.read_text(encoding="utf-8"))
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert got == expected, "the model changed: review, then regenerate with UPDATE_GOLDEN=1"


# --- nothing lost -------------------------------------------------------------------------

_NOTE_START = re.compile(r"^\s{0,3}\[(\d+)\]")
_MARKER = re.compile(r"\[\d+\]")
_EDITORS = re.compile(r"^\s*[(（]\s*责任编辑(?P<names>.*?)[)）]\s*$")


def _source_stream(text: str) -> tuple[str, str]:
    """The seed's characters, less the listed artifacts: (body text, then note text).

    Print layout: a page's footnote zone starts at a line beginning with ``[1]`` and runs
    until a line that begins with exactly one space (the next page's first line).
    """
    body: list[str] = []
    notes: list[str] = []
    in_notes = False
    for line in text.splitlines():
        if not line.strip():
            continue
        start = _NOTE_START.match(line)
        if in_notes and start is None and line.startswith(" ") and not line.startswith("  "):
            in_notes = False
        if start and (in_notes or start.group(1) == "1"):
            in_notes = True
            notes.append(line[start.end() :])
        elif in_notes:
            notes.append(line)
        else:
            editors = _EDITORS.match(line)
            body.append(editors.group("names") if editors else _MARKER.sub("", line))
    stream = nonspace("".join(body))
    for label in ("摘要：", "Abstract:", "KeyWords:"):
        assert stream.count(label) == 1, label
        stream = stream.replace(label, "", 1)
    return stream, nonspace("".join(notes))


def _document_stream(document) -> tuple[str, str]:
    """The Document's texts in reading order: front matter, body, editors, English matter; then the notes."""
    parts = [document.title.text, document.author.text, document.abstract.text, *document.keywords]
    for section in document.sections:
        if section.heading is not None:
            parts.append(section.heading.text)
        parts.extend(block.text for block in section.blocks)
    if document.editors is not None:
        parts.append(document.editors.text)
    english = document.english
    parts += [english.title.text, english.author.text, english.abstract.text, ";".join(english.keywords)]
    return nonspace("".join(parts)), nonspace("".join(note.text for note in document.notes))


def _assert_same(got: str, expected: str) -> None:
    if got != expected:
        pairs = enumerate(zip(got, expected, strict=False))
        at = next((i for i, (a, b) in pairs if a != b), min(len(got), len(expected)))
        shown = f"document {got[at - 30 : at + 30]!r} vs source {expected[at - 30 : at + 30]!r}"
        raise AssertionError(f"differs at {at}: {shown}")


def test_nothing_lost(seed_document):
    """Every non-whitespace character of the source is in the Document, in order.

    Order compared: the source's non-note lines then its note lines, against the Document's
    title, author, abstract, (keywords), sections, editors, English matter, then notes.
    Removed from the source: note markers [n] in the body and at note starts, the labels
    摘要：/Abstract:/Key Words:, and the editors line's parentheses and the word 责任编辑.
    """
    assert seed_document.keywords == ()  # the seed has no Chinese key words line
    source_body, source_notes = _source_stream(seed_text())
    body, notes = _document_stream(seed_document)
    _assert_same(body, source_body)
    _assert_same(notes, source_notes)


def _html_text(markdown_text: str) -> str:
    """The visible text of a page, without footnote numbers, back-links and permalinks."""
    tree = lxml.html.fromstring(f"<div>{to_html(markdown_text)}</div>")
    for element in tree.xpath("//sup | //a[contains(@class, 'footnote-backref')] | //a[@class='headerlink']"):
        element.drop_tree()
    return nonspace(tree.text_content())


def test_nothing_lost_in_markdown(seed_document):
    pages = {page.path: _html_text(page.text) for page in render_site(seed_document)}
    for section in seed_document.sections:
        page = pages["index.md" if section.heading is None else f"{section.id}.md"]
        position = 0
        texts = ([section.heading.text] if section.heading else []) + [b.text for b in section.blocks]
        for text in texts:
            found = page.find(nonspace(text), position)
            assert found >= 0, f"{text[:40]!r} missing or out of order on the page of {section.id}"
            position = found + len(nonspace(text))
        for number in section.note_numbers:
            assert nonspace(seed_document.note(number).text) in page
    home = pages["index.md"]
    for text in (seed_document.title.text, seed_document.author.text, seed_document.abstract.text):
        assert nonspace(text) in home
    english = seed_document.english
    for text in (english.title.text, english.author.text, english.abstract.text, *english.keywords):
        assert nonspace(text) in pages["index.en.md"]
    assert nonspace(seed_document.editors.text) in pages["conclusion.md"]
    everything = "".join(pages.values())
    for note in seed_document.notes:
        assert nonspace(note.text) in everything
