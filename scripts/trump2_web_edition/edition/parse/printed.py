"""Source lines -> printed pages: each page is its body lines followed by its footnote zone."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import SourceError
from ..measure import ends_sentence, fit_column
from ..read import SourceLine
from .back_matter import EDITORS_LINE, EN_ABSTRACT_LABEL, english_starts_at

NOTE_START = re.compile(r"^\s{0,3}\[(\d+)\]")
# A note's last line ends a sentence and stops short; the margin (em) keeps a full line whose
# punctuation was squeezed from reading as short.
NOTE_END_MARGIN = 1.0
# How many lines that continue a note it takes to know the notes' measure.
MIN_NOTE_LINES = 5


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
    """One page of the printed article: its running text, then the notes at its foot.

    On the last page, text after the notes (the editors line, the English back matter when the
    extraction gives them after the notes) is part of ``body``, in reading order.
    """

    number: int
    body: tuple[BodyLine, ...]
    notes: tuple[RawNote, ...]


def opens_page(text: str) -> bool:
    """Whether a line opens with exactly one space: the extraction's mark of a page (or text block) start."""
    return text.startswith(" ") and not text.startswith("  ")


def _ends_notes(texts: list[str], index: int) -> bool:
    """Whether the line at ``index`` ends an open note zone: a page start, the editors line or the English title."""
    text = texts[index]
    return opens_page(text) or EDITORS_LINE.match(text) is not None or english_starts_at(texts, index)


def split_printed_pages(lines: tuple[SourceLine, ...], path: str) -> tuple[PrintedPage, ...]:
    """Group lines into printed pages.

    A page's footnote zone starts at a line beginning with ``[1]`` and numbers its notes
    1, 2, … . It ends where the next page starts (a line opening with one space) or, after
    the last page's notes, at this journal's back matter: the editors line or the English
    title block, whichever the extraction gives first. Text after the notes that starts no
    page stays on the notes' page. Blank lines carry nothing and are dropped.
    """
    kept = [line for line in lines if line.text.strip()]
    texts = [line.text for line in kept]
    pages: list[PrintedPage] = []
    body: list[BodyLine] = []
    notes: list[RawNote] = []
    note_lines: list[SourceLine] = []
    in_notes = False
    zone_start = 0

    def close_note() -> None:
        if note_lines:
            notes.append(RawNote(len(pages) + 1, len(notes) + 1, tuple(note_lines)))
            note_lines.clear()

    def close_page() -> None:
        close_note()
        pages.append(PrintedPage(len(pages) + 1, tuple(body), tuple(notes)))
        body.clear()
        notes.clear()

    for index, line in enumerate(kept):
        marker = NOTE_START.match(line.text)
        if in_notes and marker is None and _ends_notes(texts, index):
            close_note()
            in_notes = False
        if not in_notes and notes and marker is None and opens_page(line.text):
            close_page()
        if marker and (in_notes or int(marker.group(1)) == 1):
            number = int(marker.group(1))
            expected = len(notes) + (2 if note_lines else 1)
            if number != expected:
                if number < expected:
                    raise SourceError(path, line.number, f"duplicate note number [{number}] on this page")
                raise SourceError(path, line.number, f"note [{number}] follows [{expected - 1}]: a note is missing")
            close_note()
            note_lines.append(line)
            if not in_notes:
                in_notes, zone_start = True, index
            continue
        if in_notes:
            note_lines.append(line)
            continue
        body.append(BodyLine(line.number, len(pages) + 1, line.text, opens_page(line.text)))
    # Notes may end the file after the back matter; before it they have run on (an editors line
    # with nothing after it is the document's to report).
    back_matter = (EN_ABSTRACT_LABEL, EDITORS_LINE)
    if in_notes and not any(label.match(text) for text in texts[:zone_start] for label in back_matter):
        raise SourceError(
            path,
            kept[zone_start].number,
            "the notes that start here run to the end of the file: no page start (a line opening with "
            "one space), editors line or English back matter ends them",
        )
    if body or notes or note_lines:
        close_page()
    result = tuple(pages)
    check_notes_end(result, path)
    return result


def check_notes_end(pages: tuple[PrintedPage, ...], path: str) -> None:
    """Refuse a note zone that runs on past its last note into text that is not a note.

    Notes are set full to their measure but for the last line of each, which ends a sentence
    and stops short: a line that does so and is followed by more of the "same" note means the
    zone did not end where it should have (a page start is missing). The space width is the
    body's (one extraction, one font); with too few lines to fit the notes' measure, nothing
    is refused.
    """
    notes = [note for page in pages for note in page.notes]
    if sum(len(note.lines) - 1 for note in notes) < MIN_NOTE_LINES:
        return
    space = fit_column([line.text for page in pages for line in page.body]).space
    column = fit_column([line.text for note in notes for line in note.lines], space)
    for note in notes:
        for line, following in zip(note.lines, note.lines[1:], strict=False):
            full = column.is_full(line.text, following.text, column.measure, NOTE_END_MARGIN)
            if not full and ends_sentence(line.text):
                raise SourceError(
                    path,
                    following.number,
                    f"note [{note.page_number}] ends on line {line.number}, yet the note zone runs on here: "
                    "this line starts no note, no page (one leading space), no editors line and no English back matter",
                )
