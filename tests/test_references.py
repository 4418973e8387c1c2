"""Document -> the References pages: all notes, where each is cited, URLs as links."""

from __future__ import annotations

import datetime as dt
import json

import lxml.html
import pytest
from conftest import seed_text, to_html
from trump2_web_edition.edition.parse import parse_bytes
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.markdown import GENERATED, PageContext
from trump2_web_edition.edition.render.references import archive_date, citations_of, render_references
from trump2_web_edition.edition.render.site import render_site
from trump2_web_edition.linkcheck.health import UrlHealth
from trump2_web_edition.linkcheck.results import ArchiveLookup, ArchiveStatus, Capture, Verdict


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
        assert f"原文第 {note.printed_page} 页注 {note.number_on_page}" in cited_zh
        assert section.heading.text in cited_zh
        cited_en = li_en.xpath(".//p[@class='note-cited']")[0].text_content()
        assert f"original p.\u00a0{note.printed_page}, note\u00a0{note.number_on_page}" in cited_en


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


# The link-health record as a build knows it: a verdict for two URLs, a verified capture for one, none for another.
UDN = "https://udn.com/news/story/6656/8532352"  # note 3
CLS = "https://m.cls.cn/detail/1433416"  # note 33
ASKED = dt.datetime(2026, 11, 24, 5, 0, tzinfo=dt.UTC)
CAPTURE = Capture(
    f"https://web.archive.org/web/20250301101112/{UDN}",
    dt.datetime(2025, 3, 1, 10, 11, 12, tzinfo=dt.UTC),
    "web.archive.org",
)
CHECKS = {
    UDN: UrlHealth(Verdict.OK, 0, "2026-11-23", ArchiveLookup(ArchiveStatus.FOUND, ASKED, CAPTURE)),
    CLS: UrlHealth(Verdict.BROKEN, 2, "2026-11-23", ArchiveLookup(ArchiveStatus.NONE, ASKED)),
}


def _references(document, lang: str, checks) -> lxml.html.HtmlElement:
    page = render_references(document, PageContext("references", lang, Edition(), "x"), {}, checks)
    return lxml.html.fromstring(f"<div>{to_html(page)}</div>")


def test_references_show_last_verdict_and_the_verified_capture(seed_document):
    tree = _references(seed_document, "zh", CHECKS)
    items = tree.xpath("//ol[@class='edition-references']/li")
    statuses = {li.get("id"): li.xpath(".//span[@class='link-status']") for li in items}
    assert statuses["note-3"][0].get("data-verdict") == "ok" and "2026-11-23" in statuses["note-3"][0].text
    assert statuses["note-33"][0].get("data-verdict") == "broken" and "连续 2 次失败" in statuses["note-33"][0].text
    assert statuses["note-2"][0].get("data-verdict") == "unchecked"
    assert sum(len(v) for v in statuses.values()) == sum(len(n.urls) for n in seed_document.notes) == 31
    (copy,) = tree.xpath("//li[@id='note-3']//p[@class='note-link']/a[@class='archived-copy']")
    assert (copy.get("href"), copy.text) == (CAPTURE.url, "存档于 2025-03-01")
    robust = {"data-originalurl": UDN, "data-versionurl": CAPTURE.url, "data-versiondate": "2025-03-01"}
    assert {k: copy.get(k) for k in robust} == robust
    (cited,) = tree.xpath(f"//li[@id='note-3']//p[@class='note-text']/a[@href='{UDN}']")
    assert {k: cited.get(k) for k in robust} == robust  # the cited link itself, Robust Links
    # Every Robust Links attribute on the page belongs to the one verified capture; no guessed address anywhere.
    assert len(tree.xpath("//*[@data-versionurl]")) == 2
    assert tree.xpath("//a[contains(@href, 'archive.org')]/@href") == [CAPTURE.url]
    (line,) = tree.xpath("//li[@id='note-3']//p[@class='note-link']")
    assert line.get("data-url") == UDN
    (listing,) = tree.xpath("//ol[@class='edition-references']")
    assert listing.get("data-health") == "../../link-health.json"
    words = json.loads(listing.get("data-words"))
    assert words["verdicts"]["broken"] == "失效" and words["none"] == "未找到存档" and words["months"] is None


@pytest.mark.parametrize(
    ("lang", "status", "text"),
    [
        ("zh", ArchiveStatus.NONE, "未找到存档"),
        ("en", ArchiveStatus.NONE, "no archived copy found"),
        ("zh", ArchiveStatus.UNVERIFIED, "存档无法核验"),
        ("en", ArchiveStatus.UNVERIFIED, "could not verify an archived copy"),
        ("en", None, "archives not asked yet"),
    ],
)
def test_no_capture_is_linked_where_none_is_verified(seed_document, lang, status, text):
    lookup = ArchiveLookup(status, ASKED, error="x") if status else None
    tree = _references(seed_document, lang, {CLS: UrlHealth(Verdict.BROKEN, 3, "2026-11-23", lookup)})
    (line,) = tree.xpath("//li[@id='note-33']//p[contains(@class, 'note-link')]")
    (copy,) = line.xpath("./*[@class='archived-copy']")
    assert (
        copy.tag == "span"
        and copy.text == text
        and copy.get("data-archive") == (str(status) if status else "not-asked")
    )
    # Dead, but with no verified copy to offer: the status stays first; nothing links an archive.
    assert [child.get("class") for child in line] == ["link-status", "archived-copy"]
    assert tree.xpath("//*[@data-versionurl]") == [] and not tree.xpath("//a[contains(@href, 'archive.org')]")


def test_a_url_failing_three_runs_shows_its_verified_copy_first(seed_document):
    checks = {UDN: UrlHealth(Verdict.BROKEN, 3, "2026-11-23", ArchiveLookup(ArchiveStatus.FOUND, ASKED, CAPTURE))}
    tree = _references(seed_document, "en", checks)
    (line,) = tree.xpath("//li[@id='note-3']//p[contains(@class, 'note-link')]")
    assert "link-dead" in line.get("class")
    assert [child.get("class") for child in line] == ["archived-copy", "link-status"]
    assert line[0].text == "the link is dead: read the copy archived 1 March 2025"
    assert "3 failed runs in a row" in line.text_content()
    assert json.loads(tree.xpath("//ol/@data-words")[0])["months"][2] == "March"


def test_english_dates_are_written_out():
    assert archive_date(dt.date(2025, 3, 1), "en") == "1 March 2025"
    assert archive_date(dt.date(2025, 3, 1), "zh") == "2025-03-01"
