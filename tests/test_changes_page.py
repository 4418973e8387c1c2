"""publishing.changes_page: the What-changed page of an edition after the first."""

from __future__ import annotations

import dataclasses

import lxml.html
from conftest import TRANSLATIONS, to_html
from trump2_web_edition.edition import ids
from trump2_web_edition.edition.plan import build_plan
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.english import english_titles
from trump2_web_edition.edition.render.markdown import PageContext
from trump2_web_edition.edition.translation import load_translations, translation_status
from trump2_web_edition.publishing.changes_page import render_changes
from trump2_web_edition.publishing.diff import compare
from trump2_web_edition.publishing.registry import EditorNote

EDITION = Edition(version="1.1", previous="1.0")


def _pages(document, changes=(), note: EditorNote | None = None, status=None) -> dict[str, lxml.html.HtmlElement]:
    plan = build_plan(document)
    status = status or translation_status(plan, {})
    titles = english_titles(document, status)
    pages = {}
    for lang in ids.LANGUAGES:
        context = PageContext(ids.CHANGES, lang, EDITION, "source")
        text = render_changes(plan, changes, context, titles, note or EditorNote())
        pages[lang] = lxml.html.fromstring(f"<div>{to_html(text)}</div>")
    return pages


def test_no_change_to_the_text_says_so_under_the_editors_note(seed_document):
    pages = _pages(seed_document, note=EditorNote("只更正了译文。", "Only the translation was corrected."))
    assert "正文没有改动" in pages["zh"].text_content()
    assert "makes no change to the text" in pages["en"].text_content()
    (note,) = pages["zh"].xpath("//div[contains(@class, 'admonition')]")
    assert "只更正了译文。" in note.text_content()
    (note,) = pages["en"].xpath("//div[contains(@class, 'admonition')]")
    assert "Only the translation was corrected." in note.text_content()
    assert not pages["zh"].xpath("//h2[starts-with(@id, 'change-')]")


def test_a_translation_only_revision_is_listed_on_the_english_page_only(seed_document):
    entries = load_translations(TRANSLATIONS)
    revised = dict(entries)
    text = entries["s2-p1"].text.replace("gradually", "step by step", 1)
    revised["s2-p1"] = dataclasses.replace(entries["s2-p1"], text=text)
    old, new = translation_status(seed_document, entries), translation_status(seed_document, revised)
    changes = compare(seed_document, seed_document, old, new)
    assert [c.id for c in changes] == ["s2-p1"]
    pages = _pages(seed_document, changes, status=new)
    assert not pages["zh"].xpath("//h2[starts-with(@id, 'change-')]")
    (heading,) = pages["en"].xpath("//h2[starts-with(@id, 'change-')]")
    assert heading.get("id") == "change-s2-p1"
    text = pages["en"].text_content()
    assert "the Chinese is unchanged" in text and "step by step" in text
    assert pages["en"].xpath("//p[@class='edition-diff']//ins")


def test_entries_link_to_this_edition_and_the_previous_one(seed_document):
    from conftest import seed_text
    from trump2_web_edition.edition.parse import parse_bytes

    changed = parse_bytes(seed_text().replace("已然定型", "已经定型", 1).encode("utf-8"), "x.txt")
    pages = _pages(changed, compare(seed_document, changed))
    (links,) = pages["zh"].xpath("//p[@class='edition-change-links']")
    assert links.xpath(".//a/@href") == ["../s1/#s1-p1", "../../1.0/s1/#s1-p1"]
    (links,) = pages["en"].xpath("//p[@class='edition-change-links']")
    assert links.xpath(".//a/@href") == ["../s1/#s1-p1", "../../../1.0/en/s1/#s1-p1"]
