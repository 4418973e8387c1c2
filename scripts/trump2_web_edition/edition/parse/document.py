"""Pages -> Document: front matter, sections of headings and paragraphs, notes, back matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import ids
from ..cjk import is_wide
from ..errors import SourceError
from ..layout import Ambiguity, Decision, stale_decisions, stale_message
from ..measure import Column, ends_sentence, fit_column
from ..model import (
    Document,
    EnglishMatter,
    Heading,
    Note,
    NoteRef,
    Paragraph,
    Section,
    SourceSpan,
    TextLine,
)
from .back_matter import EDITORS_LINE, EN_ABSTRACT_LABEL, EN_KEYWORDS_LABEL, english_title_start
from .blocks import RawBlock, heading_level, split_blocks
from .dates import parse_note_date
from .inlines import Piece, join_wrapped_lines, to_inlines, tokenize_line
from .printed import NOTE_START, BodyLine, PrintedPage, RawNote

ABSTRACT_LABEL = re.compile(r"^\s*摘\s*要\s*[:：]\s*")
KEYWORDS_LABEL = re.compile(r"^\s*关\s*键\s*词\s*[:：]\s*")
_SPACE_BETWEEN_WIDE = re.compile(r"(?<=\S)\s+(?=\S)")


@dataclass(frozen=True)
class _Context:
    path: str
    numbers: dict[tuple[int, int], int]  # (page, page-local number) -> number in document


def _body_span(lines: tuple[BodyLine, ...]) -> SourceSpan:
    return SourceSpan(lines[0].number, lines[-1].number, lines[0].page, lines[-1].page)


def tidy_display_text(text: str) -> str:
    """Headings and labels are letter-spaced in print ("结  语"): drop spaces between wide characters."""
    return _SPACE_BETWEEN_WIDE.sub(
        lambda m: "" if is_wide(m.string[m.start() - 1]) and is_wide(m.string[m.end()]) else " ", text.strip()
    )


def _line_pieces(line: BodyLine, text: str, context: _Context | None, cited: set[int]) -> list[Piece]:
    if context is None:
        return tokenize_line(text, None)

    def resolve(local: int, _column: int) -> NoteRef:
        number = context.numbers.get((line.page, local))
        if number is None:
            raise SourceError(context.path, line.number, f"note marker [{local}] has no note [{local}] on its page")
        cited.add(number)
        return NoteRef(number)

    return tokenize_line(text, resolve)


def _paragraph(
    paragraph_id: str,
    lines: tuple[BodyLine, ...],
    context: _Context | None,
    cited: set[int],
    label: re.Pattern[str] | None = None,
) -> Paragraph:
    joined = []
    for index, line in enumerate(lines):
        text = line.text
        if index == 0 and label is not None:
            text = label.sub("", text, count=1)
        stripped = text.strip()
        joined.append((_line_pieces(line, stripped, context, cited), text != text.rstrip()))
    return Paragraph(paragraph_id, to_inlines(join_wrapped_lines(joined)), _body_span(lines))


def _note(raw: RawNote, number: int, page: int) -> Note:
    pieces = []
    for index, line in enumerate(raw.lines):
        text = NOTE_START.sub("", line.text, count=1) if index == 0 else line.text
        stripped = text.strip()
        pieces.append((tokenize_line(stripped, None), text != text.rstrip()))
    span = SourceSpan(raw.lines[0].number, raw.lines[-1].number, page, page)
    inlines = to_inlines(join_wrapped_lines(pieces))
    note = Note(number, raw.page, raw.page_number, inlines, span)
    # The note's date: the one its first URL was cited on (the last date before it), else its first date.
    first_url = note.text.find(note.urls[0]) if note.urls else -1
    return replace(note, date=parse_note_date(note.text, first_url if first_url >= 0 else None))


def _find(lines: tuple[BodyLine, ...], pattern: re.Pattern[str], start: int = 0) -> int:
    for index in range(start, len(lines)):
        if pattern.match(lines[index].text):
            return index
    return -1


def _rfind(lines: tuple[BodyLine, ...], pattern: re.Pattern[str]) -> int:
    for index in range(len(lines) - 1, -1, -1):
        if pattern.match(lines[index].text):
            return index
    return -1


def _sections(blocks: tuple[RawBlock, ...], context: _Context, cited: set[int]) -> tuple[Section, ...]:
    sections: list[Section] = []
    section_id, heading, body = ids.INTRO, None, []
    paragraphs = subsections = numbered = 0

    def close() -> None:
        if heading is not None or body:
            sections.append(Section(section_id, heading, tuple(body)))

    for block in blocks:
        text = tidy_display_text(block.lines[0].text)
        if block.level == 1:
            close()
            closing = text[0] not in "一二三四五六七八九十"
            numbered += 0 if closing else 1
            section_id = ids.CONCLUSION if closing else ids.section_id(numbered)
            heading = Heading(section_id, 1, text, _body_span(block.lines))
            body, paragraphs, subsections = [], 0, 0
        elif block.level == 2:
            subsections += 1
            body.append(Heading(ids.subsection_id(section_id, subsections), 2, text, _body_span(block.lines)))
        else:
            paragraphs += 1
            body.append(_paragraph(ids.paragraph_id(section_id, paragraphs), block.lines, context, cited))
    close()
    return tuple(sections)


def _english(lines: tuple[BodyLine, ...], path: str) -> tuple[EnglishMatter, int]:
    """The author's English matter at the end; returns it and the index where it starts."""
    last = lines[-1].number if lines else 1
    abstract_at = _rfind(lines, EN_ABSTRACT_LABEL)
    if abstract_at < 0:
        editors_at = _rfind(lines, EDITORS_LINE)
        if editors_at >= 0:
            raise SourceError(
                path,
                lines[editors_at].number,
                "the editors line is not followed by the English title, author, abstract and key words",
            )
        raise SourceError(path, last, "the file ends without the English abstract and key words: is it truncated?")
    keywords_at = _find(lines, EN_KEYWORDS_LABEL, abstract_at + 1)
    if keywords_at < 0:
        raise SourceError(path, lines[abstract_at].number, "the English abstract has no 'Key Words:' line after it")
    author_at = abstract_at - 1
    title_at = english_title_start([line.text for line in lines], author_at)
    if title_at >= author_at:
        raise SourceError(path, lines[abstract_at].number, "no English title and author before 'Abstract:'")
    title_lines = lines[title_at:author_at]
    title = _paragraph("title-en", title_lines, None, set())
    keyword_lines = lines[keywords_at:]
    keywords_text = _paragraph("keywords-en", keyword_lines, None, set(), EN_KEYWORDS_LABEL).text
    english = EnglishMatter(
        title=TextLine(title.text, title.span),
        author=TextLine(lines[author_at].text.strip(), _body_span(lines[author_at : author_at + 1])),
        abstract=_paragraph(ids.ENGLISH_ABSTRACT, lines[abstract_at:keywords_at], None, set(), EN_ABSTRACT_LABEL),
        keywords=tuple(k.strip() for k in re.split(r"[;；]", keywords_text) if k.strip()),
        keywords_span=_body_span(keyword_lines),
    )
    return english, title_at


@dataclass(frozen=True)
class Parsed:
    """A parsed source: the Document, and what the layout could not tell (and who settled it).

    ``ambiguities`` are every paragraph boundary the layout leaves open, settled by a decision
    or not; ``stale`` are the decisions whose text is nowhere in the source at ``path``.
    """

    document: Document
    path: str = "<source>"
    ambiguities: tuple[Ambiguity, ...] = ()
    stale: tuple[Decision, ...] = ()

    @property
    def unsettled(self) -> tuple[Ambiguity, ...]:
        return tuple(a for a in self.ambiguities if not a.settled)

    @property
    def settled(self) -> bool:
        """Every open boundary is settled, and every decision names a place in the text."""
        return not self.unsettled and not self.stale

    def warnings(self, layout_file: str = "source/layout.yml") -> tuple[str, ...]:
        """One line per unsettled boundary and per stale decision (``layout_file``: where decisions go)."""
        return tuple(a.message(layout_file) for a in self.unsettled) + tuple(
            stale_message(d, self.path) for d in self.stale
        )


def _fitted_column(body: tuple[BodyLine, ...]) -> Column:
    """The body's measure and space width, headings left out (they stop short)."""
    return fit_column([line.text for line in body if not (heading_level(line.text) and not ends_sentence(line.text))])


def build_document(
    pages: tuple[PrintedPage, ...], path: str, source_name: str, decisions: tuple[Decision, ...] = ()
) -> Parsed:
    """Assemble the Document from pages: the front matter, the body, the notes and the back matter.

    ``decisions`` (source/layout.yml) settle the paragraph boundaries the layout leaves open.
    """
    lines = tuple(line for page in pages for line in page.body)
    if not lines:
        raise SourceError(path, 1, "no text found")
    numbers: dict[tuple[int, int], int] = {}
    raw_notes: list[RawNote] = [note for page in pages for note in page.notes]
    for index, note in enumerate(raw_notes, start=1):
        numbers[(note.page, note.page_number)] = index
    context = _Context(path, numbers)

    abstract_at = _find(lines, ABSTRACT_LABEL)
    if abstract_at < 0:
        raise SourceError(path, lines[0].number, "no '摘要：' (abstract) line: cannot tell the front matter")
    if abstract_at < 2:
        raise SourceError(path, lines[abstract_at].number, "a title line and an author line must stand before '摘要：'")
    english, english_at = _english(lines, path)
    editors_at = english_at - 1 if english_at and EDITORS_LINE.match(lines[english_at - 1].text) else -1
    body = lines[abstract_at : editors_at if editors_at >= 0 else english_at]

    blocks, ambiguities = split_blocks(body, _fitted_column(body), path, decisions)
    cited: set[int] = set()
    abstract = _paragraph(ids.ABSTRACT, blocks[0].lines, context, cited, ABSTRACT_LABEL)
    rest = blocks[1:]
    keywords: tuple[str, ...] = ()
    if rest and rest[0].level == 0 and KEYWORDS_LABEL.match(rest[0].lines[0].text):
        text = _paragraph("keywords", rest[0].lines, None, set(), KEYWORDS_LABEL).text
        keywords = tuple(k.strip() for k in re.split(r"[;；，,]", text) if k.strip())
        rest = rest[1:]
    sections = _sections(rest, context, cited)

    notes = []
    for index, raw in enumerate(raw_notes, start=1):
        if index not in cited:
            raise SourceError(path, raw.lines[0].number, f"note [{raw.page_number}] is not cited on its page")
        notes.append(_note(raw, index, raw.page))

    title_lines = lines[: abstract_at - 1]
    editors = None
    if editors_at >= 0:
        names = EDITORS_LINE.match(lines[editors_at].text).group("names")  # type: ignore[union-attr]
        editors = TextLine(names.removeprefix("责任编辑").strip(), _body_span(lines[editors_at : editors_at + 1]))
    document = Document(
        source_name=source_name,
        title=TextLine(_paragraph("title", title_lines, None, set()).text, _body_span(title_lines)),
        author=TextLine(lines[abstract_at - 1].text.strip(), _body_span(lines[abstract_at - 1 : abstract_at])),
        abstract=abstract,
        keywords=keywords,
        sections=sections,
        notes=tuple(notes),
        editors=editors,
        english=english,
        page_count=len(pages),
    )
    stale = stale_decisions(decisions, "".join(line.text for line in body))
    return Parsed(document, path, ambiguities, stale)
