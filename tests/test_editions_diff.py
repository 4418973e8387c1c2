"""edition.editions.diff: passages aligned by text, Chinese diffed by character, Latin by word."""

from __future__ import annotations

import dataclasses

from conftest import TRANSLATIONS, seed_text
from trump2_web_edition.edition.model import Paragraph, Text
from trump2_web_edition.edition.parse import parse_bytes
from trump2_web_edition.edition.translation import translated_inlines, translation_status
from trump2_web_edition.publishing.diff import compare, diff_html, passages


def _document(text: str):
    return parse_bytes(text.encode("utf-8"), "seed.txt")


def test_chinese_by_character_latin_by_word_notes_as_superscripts():
    assert diff_html("态势已然定型[^3]", "态势已经定型[^3]") == "态势已<del>然</del><ins>经</ins>定型<sup>3</sup>"
    assert diff_html("The quick brown fox.", "The quick red fox.") == "The quick <del>brown</del><ins>red</ins> fox."
    assert diff_html("a <b>", "a <i>") == "a &lt;<del>b</del><ins>i</ins>&gt;"  # shown as written


def test_the_same_text_has_no_change(seed_document):
    assert compare(seed_document, seed_document) == ()


def test_a_corrected_word_is_one_change_of_one_passage(seed_document):
    changed = _document(seed_text().replace("已然定型", "已经定型", 1))
    (change,) = compare(seed_document, changed)
    assert change.id == "s1-p1" and change.chinese_changed and not change.english_changed
    assert change.old.page == change.new.page == "s1"


def test_an_added_paragraph_does_not_make_the_later_ones_look_changed(seed_document):
    # A paragraph inserted after s1-p1: every later paragraph of the section gets a new id.
    section = seed_document.sections[1]
    first = section.paragraphs[0]
    added = Paragraph("s1-p2", (Text("新增的一段。"),), first.span)
    later = []
    for block in section.blocks[section.blocks.index(first) + 1 :]:
        if isinstance(block, Paragraph):
            number = int(block.id.rsplit("-p", 1)[1]) + 1
            block = dataclasses.replace(block, id=f"s1-p{number}")
        later.append(block)
    blocks = section.blocks[: section.blocks.index(first) + 1] + (added, *later)
    sections = list(seed_document.sections)
    sections[1] = dataclasses.replace(section, blocks=blocks)
    grown = dataclasses.replace(seed_document, sections=tuple(sections))
    (change,) = compare(seed_document, grown)
    assert change.old is None and change.new.id == "s1-p2" and change.chinese_changed


def test_a_renumbered_note_is_no_change_of_its_text(seed_document):
    body, notes = passages(seed_document)
    renumbered = tuple(
        dataclasses.replace(n, passage=dataclasses.replace(n.passage, id=f"note-{i + 2}", number=i + 2))
        for i, n in enumerate(notes)
    )
    assert [p.key for p in renumbered] == [p.key for p in notes]
    assert body[0].id == "title" and body[1].id == "abstract-p1" and notes[0].passage.kind == "note"


def test_a_revised_translation_is_a_change_of_its_english_only(seed_document):
    from trump2_web_edition.edition.translation import load_translations

    entries = load_translations(TRANSLATIONS)
    old = translation_status(seed_document, entries)
    revised = dict(entries)
    entry = entries["s1-p1"]
    revised["s1-p1"] = dataclasses.replace(entry, text=entry.text.replace("forcefully", "vigorously"))
    new = translation_status(seed_document, revised)
    (change,) = compare(seed_document, seed_document, old, new)
    assert change.id == "s1-p1" and change.english_changed and not change.chinese_changed
    assert "<ins>vigorously</ins>" in diff_html(change.old.english, change.new.english)
    assert translated_inlines(change.new.english)  # still a valid translation


def test_an_english_gone_stale_says_so(seed_document):
    from trump2_web_edition.edition.translation import load_translations

    entries = load_translations(TRANSLATIONS)
    changed = _document(seed_text().replace("已然定型", "已经定型", 1))
    before, after = translation_status(seed_document, entries), translation_status(changed, entries)
    (change,) = compare(seed_document, changed, before, after)
    assert change.chinese_changed and change.english_stale
