"""Document -> the References pages: all notes, where each is cited, URLs as links."""

from __future__ import annotations

import lxml.html
import pytest
from conftest import seed_text, to_html
from trump2_web_edition.edition.parse import parse_bytes
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.markdown import GENERATED, PageContext
from trump2_web_edition.edition.render.references import citations_of, render_references
from trump2_web_edition.edition.render.site import render_site


@pytest.fixture(scope="module")
def pages(seed_document):
    return {page.path: page.text for page in render_site(seed_document)}


def _items(text: str):
    tree = lxml.html.fromstring(f"<div>{to_html(text)}</div>")
    return tree.xpath("//ol[@class='edition-references']/li")


@pytest.mark.parametrize("name", ["references.md", "references.en.md"])
def test_every_note_listed_in_order_with_its_urls(seed_document, pages, name):
    text = pages[name]
    assert GENERATED.split("{", 1)[0] in text
    items = _items(text)
    assert [li.get("id") for li in items] == [f"note-{n.number}" for n in seed_document.notes]
    assert len(items) == 42
    for li, note in zip(items, seed_document.notes, strict=True):
        assert li.get("value") == str(note.number)
        links = li.xpath(".//p[@class='note-text']//a/@href")
        assert links == list(note.urls)
        assert "".join(li.xpath(".//p[@class='note-text']")[0].text_content().split()) == "".join(note.text.split())


def test_where_each_note_is_cited(seed_document, pages):
    zh, en = _items(pages["references.md"]), _items(pages["references.en.md"])
    for note, li_zh, li_en in zip(seed_document.notes, zh, en, strict=True):
        section = seed_document.section_of_note(note.number)
        paragraph = next(p for p in section.paragraphs if note.number in p.note_numbers)
        page = "" if section.heading is None else f"{section.id}/"
        assert f"../{page}#{paragraph.id}" in li_zh.xpath(".//p[@class='note-cited']/a/@href")
        assert f"../{page}#{paragraph.id}" in li_en.xpath(".//p[@class='note-cited']/a/@href")
        cited_zh = li_zh.xpath(".//p[@class='note-cited']")[0].text_content()
        assert f"原文第 {note.page} 页注 {note.page_number}" in cited_zh
        assert section.heading.text in cited_zh
        cited_en = li_en.xpath(".//p[@class='note-cited']")[0].text_content()
        assert f"original p.\u00a0{note.page}, note\u00a0{note.page_number}" in cited_en


def test_note_cited_twice_lists_both_places():
    # In the seed every note is cited once; cite note 1 again from the next paragraph (same page).
    text = seed_text()
    again = "而紧密联系。[2]"
    assert text.count(again) == 1
    document = parse_bytes(text.replace(again, again + "[1]").encode("utf-8"), "twice.txt")
    places = citations_of(document, 1, {})
    assert [c.paragraph_id for c in places] == ["s1-p2", "s1-p3"]
    zh = render_references(document, PageContext("references", "zh", Edition(), "x"), {})
    (item,) = lxml.html.fromstring(f"<div>{to_html(zh)}</div>").xpath("//li[@id='note-1']")
    assert [a.get("href") for a in item.xpath(".//p[@class='note-cited']/a")] == ["../s1/#s1-p2", "../s1/#s1-p3"]


def test_chinese_notes_are_marked_chinese_on_the_english_page(pages):
    items = _items(pages["references.en.md"])
    assert items[0].xpath(".//span[@lang='zh']")  # note 1 is a Chinese source
    assert not items[4].xpath(".//span[@lang='zh']")  # note 5 is the White House's
