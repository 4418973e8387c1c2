"""Body lines -> raw blocks: headings and paragraphs, found from the layout."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..layout import ends_sentence, line_width
from .pages import BodyLine

_NUMERAL = "一二三四五六七八九十"
SECTION_HEADING = re.compile(rf"^[{_NUMERAL}]+、\S")
SUBSECTION_HEADING = re.compile(rf"^（[{_NUMERAL}]+）\S")
CLOSING_HEADING = re.compile(r"^(结\s*语|结\s*论|余\s*论|结\s*束\s*语)$")

# Tolerances in em, measured on justified Chinese columns: a full line can fall short of
# the measure by about one em (punctuation squeezed differently), the first line of a
# paragraph is two em narrower (its indent), a last line is short.
SHORT_MARGIN = 1.5
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


def _looks_like_first_line(width: float, measure: float) -> bool:
    return measure - INDENT_LOW <= width <= measure - INDENT_HIGH


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
        width = line_width(line.text)
        level = is_heading(line, measure)
        if level and not current:
            blocks.append(RawBlock(level, (line,)))
            continue
        current.append(line)
        if not ends_sentence(line.text):
            continue
        limit = measure - SHORT_MARGIN - (INDENT if len(current) == 1 else 0.0)
        following = lines[index + 1] if index + 1 < len(lines) else None
        if (
            width < limit
            or following is None
            or is_heading(following, measure)
            or _looks_like_first_line(line_width(following.text), measure)
        ):
            close()
    close()
    return tuple(blocks)
