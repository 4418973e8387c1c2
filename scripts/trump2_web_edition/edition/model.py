"""The document model: what the parser produces and every renderer consumes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar


@dataclass(frozen=True)
class SourceSpan:
    """Where a block came from: 1-based source lines and (detected) pages, inclusive."""

    first_line: int
    last_line: int
    first_page: int
    last_page: int

    def to_dict(self) -> dict[str, int]:
        return {
            "first_line": self.first_line,
            "last_line": self.last_line,
            "first_page": self.first_page,
            "last_page": self.last_page,
        }


@dataclass(frozen=True)
class Text:
    """Plain text, shown exactly as written."""

    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": "text", "text": self.text}


@dataclass(frozen=True)
class Link:
    """A URL cited in the text; it is shown as written and links to itself."""

    url: str

    def to_dict(self) -> dict[str, Any]:
        return {"type": "link", "url": self.url}


@dataclass(frozen=True)
class NoteRef:
    """A reference to a note by its number through the whole document (1-based)."""

    number: int

    def to_dict(self) -> dict[str, Any]:
        return {"type": "note_ref", "number": self.number}


@dataclass(frozen=True)
class TranslatorNoteRef:
    """A reference to a translator's note of the English edition (never in the Chinese text).

    ``number`` counts the translator's notes of one translated part from 1 (``[^t1]``).
    """

    number: int

    def to_dict(self) -> dict[str, Any]:
        return {"type": "translator_note_ref", "number": self.number}


Inline = Text | Link | NoteRef | TranslatorNoteRef

T = TypeVar("T")


def fold_inlines(
    inlines: tuple[Inline, ...],
    text: Callable[[str, int], T],
    link: Callable[[str, int], T],
    note: Callable[[int, int], T],
    translator_note: Callable[[int, int], T] | None = None,
) -> list[T]:
    """The one walk over inlines: each inline mapped by the function for its kind, with its position.

    Every renderer (Markdown, HTML, plain and marked text) is such a walk; ``translator_note``
    defaults to dropping the reference (only the English renderer shows them).
    """
    out: list[T] = []
    for index, inline in enumerate(inlines):
        if isinstance(inline, Text):
            out.append(text(inline.text, index))
        elif isinstance(inline, Link):
            out.append(link(inline.url, index))
        elif isinstance(inline, NoteRef):
            out.append(note(inline.number, index))
        elif translator_note is not None:
            out.append(translator_note(inline.number, index))
    return out


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The text of inlines without note references."""
    return "".join(fold_inlines(inlines, lambda t, _: t, lambda u, _: u, lambda _n, _i: ""))


@dataclass(frozen=True)
class TextLine:
    """A short piece of front or back matter (title, author, editors)."""

    text: str
    span: SourceSpan

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": self.span.to_dict()}


@dataclass(frozen=True)
class Paragraph:
    id: str
    inlines: tuple[Inline, ...]
    span: SourceSpan

    @property
    def text(self) -> str:
        return plain_text(self.inlines)

    @property
    def note_numbers(self) -> tuple[int, ...]:
        return tuple(i.number for i in self.inlines if isinstance(i, NoteRef))

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "paragraph",
            "id": self.id,
            "inlines": [i.to_dict() for i in self.inlines],
            "span": self.span.to_dict(),
        }


@dataclass(frozen=True)
class Heading:
    """A heading: level 1 opens a section (一、, 结语), level 2 a subsection (（一）)."""

    id: str
    level: int
    text: str
    span: SourceSpan

    def to_dict(self) -> dict[str, Any]:
        return {"type": "heading", "id": self.id, "level": self.level, "text": self.text, "span": self.span.to_dict()}


Block = Paragraph | Heading


@dataclass(frozen=True)
class Note:
    """A footnote, numbered through the document, remembering its page-local number."""

    number: int
    printed_page: int  # the page of the printed article it stands on
    number_on_page: int  # its number there ([1] on each printed page)
    inlines: tuple[Inline, ...]
    span: SourceSpan
    date: dt.date | None = None  # the date the note gives (of its first URL's citation), parsed once

    @property
    def text(self) -> str:
        return plain_text(self.inlines)

    @property
    def urls(self) -> tuple[str, ...]:
        return tuple(i.url for i in self.inlines if isinstance(i, Link))

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "page": self.printed_page,
            "page_number": self.number_on_page,
            "inlines": [i.to_dict() for i in self.inlines],
            "span": self.span.to_dict(),
            "date": self.date.isoformat() if self.date else None,
        }


@dataclass(frozen=True)
class Section:
    """One top-level part of the article; the opening part has no heading."""

    id: str
    heading: Heading | None
    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def note_numbers(self) -> tuple[int, ...]:
        return tuple(n for p in self.paragraphs for n in p.note_numbers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "heading": self.heading.to_dict() if self.heading else None,
            "blocks": [b.to_dict() for b in self.blocks],
        }


@dataclass(frozen=True)
class EnglishMatter:
    """The author's own English title, name, abstract and key words."""

    title: TextLine
    author: TextLine
    abstract: Paragraph
    keywords: tuple[str, ...]
    keywords_span: SourceSpan

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title.to_dict(),
            "author": self.author.to_dict(),
            "abstract": self.abstract.to_dict(),
            "keywords": list(self.keywords),
            "keywords_span": self.keywords_span.to_dict(),
        }


@dataclass(frozen=True)
class Document:
    source_name: str
    title: TextLine
    author: TextLine
    abstract: Paragraph
    keywords: tuple[str, ...]
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    editors: TextLine | None
    english: EnglishMatter
    page_count: int = field(default=1)

    def note(self, number: int) -> Note:
        return self.notes[number - 1]

    def section_of_note(self, number: int) -> Section:
        """The section whose text cites the note."""
        for section in self.sections:
            if number in section.note_numbers:
                return section
        raise KeyError(number)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_name": self.source_name,
            "page_count": self.page_count,
            "title": self.title.to_dict(),
            "author": self.author.to_dict(),
            "abstract": self.abstract.to_dict(),
            "keywords": list(self.keywords),
            "sections": [s.to_dict() for s in self.sections],
            "notes": [n.to_dict() for n in self.notes],
            "editors": self.editors.to_dict() if self.editors else None,
            "english": self.english.to_dict(),
        }
