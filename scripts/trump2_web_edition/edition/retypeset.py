"""Document -> extracted-text layout: the article as a PDF extraction of it would read at another measure.

Used to prove that the parser reads the layout, not one file: a copy set at another line
width and page length must parse back to the same document. It reproduces the artifacts
the extraction shows: page-start spaces, page-local footnote numbers with the notes at
the bottom of each page, the lost first-line indent, split "fi" ligatures, URLs broken
across lines and blank lines between most lines; and what differs between extractions: where
the last page's notes fall around the editors line and the English back matter, whether the
English starts a page of its own, and how wide a space is printed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .cjk import is_wide
from .layout import CONTINUE, PARAGRAPH, Ambiguity, Decision, squeeze
from .measure import char_width
from .model import Document, Heading, Inline, Link, NoteRef, Paragraph, Text
from .parse import Parsed, parse_source

# No line may start with these (kinsoku): they stay with the character before them.
_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)")
_LIGATURE = re.compile(r"(?<![Ww]i)(?<![Hh]i)(?<![Ss]ci)(?<![Ll]o)(?<=[A-Za-z/\-.])fi(?=[a-z])")


# Where an extraction puts the notes of the last body page: before the editors line, between it
# and the English back matter, or after the English (the order print shows them in).
NOTES_EDITORS_ENGLISH = "notes-editors-english"
EDITORS_NOTES_ENGLISH = "editors-notes-english"
EDITORS_ENGLISH_NOTES = "editors-english-notes"
BACK_MATTER_ORDERS = (NOTES_EDITORS_ENGLISH, EDITORS_NOTES_ENGLISH, EDITORS_ENGLISH_NOTES)


@dataclass(frozen=True)
class PageSetup:
    """How to set the article: measure in em, body lines per page, note measure, and the extraction's ways.

    ``space_width`` is the printed width of a space in em (0: a thin gap that takes no room,
    0.5: half an em); ``back_matter`` is one of BACK_MATTER_ORDERS; ``english_on_new_page``
    starts the English title on a page of its own.
    """

    width: float = 41.0
    lines_per_page: int = 40
    note_width: float = 48.0
    blank_ratio: float = 0.8
    block_ratio: float = 0.03
    split_ligatures: bool = True
    seed: int = 0
    space_width: float = 0.25
    back_matter: str = EDITORS_ENGLISH_NOTES
    english_on_new_page: bool = False

    def __post_init__(self) -> None:
        if self.back_matter not in BACK_MATTER_ORDERS:
            raise ValueError(f"back_matter must be one of {', '.join(BACK_MATTER_ORDERS)}")


@dataclass
class _Unit:
    """An unbreakable piece of a line: a wide character, a word, a URL character or a note marker."""

    text: str
    width: float
    space: str = ""  # spaces after it, printed at a line end when the line breaks there
    note: int = 0  # document note number for a marker unit
    glue_after: bool = False  # no line break after this unit


@dataclass
class _Line:
    units: list[_Unit] = field(default_factory=list)


def _units_of_text(text: str, url: bool, units: list[_Unit]) -> None:
    index = 0
    while index < len(text):
        char = text[index]
        if char == " ":
            if units:
                units[-1].space += " "
            index += 1
            continue
        if is_wide(char) or url:
            units.append(_Unit(char, char_width(char)))
            index += 1
            continue
        end = index
        while end < len(text) and text[end] != " " and not is_wide(text[end]):
            end += 1
        word = text[index:end]
        units.append(_Unit(word, sum(char_width(c) for c in word)))
        index = end


def _units(inlines: tuple[Inline, ...], prefix: str = "") -> list[_Unit]:
    units: list[_Unit] = []
    if prefix:
        _units_of_text(prefix, False, units)
    for inline in inlines:
        if isinstance(inline, Text):
            _units_of_text(inline.text, False, units)
        elif isinstance(inline, Link):
            _units_of_text(inline.url, True, units)
        elif isinstance(inline, NoteRef):
            units.append(_Unit("", 0.5, note=inline.number))
    visible = ""  # the last printed character, note markers being transparent
    for before, after in zip(units, units[1:], strict=False):
        visible = before.text[-1:] or visible
        # A break at a space between two wide characters would lose the space on rejoining;
        # a break at several spaces would keep only one.
        wide_gap = before.space and is_wide(visible or "x") and is_wide(after.text[:1] or "x")
        if wide_gap or len(before.space) > 1:
            before.glue_after = True
    return units


def _break_lines(units: list[_Unit], first: float, rest: float, space_width: float) -> list[_Line]:
    """Greedy line filling, first line narrower (indent); closing marks never start a line."""
    lines: list[_Line] = [_Line()]
    width, limit = 0.0, first
    for unit in units:
        current = lines[-1]
        previous = current.units[-1] if current.units else None
        starts_badly = unit.note or unit.text[:1] in _NO_LINE_START
        space = space_width * len(previous.space) if previous else 0.0
        if previous and width + space + unit.width > limit and not starts_badly and not previous.glue_after:
            lines.append(_Line())
            width, limit = 0.0, rest
            space = 0.0
        lines[-1].units.append(unit)
        width += space + unit.width
    return [line for line in lines if line.units]


class _Typesetter:
    def __init__(self, document: Document, setup: PageSetup) -> None:
        self.document = document
        self.setup = setup
        self.random = random.Random(setup.seed)
        self.out: list[str] = []
        self.page_lines = 0
        self.page_notes: list[int] = []
        self.page_start = True

    def _text(self, text: str) -> str:
        if not self.setup.split_ligatures:
            return text
        return _LIGATURE.sub(lambda m: "fi " if self.random.random() < 0.5 else "fi", text)

    def _emit(self, text: str, *, note_zone: bool = False) -> None:
        if not note_zone and (self.page_start or self.random.random() < self.setup.block_ratio):
            text = " " + text  # a page start, or now and then a new text block mid-page
            self.page_start = False
        self.out.append(text)
        if self.random.random() < self.setup.blank_ratio:
            self.out.append("")

    def _render_line(self, line: _Line, last: bool) -> str:
        parts = []
        for position, unit in enumerate(line.units):
            if unit.note:
                if unit.note not in self.page_notes:
                    self.page_notes.append(unit.note)
                parts.append(f"[{self.page_notes.index(unit.note) + 1}]")
            else:
                parts.append(unit.text)
            if position < len(line.units) - 1 or not last:
                parts.append(unit.space)
        return self._text("".join(parts))

    def _body_lines(self, units: list[_Unit], indent: float) -> None:
        lines = _break_lines(units, self.setup.width - indent, self.setup.width, self.setup.space_width)
        for index, line in enumerate(lines):
            if self.page_lines >= self.setup.lines_per_page:
                self._end_page()
            self._emit(self._render_line(line, index == len(lines) - 1))
            self.page_lines += 1

    def _notes(self) -> None:
        """The notes of the page so far, at its foot."""
        width = self.setup.note_width
        for local, number in enumerate(self.page_notes, start=1):
            note = self.document.note(number)
            lines = _break_lines(_units(note.inlines, f"[{local}] "), width, width, self.setup.space_width)
            for index, line in enumerate(lines):
                self._emit(self._render_line(line, index == len(lines) - 1), note_zone=True)
        self.page_notes = []

    def _end_page(self) -> None:
        self._notes()
        self.page_lines = 0
        self.page_start = True

    def paragraph(self, paragraph: Paragraph, prefix: str = "", indent: float = 2.0) -> None:
        self._body_lines(_units(paragraph.inlines, prefix), indent)

    def line(self, text: str) -> None:
        self._body_lines(_units((Text(text),)), 0.0)

    def run(self) -> str:
        document = self.document
        self.line(document.title.text)
        self.line(document.author.text)
        self.paragraph(document.abstract, "摘 要：", 2.0)
        if document.keywords:
            self.line("关键词：" + "；".join(document.keywords))
        for section in document.sections:
            if section.heading is not None:
                self.line(section.heading.text)
            for block in section.blocks:
                if isinstance(block, Heading):
                    self.line(block.text)
                else:
                    self.paragraph(block)
        order = self.setup.back_matter
        if order == NOTES_EDITORS_ENGLISH:
            self._notes()
        if document.editors is not None:
            self.line(f"( 责任编辑 {document.editors.text} )")
        if order == EDITORS_NOTES_ENGLISH:
            self._notes()
        if self.setup.english_on_new_page:
            self.page_lines = 0
            self.page_start = True
        english = document.english
        self.line(english.title.text)
        self.line(english.author.text)
        self.paragraph(english.abstract, "Abstract: ", 0.0)
        self.line("Key Words: " + "; ".join(english.keywords))
        self._notes()
        return "\n".join(self.out) + "\n"


def retypeset(document: Document, setup: PageSetup = PageSetup()) -> str:
    """Set the document as extracted text at another measure and page length."""
    return _Typesetter(document, setup).run()


# What a re-typesetting changes: where things stood in the print (lines, pages, page-local numbers).
_POSITIONAL = {"span", "page", "page_number", "page_count", "keywords_span", "source_name"}


def layout_free(document: Document | dict) -> dict:
    """A document's dump (or the dump itself) without where things stood in the print:
    what every layout of the article must give."""

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in _POSITIONAL}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(document if isinstance(document, dict) else document.to_dict())  # type: ignore[return-value]


def decisions_from(document: Document, ambiguities: Sequence[Ambiguity]) -> tuple[Decision, ...]:
    """How an editor who has ``document`` settles the open boundaries of a copy of it: as the document reads.

    Each boundary is found by its key in the document's running text as set (abstract, key
    words, headings, paragraphs); a key found nowhere, or in more than one place, is an error.
    """
    texts = ["摘要：" + document.abstract.text]
    texts += ["关键词：" + "；".join(document.keywords)] if document.keywords else []
    for section in document.sections:
        texts += [section.heading.text] if section.heading else []
        texts += [block.text for block in section.blocks]
    ends, position = set(), 0
    for text in texts:
        position += len(squeeze(text))
        ends.add(position)
    stream = "".join(squeeze(text) for text in texts)
    decisions = []
    for ambiguity in ambiguities:
        before, _, after = ambiguity.key.partition("|")
        at = stream.find(before + after)
        if at < 0 or stream.find(before + after, at + 1) >= 0:
            raise ValueError(f"{ambiguity.key!r} is in the document {'more than once' if at >= 0 else 'nowhere'}")
        reading = PARAGRAPH if at + len(before) in ends else CONTINUE
        decisions.append(Decision(before, after, reading, "<original>", 0))
    return tuple(decisions)


def settle_copy(document: Document, data: bytes, path: str = "<copy>", rounds: int = 4) -> tuple[Parsed, int]:
    """Parse a copy of ``document``, settling each boundary it leaves open as the document reads.

    Settling one boundary can open the next (whose reading depended on it), so this parses
    again until nothing is open. Returns the settled parse and how many boundaries were
    reported in all; raises ValueError if they never settle.
    """
    decisions: tuple[Decision, ...] = ()
    reported = 0
    for _ in range(rounds):
        parsed = parse_source(data, path, decisions)
        if not parsed.unsettled:
            return parsed, reported
        reported += len(parsed.unsettled)
        decisions += decisions_from(document, parsed.unsettled)
    raise ValueError(f"{path}: the open paragraph boundaries never settle")
