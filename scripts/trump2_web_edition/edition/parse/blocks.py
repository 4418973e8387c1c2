"""Body lines -> raw blocks: headings and paragraphs, found from the layout, and the boundaries it leaves open."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..cjk import is_wide
from ..layout import CONTINUE, PARAGRAPH, Ambiguity, Decision, boundary_key
from ..measure import NOTE_MARKER, Column, ends_sentence
from .printed import BodyLine

_NUMERAL = "一二三四五六七八九十"
SECTION_HEADING = re.compile(rf"^[{_NUMERAL}]+、\S")
SUBSECTION_HEADING = re.compile(rf"^（[{_NUMERAL}]+）\S")
CLOSING_HEADING = re.compile(r"^(结\s*语|结\s*论|余\s*论|结\s*束\s*语)$")

# Tolerances in em. A paragraph's first line is set two em narrower (its indent, lost in the
# extraction). A line is short if the next line's first word or character would have fitted
# with SHORT_MARGIN to spare. A first line may measure up to FIRST_LINE_EXCESS over its
# measure, and LATIN_EXCESS more per Latin letter: the widths this module gives punctuation
# and Latin letters are estimates, and proportional Latin letters are often narrower.
INDENT = 2.0
SHORT_MARGIN = 0.5
FIRST_LINE_EXCESS = 0.5
LATIN_EXCESS = 0.125
# Sentence ends, for showing the sentence on each side of a boundary.
_SENTENCE_END = re.compile(r"[。！？!?…．]+[”’）)」』》]*")
# How much text the boundary's key and a decision are matched against, on each side.
_CONTEXT_LINES = 3
_SHOWN = 60


@dataclass(frozen=True)
class RawBlock:
    """Consecutive body lines that form one heading (level 1 or 2) or paragraph (level 0)."""

    level: int
    lines: tuple[BodyLine, ...]


def heading_level(text: str) -> int:
    """1 for a section heading (一、…, 结语), 2 for a subsection (（一）…), else 0."""
    text = text.strip()
    if SECTION_HEADING.match(text) or CLOSING_HEADING.match(text):
        return 1
    if SUBSECTION_HEADING.match(text):
        return 2
    return 0


def is_heading(line: BodyLine, column: Column) -> int:
    """The heading level of a line if it reads as a heading: pattern, short, no full stop."""
    level = heading_level(line.text)
    if level and column.width(line.text) < column.measure - INDENT and not ends_sentence(line.text):
        return level
    return 0


def _can_start_paragraph(line: BodyLine, after: BodyLine | None, column: Column) -> bool:
    """Whether a line reads as a paragraph's first line: set two em narrower, and full to that or the last."""
    limit = column.measure - INDENT
    latin = sum(1 for char in line.text if char.isascii() and char.isalpha())
    if column.width(line.text) - column.overhang(line.text) > limit + FIRST_LINE_EXCESS + LATIN_EXCESS * latin:
        return False
    if after is None or ends_sentence(line.text) or is_heading(after, column):
        return True
    return column.is_full(line.text, after.text, limit, SHORT_MARGIN)


def _can_run_on(line: BodyLine, after: BodyLine | None, column: Column) -> bool:
    """Whether a line reads as a paragraph's later line: full to the measure, or its last."""
    if after is None or ends_sentence(line.text) or is_heading(after, column):
        return True
    return column.is_full(line.text, after.text, column.measure, SHORT_MARGIN)


def _joined(lines: Sequence[BodyLine]) -> str:
    """Lines as running text for a message: no note markers, no break between wide characters."""
    text = ""
    for line in lines:
        piece = NOTE_MARKER.sub("", line.text).strip()
        if text and piece and not (is_wide(text[-1]) and is_wide(piece[0])):
            text += " "
        text += piece
    return text


def _last_sentence(text: str) -> str:
    ends = [match.end() for match in _SENTENCE_END.finditer(text) if match.end() < len(text.rstrip())]
    sentence = text[ends[-1] :].strip() if ends else text
    return sentence if len(sentence) <= _SHOWN else "…" + sentence[-_SHOWN:]


def _first_sentence(text: str) -> str:
    match = _SENTENCE_END.search(text)
    sentence = text[: match.end()] if match else text
    return sentence if len(sentence) <= _SHOWN else sentence[:_SHOWN] + "…"


@dataclass(frozen=True)
class _Boundary:
    """A sentence end at a line end, with the text on each side to name it by."""

    before: tuple[BodyLine, ...]
    after: tuple[BodyLine, ...]

    def ambiguity(self, path: str, decisions: Sequence[Decision], likely: str | None) -> Ambiguity:
        """The boundary as an Ambiguity: read as a decision says, else ``likely`` (else running on)."""
        before, after = _joined(self.before), _joined(self.after)
        decision = next((d for d in decisions if d.matches(before, after)), None)
        reading = decision.reading if decision else likely or CONTINUE
        key = boundary_key(before, after)
        line = self.after[0].number
        return Ambiguity(path, line, _last_sentence(before), _first_sentence(after), key, reading, decision)


def _reading(line: BodyLine, following: BodyLine, after: BodyLine | None, limit: float, column: Column) -> str | None:
    """How the layout reads the boundary after a line that ends a sentence and is set to ``limit``.

    PARAGRAPH if the line stops short, or if the next line reads only as a first line (two
    em narrower, and full to that); CONTINUE if it reads only as a later line (too wide for
    a first line); None if it reads both ways (its own successor starts with a word too long
    for either, or it ends the paragraph) or neither.
    """
    if not column.is_full(line.text, following.text, limit, SHORT_MARGIN):
        return PARAGRAPH
    starts = _can_start_paragraph(following, after, column)
    if starts != _can_run_on(following, after, column):
        return PARAGRAPH if starts else CONTINUE
    return None


def split_blocks(
    lines: tuple[BodyLine, ...], column: Column, path: str = "<source>", decisions: Sequence[Decision] = ()
) -> tuple[tuple[RawBlock, ...], tuple[Ambiguity, ...]]:
    """Split running text into headings and paragraphs; report the boundaries the layout leaves open.

    A heading is a short line in a heading pattern standing after a finished paragraph.
    A paragraph can end only after a line that ends a sentence. It does end there if that
    line falls short of the measure (narrower still for a paragraph's indented first line),
    and it runs on if the next line is too wide to be a first line (two em narrower than
    the measure). When the next line reads both as a first line (full to the narrower
    measure) and as a later one (full to the measure: its own successor starts with a word
    too long for either, or it ends the paragraph), the layout cannot tell: the boundary is
    an Ambiguity, read as ``decisions`` (source/layout.yml) say, else as the likelier
    reading. So is a boundary whose reading depends on how the open one before it is read
    (whether the line between them is a first line). Page breaks and the notes between
    pages do not end a paragraph: the lines arrive here joined.
    """
    blocks: list[RawBlock] = []
    ambiguities: list[Ambiguity] = []
    current: list[BodyLine] = []
    # The measure the last line would have under the other reading of an open boundary before it.
    other_limit: float | None = None

    def close() -> None:
        if current:
            blocks.append(RawBlock(0, tuple(current)))
            current.clear()

    for index, line in enumerate(lines):
        level = is_heading(line, column)
        if level and not current:
            blocks.append(RawBlock(level, (line,)))
            continue
        current.append(line)
        alternative, other_limit = other_limit, None
        if not ends_sentence(line.text):
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or is_heading(following, column):
            close()
            continue
        after = lines[index + 2] if index + 2 < len(lines) else None
        limit = column.measure - (INDENT if len(current) == 1 else 0.0)
        likely = reading = _reading(line, following, after, limit, column)
        if alternative is not None and _reading(line, following, after, alternative, column) != likely:
            reading = None
        if reading is None:
            boundary = _Boundary(tuple(current), lines[index + 1 : index + 1 + _CONTEXT_LINES])
            ambiguity = boundary.ambiguity(path, decisions, likely)
            ambiguities.append(ambiguity)
            reading = ambiguity.reading
            if not ambiguity.settled:
                other_limit = column.measure if reading == PARAGRAPH else column.measure - INDENT
        if reading == PARAGRAPH:
            close()
    close()
    return tuple(blocks), tuple(ambiguities)
