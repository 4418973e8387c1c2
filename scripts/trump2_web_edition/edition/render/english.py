"""Document + translation -> the English pages: each part in English, its Chinese original beside it."""

from __future__ import annotations

import html
import re

from .. import ids
from ..ids import note_id
from ..metadata import Metadata
from ..model import Document, Heading, Inline, Note, NoteRef, Paragraph, Section
from ..plan import Plan, as_plan
from ..translation import (
    CURRENT,
    MISMATCHED,
    STALE,
    TRANSLATOR_MARKER,
    ItemState,
    TranslationStatus,
    translated_inlines,
)
from .escape import escape_block, escape_text
from .head import head_fields, site_name
from .inlines import TranslatorMarks, to_markdown
from .markdown import PageContext, front_matter, heading_block, join_blocks, paragraph_block

FALLBACK_TITLES = {ids.CONCLUSION: "Conclusion"}
ORIGINAL = "Chinese original"
STALE_TITLE = "Translation out of date"
MISSING_TITLE = "Not yet translated"
MISMATCHED_TITLE = "Translation under review"
STALE_TEXT = (
    "The Chinese text has changed since this translation was made. Until the translation is revised,"
    " the current original below is the authoritative text."
)
MISSING_TEXT = "This part has not been translated yet; the Chinese original is shown."
MISMATCHED_TEXT = (
    "The translation of this part does not cite the same notes as the original; the Chinese original is shown."
)
TRANSLATOR_NOTES = "Translator’s notes"
# Python-Markdown's footnotes go here (its PLACE_MARKER), so the author's notes come before the translator's.
FOOTNOTES_HERE = "///Footnotes Go Here///"


class EnglishEdition:
    """The English pages of one document: translations by id, titles, and the translator's notes' numbers."""

    def __init__(self, source: Plan | Document, metadata: Metadata, status: TranslationStatus) -> None:
        plan = as_plan(source)
        document = plan.document
        self.plan = plan
        self.document = document
        self.metadata = metadata
        self.status = status
        self.translator_numbers = status.translator_note_numbers()
        self.titles = english_titles(document, status)

    # --- one part -----------------------------------------------------------------------------

    def english(self, state: ItemState) -> tuple[Inline, ...]:
        assert state.entry is not None
        return translated_inlines(state.entry.text, state.item.urls, len(self.document.notes))

    def marks(self, part: str) -> TranslatorMarks:
        """How the translator's notes of one part are cited: T1, T2… through the edition, linked to the list."""

        def mark(local: int) -> str:
            number = self.translator_numbers.get((part, local))
            if number is None:
                return ""
            return (
                f'<sup class="translator-ref" id="tnref-{number}">'
                f'<a href="#tn-{number}" title="Translator’s note T{number}">T{number}</a></sup>'
            )

        return mark

    def translator_notes_of(self, parts: list[str]) -> list[tuple[int, str]]:
        """(number, text) of the translator's notes the given parts cite, in number order."""
        found = []
        for part in parts:
            state = self.status.get(part)
            if state.usable and state.entry is not None:
                for local, text in enumerate(state.entry.translator_notes, start=1):
                    found.append((self.translator_numbers[(part, local)], text))
        return sorted(found)

    def note_inlines(self) -> dict[int, tuple[Inline, ...]]:
        """The English of every note whose translation is current, by note number."""
        found = {}
        for note in self.document.notes:
            state = self.status.get(note_id(note.number))
            if state.state == CURRENT:
                found[note.number] = self.english(state)
        return found

    # --- blocks ---------------------------------------------------------------------------------

    def heading(self, heading: Heading, context: PageContext) -> list[str]:
        """A heading in English with its Chinese title under it, linking to it in the original."""
        state = self.status.get(heading.id)
        original = (
            f'<a href="{context.href(context.page, "zh", heading.id)}" hreflang="zh" lang="zh">'
            f"{escape_text(heading.text)}</a>\n"
            '{ .original-heading data-search-exclude="" }'
        )
        if not state.usable:
            return [heading_block(heading, attributes='lang="zh"'), _untranslated(state)]
        assert state.entry is not None
        text = to_markdown(self.english(state), translator_marks=self.marks(heading.id))
        line = f"{'#' * heading.level} {text} {{ #{heading.id} }}"
        if state.state == CURRENT:
            return [line, original]
        return [line, _box(f'!!! warning "{STALE_TITLE}"', STALE_TEXT, original)]

    def paragraph(self, paragraph: Paragraph, context: PageContext) -> list[str]:
        """A paragraph in English under the Chinese paragraph's id, then its original (collapsed when current)."""
        state = self.status.get(paragraph.id)
        what = f"Paragraph {self.plan.passage(paragraph.id).number}"
        href = context.href(context.page, "zh", paragraph.id)
        goto = f'<a href="{href}" hreflang="zh">{what} in the original</a>\n{{ .original-link }}'
        if not state.usable:
            chinese = to_markdown(paragraph.inlines, block_start=True)
            return [_untranslated(state), paragraph_block(chinese, paragraph.id, 'lang="zh"'), goto]
        text = to_markdown(self.english(state), block_start=True, translator_marks=self.marks(paragraph.id))
        english = paragraph_block(text, paragraph.id)
        # The Chinese shown on English pages stays out of the English search index.
        chinese = to_markdown(paragraph.inlines, block_start=True, notes_as_references=False)
        original = f'{chinese}\n{{ lang="zh" data-search-exclude="" }}'
        if state.state == CURRENT:
            return [english, _box(f'??? quote "{ORIGINAL}"', original, goto)]
        return [english, _box(f'!!! warning "{STALE_TITLE}"', STALE_TEXT, original, goto)]

    def footnote(self, note: Note, context: PageContext) -> str:
        """A footnote: the translated note (citation as written, English in brackets), or the original marked."""
        state = self.status.get(note_id(note.number))
        chinese = f'<span lang="zh">{to_markdown(note.inlines)}</span>'
        if not state.usable:
            label = MISMATCHED_TITLE if state.state == MISMATCHED else MISSING_TITLE
            return f"[^{note.number}]: {chinese} ({label}.)"
        marks = self.marks(note_id(note.number))
        text = to_markdown(self.english(state), block_start=True, translator_marks=marks)
        if state.state == STALE:
            text += f" ({STALE_TITLE}; the original: {chinese})"
        return f"[^{note.number}]: {text}"

    # --- pages ----------------------------------------------------------------------------------

    def _cited(self, section: Section) -> list[int]:
        """The notes a section's English page cites: from the translation where it is shown, else the original."""
        numbers: set[int] = set()
        for paragraph in section.paragraphs:
            state = self.status.get(paragraph.id)
            inlines = self.english(state) if state.usable else paragraph.inlines
            numbers.update(i.number for i in inlines if isinstance(i, NoteRef))
        return sorted(numbers)

    def _closing_notes(self, section: Section | None, parts: list[str], context: PageContext) -> list[str]:
        """The author's notes (placed first), then the translator's notes the page cites."""
        numbers = self._cited(section) if section else []
        notes = [self.footnote(self.document.note(n), context) for n in numbers]
        translator = self.translator_notes_of(parts + [note_id(n) for n in numbers])
        if not translator:
            return notes
        return [FOOTNOTES_HERE, translator_notes_block(translator), *notes]

    def _body(self, section: Section, context: PageContext) -> list[str]:
        blocks: list[str] = []
        for block in section.blocks:
            if isinstance(block, Heading):
                blocks += self.heading(block, context)
            else:
                blocks += self.paragraph(block, context)
        return blocks

    def _problems(self, section: Section) -> int:
        parts = ((section.heading,) if section.heading else ()) + section.blocks
        return sum(self.status.get(b.id).state != CURRENT for b in parts)

    def _about(self, section: Section, context: PageContext, title: str) -> str:
        home = context.page == ids.HOME
        link = f'<a href="{context.href(context.page, "zh")}" hreflang="zh" lang="zh">{escape_text(title)}</a>'
        where = "the original" if home else "this section in the original"
        text = [
            (
                "The title, abstract and key words above are the author's own English. The rest of the article"
                " was translated into English for this edition."
                if home
                else "This English translation was prepared for this edition."
            ),
            f"The article was written in Chinese, and the Chinese original is authoritative: read {where},"
            f" {link}.",
            f"Under each paragraph, “{ORIGINAL}” opens the same paragraph in Chinese, with a link to its place"
            " in the original.",
        ]
        if self.translator_numbers:
            text.append(f"Notes marked T1, T2… are the translator’s, listed under “{TRANSLATOR_NOTES}”.")
        problems = self._problems(section)
        if problems:
            text.append(
                f"{problems} part{'s' if problems > 1 else ''} of this page {'are' if problems > 1 else 'is'}"
                " out of date or not yet translated: marked, with the Chinese shown."
            )
        label = "About this edition" if home else "About this translation"
        return _box(f'!!! info "{label}"', " ".join(text))

    def _front(self, context: PageContext, nav_title: str) -> str:
        name = site_name(self.document, "en")
        full = name if context.page == ids.HOME else f"{nav_title} - {name}"
        return front_matter(context, nav_title, head_fields(self.document, self.metadata, context, full))

    def section_page(self, section: Section, context: PageContext) -> str:
        """An English section page: heading, the notice, the aligned paragraphs, the editors, the notes."""
        assert section.heading is not None
        heading = self.heading(section.heading, context)
        closing = []
        parts = [section.heading.id, *(b.id for b in section.blocks)]
        if section is self.document.sections[-1] and self.document.editors is not None:
            state = self.status.get("editors")
            if state.usable and state.entry is not None:
                closing = [f"{escape_block(state.entry.text)}\n{{ .editors #editors }}"]
                parts.append("editors")
            else:
                editors = escape_text(self.document.editors.text)
                closing = [f'（责任编辑 {editors}）\n{{ .editors #editors lang="zh" }}']
        return join_blocks(
            self._front(context, self.titles[section.id]),
            heading[0],
            self._about(section, context, section.heading.text),
            heading[1:],
            self._body(section, context),
            closing,
            self._closing_notes(section, parts, context),
        )

    def home_page(self, context: PageContext, cite: str = "") -> str:
        """The English home page: the author's English title, abstract and key words, the opening, ``cite``."""
        document = self.document
        english = document.english
        opening = next((s for s in document.sections if s.heading is None), None)
        body = self._body(opening, context) if opening else []
        contents = [
            f'- <a href="{context.href(self.plan.section_pages[s.id], "en")}">{escape_text(self.titles[s.id])}</a>'
            for s in document.sections
            if s.heading
        ]
        about = self._about(opening, context, document.title.text) if opening else ""
        abstract_text = f"**Abstract:** {to_markdown(english.abstract.inlines)}"
        abstract = paragraph_block(abstract_text, english.abstract.id)
        parts = [b.id for b in opening.blocks] if opening else []
        return join_blocks(
            self._front(context, "Home"),
            f"# {escape_text(english.title.text)} {{ #title }}",
            f"{escape_block(english.author.text)}\n{{ .byline #author }}",
            abstract,
            f"**Key Words:** {escape_text('; '.join(english.keywords))}\n{{ #keywords }}",
            about,
            body,
            "Contents:",
            "\n".join(contents),
            cite,
            self._closing_notes(opening, parts, context),
        )


# A run of Chinese inside an English note (a quoted term): marked as Chinese for screen readers and fonts.
_CHINESE_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”]*")


def _note_html(text: str) -> str:
    escaped = html.escape(text, quote=False)
    return _CHINESE_RUN.sub(lambda m: f'<span lang="zh">{m[0]}</span>', escaped)


def translator_notes_block(notes: list[tuple[int, str]]) -> str:
    """The translator's notes of a page: a heading and a list, apart from the author's notes."""
    items = "".join(
        f'<li id="tn-{number}"><p><span class="translator-label">T{number}</span> {_note_html(text)}'
        f' <a class="translator-backref" href="#tnref-{number}" title="Back to the text">↩</a></p></li>'
        for number, text in notes
    )
    return f'## {TRANSLATOR_NOTES} {{ #translator-notes }}\n\n<ol class="translator-notes">{items}</ol>'


def english_titles(document: Document, status: TranslationStatus) -> dict[str, str]:
    """Section id -> English title: the translated heading, or a neutral one while it is untranslated."""
    titles = {}
    numbered = [s for s in document.sections if s.heading is not None]
    for number, section in enumerate(numbered, start=1):
        assert section.heading is not None
        state = status.get(section.heading.id)
        if state.usable and state.entry is not None:
            titles[section.id] = TRANSLATOR_MARKER.sub("", state.entry.text).strip()
        else:
            titles[section.id] = FALLBACK_TITLES.get(section.id, f"Part {number}")
    return titles


def _box(header: str, *blocks: str) -> str:
    """An admonition or a collapsible block (pymdownx.details) around Markdown blocks."""
    body = "\n\n".join(blocks)
    return header + "\n\n" + "\n".join(f"    {line}" if line else "" for line in body.split("\n"))


def _untranslated(state: ItemState) -> str:
    """The notice above a part shown in Chinese only."""
    if state.state == MISMATCHED:
        return _box(f'!!! warning "{MISMATCHED_TITLE}"', MISMATCHED_TEXT)
    return _box(f'!!! warning "{MISSING_TITLE}"', MISSING_TEXT)
