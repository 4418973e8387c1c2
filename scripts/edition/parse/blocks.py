"""Body lines -> raw blocks: headings and paragraphs, found from the layout."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..measure import ends_sentence, first_unit_width, line_width
from .printed import BodyLine

_NUMERAL = "一二三四五六七八九十"
SECTION_HEADING = re.compile(rf"^[{_NUMERAL}]+、\S")
SUBSECTION_HEADING = re.compile(rf"^（[{_NUMERAL}]+）\S")
CLOSING_HEADING = re.compile(r"^(结\s*语|结\s*论|余\s*论|结\s*束\s*语)$")

# Tolerances in em, measured on justified Chinese columns: a full line can fall short of
# the measure by about one em (punctuation squeezed differently), the first line of a
# paragraph is two em narrower (its indent), a last line is short. A line is short only
# if the next line's first word or character would still have fitted on it.
SHORT_MARGIN = 0.5
INDENT = 2.0
INDENT_LOW, INDENT_HIGH = 3.5, 1.0


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


def is_heading(line: BodyLine, measure: float) -> int:
    """The heading level of a line if it reads as a heading: pattern, short, no full stop."""
    level = heading_level(line.text)
    if level and line_width(line.text) < measure - INDENT and not ends_sentence(line.text):
        return level
    return 0


def _is_short(line: BodyLine, following: BodyLine, measure: float) -> bool:
    """Whether a line stops early: even the next line's first word would have fitted."""
    return line_width(line.text) + first_unit_width(following.text) <= measure - SHORT_MARGIN


def _looks_like_first_line(line: BodyLine, following: BodyLine | None, measure: float) -> bool:
    """Whether a line is about two em narrower than the measure, not for want of room."""
    width = line_width(line.text)
    if not measure - INDENT_LOW <= width <= measure - INDENT_HIGH:
        return False
    return following is None or width + first_unit_width(following.text) <= measure + SHORT_MARGIN


def split_blocks(lines: tuple[BodyLine, ...], measure: float) -> tuple[RawBlock, ...]:
    """Split running text into headings and paragraphs.

    A heading is a short line in a heading pattern standing after a finished paragraph.
    A paragraph ends after a line that ends a sentence and either falls short of the
    measure (narrower still for a paragraph's indented first line) or is followed by a
    line two em narrower than the measure (the next paragraph's lost indent). Page breaks
    and the notes between pages do not end a paragraph: the lines arrive here joined.
    """
    blocks: list[RawBlock] = []
    current: list[BodyLine] = []

    def close() -> None:
        if current:
            blocks.append(RawBlock(0, tuple(current)))
            current.clear()

    for index, line in enumerate(lines):
        level = is_heading(line, measure)
        if level and not current:
            blocks.append(RawBlock(level, (line,)))
            continue
        current.append(line)
        if not ends_sentence(line.text):
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        if following is None or is_heading(following, measure):
            close()
            continue
        after = lines[index + 2] if index + 2 < len(lines) else None
        indent = INDENT if len(current) == 1 else 0.0
        if _is_short(line, following, measure - indent) or _looks_like_first_line(following, after, measure):
            close()
    close()
    return tuple(blocks)
