"""The render plan: what every renderer needs to know of the document, worked out once from the model.

Each passage (the title, the abstract, the key words, a heading, a paragraph, a note, the editors
line) with its id, its site page, its section and its number; the site's pages in reading order;
each note's passages that cite it. Renderers, the translation's status and What changed read the
plan, and never parse a number or a page back out of an id.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from . import ids
from .model import Document, Heading, Inline, Link, Paragraph, fold_inlines

# A note reference in a passage's text (and in a translation): the note's number through the document.
NOTE_REFERENCE = re.compile(r"\[\^(\d+)\]")
HASH_LENGTH = 12

TITLE = "title"
ABSTRACT = "abstract"
KEYWORDS = "keywords"
HEADING = "heading"
PARAGRAPH = "paragraph"
NOTE = "note"
EDITORS = "editors"
# What the English edition translates (it shows the author's own English title, abstract and key words).
TRANSLATED_KINDS = frozenset({HEADING, PARAGRAPH, NOTE, EDITORS})


def marked_text(inlines: tuple[Inline, ...]) -> str:
    """Inlines as one string: text and URLs as written, note references as ``[^N]``."""
    return "".join(fold_inlines(inlines, lambda text, _: text, lambda url, _: url, lambda n, _: f"[^{n}]"))


def note_references(text: str) -> tuple[int, ...]:
    """The note numbers a marked text cites, in order."""
    return tuple(int(match[1]) for match in NOTE_REFERENCE.finditer(text))


def source_hash(text: str) -> str:
    """The short hash a translation records of the Chinese text it translates."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class Passage:
    """One passage of the document, as the site shows it and as translation and What changed count it."""

    id: str
    kind: str  # title, abstract, keywords, heading, paragraph, note, editors
    page: str  # the site page it is shown on
    section: str  # the id of its section ("" for the title block)
    number: int  # a paragraph's number in its section, a note's number, a heading's level; else 0
    text: str  # the Chinese, note references written [^N]
    urls: tuple[str, ...] = ()

    @property
    def hash(self) -> str:
        return source_hash(self.text)

    @property
    def note_numbers(self) -> tuple[int, ...]:
        return note_references(self.text)

    @property
    def anchor(self) -> str:
        """Where the passage is on its page: its id, or a note's footnote id."""
        return ids.note_anchor(self.number) if self.kind == NOTE else self.id

    @property
    def translated(self) -> bool:
        """Whether the English edition translates it."""
        return self.kind in TRANSLATED_KINDS


@dataclass(frozen=True)
class Plan:
    """The document and what renderers need of it, computed once."""

    document: Document
    passages: tuple[Passage, ...]  # the text's in reading order, then the notes'
    pages: tuple[str, ...]  # the site's pages in reading order (home, one per numbered section, references)
    section_pages: dict[str, str]  # section id -> the page it is shown on
    citing: dict[int, tuple[Passage, ...]] = field(default_factory=dict)  # note -> the paragraphs citing it

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {p.id: p for p in self.passages})

    def passage(self, passage_id: str) -> Passage:
        return self._by_id[passage_id]  # type: ignore[attr-defined]

    def note_page(self, number: int) -> str:
        """The page a note is shown on: that of the first paragraph citing it (else the home page)."""
        return self.passage(ids.note_id(number)).page

    @property
    def translated(self) -> tuple[Passage, ...]:
        """What the English edition translates, in reading order (the notes after the text, the editors last)."""
        parts = [p for p in self.passages if p.translated and p.kind != EDITORS]
        return tuple(parts + [p for p in self.passages if p.kind == EDITORS])


def as_plan(source: Plan | Document) -> Plan:
    """A plan as given, or the plan of a document (for callers that hold only the document)."""
    return source if isinstance(source, Plan) else build_plan(source)


def build_plan(document: Document) -> Plan:
    """Work out the plan of a document."""
    section_pages = {s.id: ids.page_of_section(s.id, s.heading is not None) for s in document.sections}
    body: list[Passage] = [Passage(ids.TITLE, TITLE, ids.HOME, "", 0, document.title.text)]
    body.append(_paragraph(document.abstract, ABSTRACT, ids.HOME, "", 1))
    if document.keywords:
        body.append(Passage(ids.KEYWORDS, KEYWORDS, ids.HOME, "", 0, "；".join(document.keywords)))
    for section in document.sections:
        page = section_pages[section.id]
        number = 0
        for block in ((section.heading,) if section.heading else ()) + section.blocks:
            if isinstance(block, Heading):
                body.append(Passage(block.id, HEADING, page, section.id, block.level, block.text))
            elif isinstance(block, Paragraph):
                number += 1
                body.append(_paragraph(block, PARAGRAPH, page, section.id, number))
    citing: dict[int, list[Passage]] = {}
    for passage in body:
        if passage.kind in (ABSTRACT, PARAGRAPH):
            for note in dict.fromkeys(passage.note_numbers):
                citing.setdefault(note, []).append(passage)
    notes = []
    for note in document.notes:
        first = citing.get(note.number)
        page, section = (first[0].page, first[0].section) if first else (ids.HOME, "")
        text = marked_text(note.inlines)
        notes.append(Passage(ids.note_id(note.number), NOTE, page, section, note.number, text, note.urls))
    if document.editors is not None:
        last = document.sections[-1]
        body.append(Passage(ids.EDITORS, EDITORS, section_pages[last.id], last.id, 0, document.editors.text))
    pages = (ids.HOME, *(s.id for s in document.sections if s.heading is not None), ids.REFERENCES)
    return Plan(
        document,
        tuple(body + notes),
        pages,
        section_pages,
        {number: tuple(found) for number, found in citing.items()},
    )


def _paragraph(paragraph: Paragraph, kind: str, page: str, section: str, number: int) -> Passage:
    urls = tuple(i.url for i in paragraph.inlines if isinstance(i, Link))
    return Passage(paragraph.id, kind, page, section, number, marked_text(paragraph.inlines), urls)
