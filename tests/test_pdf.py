"""The PDF offprints (publishing/pdf.py): the whole text in order, notes at the foot, fonts, metadata, same bytes."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from trump2_web_edition.edition.ids import note_id
from trump2_web_edition.edition.model import NoteRef, Text, plain_text
from trump2_web_edition.edition.render.english import EnglishEdition
from trump2_web_edition.edition.render.print_html import PrintInput, render_print_html
from trump2_web_edition.publishing.pdf import build_pdf

NAMES = {"zh": "article-zh.pdf", "en": "article-en.pdf"}
CJK = re.compile(r"[\u3400-\u9fff]")
SPACED_CJK = re.compile(r"[\u3400-\u9fff] +[\u3400-\u9fff]")

if shutil.which("pdftotext") is None:  # poppler-utils (scripts/setup_system.sh)
    if os.environ.get("CI") == "true":
        raise RuntimeError("pdftotext is missing: install poppler-utils (scripts/setup_system.sh)")
    pytest.skip("poppler-utils is not installed", allow_module_level=True)


def _tool(name: str, pdf: bytes, *args: str) -> str:
    return subprocess.run([name, *args, "-", "-"] if name == "pdftotext" else [name, *args, "-"], input=pdf,
                          capture_output=True, check=True).stdout.decode("utf-8")  # fmt: skip


def _info(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout


def _catalog(pdf: bytes) -> dict:
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    return PDFDocument(PDFParser(io.BytesIO(pdf))).catalog


def _link_targets(pdf: bytes) -> set[str]:
    """The URIs of the PDF's link annotations (what a reader's click opens)."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdftypes import resolve1

    found = set()
    for page in PDFPage.get_pages(io.BytesIO(pdf)):
        for annotation in resolve1(page.annots) or []:
            action = resolve1(resolve1(annotation).get("A"))
            if action and resolve1(action.get("URI")):
                found.add(resolve1(action["URI"]).decode())
    return found


def _squeeze(text: str) -> str:
    """Text without spaces and hyphens: pdftotext joins a line ending in a hyphen to the next without it
    (a URL broken after its hyphen reads back without it; the links themselves are checked whole)."""
    return re.sub(r"[\s-]+", "", text)


def _pages(pdf: bytes) -> list[str]:
    return _tool("pdftotext", pdf, "-enc", "UTF-8").split("\f")[:-1]


def _sentences(text: str) -> list[str]:
    return [_squeeze(s) for s in re.split(r"[。！？]", text) if _squeeze(s)]


def _body_stream(pages: list[str], notes: dict[int, str]) -> tuple[str, dict[int, int]]:
    """The text of the pages without their footnotes, joined, and the page each note is printed on."""
    stream, found = [], {}
    for number, page in enumerate(pages, start=1):
        text = _squeeze(page)
        for note, note_text in notes.items():
            printed = f"{note}.{note_text}"
            if printed in text:
                found[note] = number
                text = text.replace(printed, "")
        # The running head (first line) and the page number (last) belong to no sentence.
        lines = [line for line in page.splitlines() if line.strip()]
        if number > 1 and lines:
            text = text.removeprefix(_squeeze(lines[0]))
            if len(lines) > 1 and ("版" in lines[1] or "Edition" in lines[1]):
                text = text.removeprefix(_squeeze(lines[1]))
        text = text.removesuffix(str(number))
        stream.append(text)
    return "".join(stream), found


def _in_order(sentences: list[str], stream: str) -> list[str]:
    missing, position = [], 0
    for sentence in sentences:
        at = stream.find(sentence, position)
        if at < 0:
            missing.append(sentence)
        else:
            position = at + len(sentence)
    return missing


def test_chinese_every_sentence_in_order_and_notes_at_the_foot(offprints):
    document = offprints.conversion.document
    pages = _pages(offprints.files["article-zh.pdf"])
    notes = {n.number: _squeeze(n.text) for n in document.notes}
    stream, found = _body_stream(pages, notes)
    assert sorted(found) == list(range(1, 43))
    assert list(found.values()) == sorted(found.values())
    paragraphs = [p for s in document.sections for p in s.paragraphs]
    sentences = [s for p in (document.abstract, *paragraphs, document.english.abstract) for s in _sentences(p.text)]
    assert _in_order(sentences, stream) == []
    # Each note is at the foot of the page that cites it (the words before its call are on that page), or,
    # when that page has no room left, of the next one: WeasyPrint's footnote-policy "auto", as GCPM allows.
    for paragraph in paragraphs:
        for index, inline in enumerate(paragraph.inlines):
            if isinstance(inline, NoteRef) and index and isinstance(paragraph.inlines[index - 1], Text):
                before = _squeeze(paragraph.inlines[index - 1].text)[-6:]
                page = found[inline.number] - 1
                assert before in _squeeze(pages[page]) + _squeeze(pages[page - 1] if page else ""), inline.number


def test_english_every_sentence_in_order_and_every_note(offprints):
    conversion = offprints.conversion
    document = conversion.document
    english = EnglishEdition(document, conversion.metadata, conversion.translation)

    def shown(part: str, original: tuple) -> str:
        state = conversion.translation.get(part)
        return plain_text(english.english(state) if state.usable else original)

    notes = {n.number: _squeeze(shown(note_id(n.number), n.inlines)) for n in document.notes}
    # The translator's marks (T1…) stand in the text; the sentences of the translation have none.
    pages = [re.sub(r"T\d{1,2}", "", page) for page in _pages(offprints.files["article-en.pdf"])]
    stream, found = _body_stream(pages, notes)
    assert sorted(found) == list(range(1, 43))
    paragraphs = [p for s in document.sections for p in s.paragraphs]
    texts = [document.english.abstract.text] + [shown(p.id, p.inlines) for p in paragraphs]
    sentences = [_squeeze(s) for text in texts for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    # The superscript calls (1, T1) sit inside English sentences: compared without digits.
    digitless = re.sub(r"\d", "", stream)
    assert _in_order([re.sub(r"\d", "", s) for s in sentences], digitless) == []
    assert "Translator’s notes" in pages[-1] or "Translator’s notes" in pages[-2]


def test_no_spurious_spaces_between_chinese_characters(offprints):
    document = offprints.conversion.document
    source = "\n".join(
        [document.title.text, document.abstract.text]
        + [p.text for s in document.sections for p in s.paragraphs]
        + [n.text for n in document.notes]
        + [f"（责任编辑 {document.editors.text}）" if document.editors else ""]  # as the site prints it
    )
    allowed = {_squeeze_pair(m) for m in SPACED_CJK.findall(source)}
    text = _tool("pdftotext", offprints.files["article-zh.pdf"], "-enc", "UTF-8")
    spurious = {m for m in SPACED_CJK.findall(text) if _squeeze_pair(m) not in allowed}
    assert spurious == set()


def _squeeze_pair(match: str) -> str:
    return match[0] + " " + match[-1]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fonts_embedded_and_subset(offprints, lang):
    rows = _tool("pdffonts", offprints.files[NAMES[lang]]).splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row
    assert any("CJK" in row for row in rows)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_metadata_tagged_and_small(offprints, lang, tmp_path):
    document = offprints.conversion.document
    pdf = offprints.files[NAMES[lang]]
    info = _info(pdf, tmp_path)
    title = document.title.text if lang == "zh" else document.english.title.text
    author = document.author.text if lang == "zh" else document.english.author.text
    assert f"Title:           {title}" in info
    assert f"Author:          {author}" in info
    assert "Tagged:          yes" in info
    assert "CreationDate:    Tue Dec  1 00:00:00 2026 UTC" in info
    catalog = _catalog(pdf)
    assert catalog["Lang"] == (b"zh-CN" if lang == "zh" else b"en")
    assert "Outlines" in catalog  # bookmarks for the sections
    assert len(pdf) <= 2 * 1024 * 1024


def test_urls_are_live_links(offprints):
    for name in NAMES.values():
        links = _link_targets(offprints.files[name])
        assert [url for note in offprints.conversion.document.notes for url in note.urls if url not in links] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_same_inputs_same_bytes(offprints, lang):
    inputs = PrintInput(offprints.conversion.metadata, offprints.conversion.translation, offprints.edition)
    again = build_pdf(render_print_html(offprints.conversion.document, inputs, lang))
    assert again == offprints.files[NAMES[lang]]


def test_a_missing_cjk_font_is_one_line(tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig><cachedir>' + str(tmp_path) + "</cachedir></fontconfig>\n")
    code = (
        "from trump2_web_edition.publishing.pdf import PdfError, build_pdf\n"
        "try:\n    build_pdf('<html lang=\"zh-CN\"><p>中文</p></html>')\n"
        "except PdfError as error:\n    print(error)\n"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.stdout == "no CJK font found: install fonts-noto-cjk\n", result.stderr
