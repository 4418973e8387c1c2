"""Source lines -> printed pages: each page is its body lines followed by its footnote zone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SourceError
from ..read import SourceLine

NOTE_START = re.compile(r"^\s{0,3}\[(\d+)\]")


@dataclass(frozen=True)
class BodyLine:
    """A non-blank line of running text, with the page it was printed on."""

    number: int
    page: int
    text: str
    opens_block: bool  # the line began with one space: a new page or text block


@dataclass(frozen=True)
class RawNote:
    """A footnote as printed: page-local number and its lines (the first holds the marker)."""

    page: int
    page_number: int
    lines: tuple[SourceLine, ...]


@dataclass(frozen=True)
class PrintedPage:
    """One page of the printed article: its running text, then the notes at its foot."""

    number: int
    body: tuple[BodyLine, ...]
    notes: tuple[RawNote, ...]


def _opens_block(text: str) -> bool:
    return text.startswith(" ") and not text.startswith("  ")


def split_printed_pages(lines: tuple[SourceLine, ...], path: str) -> tuple[PrintedPage, ...]:
    """Group lines into printed pages.

    A page's footnote zone starts at a line beginning with ``[1]`` and runs until a line
    that opens a new text block (one leading space); that line starts the next page.
    Blank lines carry nothing and are dropped.
    """
    pages: list[PrintedPage] = []
    body: list[BodyLine] = []
    notes: list[RawNote] = []
    note_lines: list[SourceLine] = []

    def close_note() -> None:
        if note_lines:
            notes.append(RawNote(len(pages) + 1, len(notes) + 1, tuple(note_lines)))
            note_lines.clear()

    def close_page() -> None:
        close_note()
        pages.append(PrintedPage(len(pages) + 1, tuple(body), tuple(notes)))
        body.clear()
        notes.clear()

    for line in lines:
        if not line.text.strip():
            continue
        marker = NOTE_START.match(line.text)
        in_notes = bool(note_lines)
        if in_notes and marker is None and _opens_block(line.text):
            close_page()
            in_notes = False
        if marker and (in_notes or int(marker.group(1)) == 1):
            number = int(marker.group(1))
            expected = len(notes) + (2 if note_lines else 1)
            if in_notes and number != expected:
                if number < expected:
                    raise SourceError(path, line.number, f"duplicate note number [{number}] on this page")
                raise SourceError(path, line.number, f"note [{number}] follows [{expected - 1}]: a note is missing")
            close_note()
            note_lines.append(line)
            continue
        if in_notes:
            note_lines.append(line)
            continue
        body.append(BodyLine(line.number, len(pages) + 1, line.text, _opens_block(line.text)))
    if body or notes or note_lines:
        close_page()
    return tuple(pages)
