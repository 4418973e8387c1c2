"""markdown_ext.decorations: ¶, report links and revision marks added at build time, from the edition's settings."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import lxml.html
import markdown
from conftest import ROOT
from trump2_web_edition.edition.render.markdown import GENERATED

EXTENSIONS = ["trump2_web_edition.markdown_ext", "footnotes", "attr_list"]
SETTINGS = {
    "edition": "1.1",
    "site_url": "https://example-owner.github.io/web-edition/",
    "repository": "https://github.com/example-owner/web-edition",
    "revised": ["s1-p2", "note-3"],
    "revised_en": ["s1-p4"],
}
PAGE = "甲。[^3]\n{ #s1-p2 }\n\n乙。\n{ #s1-p4 }\n\n作者\n{ #author }\n\n[^3]: 注三。\n"


def _render(text: str, page: str = "s1", lang: str = "zh", **settings: object) -> lxml.html.HtmlElement:
    mark = GENERATED.format(source="source/x.txt", page=page, lang=lang)
    html = markdown.markdown(
        f"{mark}\n\n{text}",
        extensions=EXTENSIONS,
        extension_configs={"trump2_web_edition.markdown_ext": settings},
    )
    return lxml.html.fromstring(f"<div>{html}</div>")


def test_every_paragraph_with_an_id_gets_a_permalink_and_a_report_link():
    page = _render(PAGE, **SETTINGS)
    for pid in ("s1-p2", "s1-p4"):
        (permalink,) = page.xpath(f"//p[@id='{pid}']/span[@class='edition-para-links']/a[@class='headerlink']")
        assert permalink.get("href") == f"#{pid}" and permalink.text == "¶"
        (report,) = page.xpath(f"//p[@id='{pid}']/span/a[@class='edition-report']/@href")
        parts = urlsplit(report)
        assert (parts.netloc, parts.path) == ("github.com", "/example-owner/web-edition/issues/new")
        body = parse_qs(parts.query)["body"][0]
        assert f"https://example-owner.github.io/web-edition/1.1/s1/#{pid}" in body and "1.1" in body
    assert not page.xpath("//p[@id='author']/span")  # not a paragraph of the text


def test_revision_marks_on_revised_paragraphs_and_notes_only():
    page = _render(PAGE, **SETTINGS)
    (mark,) = page.xpath("//p[@id='s1-p2']//a[@class='edition-revised']")
    assert mark.text == "修订于 1.1" and mark.get("href") == "../changes/#change-s1-p2"
    assert not page.xpath("//p[@id='s1-p4']//a[@class='edition-revised']")  # its English was revised, not this
    (note_mark,) = page.xpath("//li[@id='fn:3']//a[@class='edition-revised']")
    assert note_mark.getnext().get("class") == "footnote-backref"  # before the back-link, as in the text
    english = _render(PAGE, lang="en", **SETTINGS)
    assert english.xpath("//p[@id='s1-p4']//a[@class='edition-revised']")[0].text == "revised in 1.1"
    assert english.xpath("//p[@id='s1-p4']//a[@class='edition-revised']/@href") == ["../changes/#change-s1-p4"]


def test_the_draft_has_permalinks_but_no_report_link_to_an_unknown_repository():
    page = _render(PAGE)
    assert page.xpath("//p[@id='s1-p2']/span/a[@class='headerlink']")
    assert not page.xpath("//a[@class='edition-report'] | //a[@class='edition-revised']")


def test_a_page_the_converter_did_not_write_is_left_alone():
    html = markdown.markdown("甲。\n{ #s1-p2 }\n", extensions=EXTENSIONS)
    assert "edition-para-links" not in html


def test_docs_holds_text_not_decorations():
    for page in (ROOT / "docs").glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for decoration in ("issues/new", "OWNER/REPO", "edition-para-links", "edition-revised", "headerlink"):
            assert decoration not in text, (page.name, decoration)
