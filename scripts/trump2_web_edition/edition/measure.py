"""Measuring printed lines: how wide a line is and how it ends, in em units."""

from __future__ import annotations

import bisect
import functools
import re
import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from .cjk import is_wide

# Sentence-final punctuation, then closing quotes/brackets, then note markers.
_ENDS_SENTENCE = re.compile(r"[。！？!?…．.]+[”’）)」』》\]]*(\[\d+\])*\s*$")
# A page-local note marker as printed, [n]: the one pattern every stage reads it with.
NOTE_MARKER = re.compile(r"\[(\d+)\]")
# What no line may start with: it stays on the line before, even past the measure (kinsoku).
_CLOSING = set("，。、；：？！）》」』”’,.;:?!)")

# The printed width of the gap the extraction writes as a space varies (a thin gap, a quarter
# em, half an em): SPACE is the default, SPACE_WIDTHS the widths a column is tried with.
SPACE = 0.25
SPACE_WIDTHS = tuple(step / 32 for step in range(25))  # 0 .. 0.75 em
# A line within this of the measure counts as reaching it (rounding of half-em widths).
_FULL_TOLERANCE = 0.01


@functools.cache
def _glyph_width(char: str) -> float:
    return 1.0 if unicodedata.east_asian_width(char) in "WFA" else 0.5


def char_width(char: str, space: float = SPACE) -> float:
    """Width of one printed character in em: CJK and full-width 1, Latin about half, a space ``space``."""
    return space if char == " " else _glyph_width(char)


def line_width(text: str, space: float = SPACE) -> float:
    """Printed width of a line in em, leading and trailing spaces ignored.

    A note marker ``[n]`` is printed as a small superscript: it counts half an em.
    """
    text = text.strip()
    markers = len(NOTE_MARKER.findall(text))
    text = NOTE_MARKER.sub("", text)
    spaces = text.count(" ")
    return sum(map(_glyph_width, text.replace(" ", ""))) + space * spaces + 0.5 * markers


def _pieces(text: str, first_unit_only: bool = False) -> list[tuple[int, str, bool]]:
    """A line's unbreakable pieces: a wide character, a Latin word or a note marker.

    Each comes with the spaces before it and whether a line may start with it: not with a
    closing mark or a note marker (kinsoku), nor at a space between two wide characters or
    at a run of spaces (the extraction's own spacing, which a break would lose). With
    ``first_unit_only``, it stops at the first later piece a line may start with (included).
    """
    pieces: list[tuple[int, str, bool]] = []
    visible = ""  # the last printed character; note markers are transparent
    index, gap = 0, 0
    while index < len(text):
        char = text[index]
        if char == " ":
            gap, index = gap + 1, index + 1
            continue
        marker = NOTE_MARKER.match(text, index)
        if marker:
            end = marker.end()
        elif is_wide(char):
            end = index + 1
        else:
            end = index
            while end < len(text) and text[end] != " " and not is_wide(text[end]) and text[end] != "[":
                end += 1
            end = max(end, index + 1)
        piece = text[index:end]
        glued = gap > 1 or (gap == 1 and is_wide(visible or "a") and is_wide(char))
        can_start = not marker and char not in _CLOSING and not glued
        pieces.append((gap, piece, can_start))
        if first_unit_only and can_start and len(pieces) > 1:
            break
        visible = visible if marker else piece[-1]
        index, gap = end, 0
    return pieces


def _width(pieces: Sequence[tuple[int, str, bool]], space: float) -> float:
    """The width of consecutive pieces, with the spaces between them (not before the first)."""
    return sum(gap * space + line_width(piece) for gap, piece, _ in pieces) - (pieces[0][0] * space if pieces else 0)


def first_unit_width(text: str, space: float = SPACE) -> float:
    """Width of what a line starts with that could not have been split: a word or one wide character,
    with the closing marks and note markers that stay with it.

    A line that falls short only because its successor's first unit would not fit is full.
    A word counts the space that would have stood before it.
    """
    pieces = _pieces(text.strip(), first_unit_only=True)
    if not pieces:
        return 0.0
    end = next((i for i, (_, _, can_start) in enumerate(pieces) if i and can_start), len(pieces))
    width = _width(pieces[:end], space)
    return width if is_wide(pieces[0][1][0]) or pieces[0][1].startswith("[") else space + width


def overhang_width(text: str, space: float = SPACE) -> float:
    """Width of what a line ends with that could not start a line (closing marks, note markers, a glued
    character), with the spaces before it: it may stand past the measure, as it had to stay with
    what came before it."""
    pieces = _pieces(text.strip())
    last = max((i for i, (_, _, can_start) in enumerate(pieces) if can_start), default=0)
    return sum(gap * space + line_width(piece) for gap, piece, _ in pieces[last + 1 :])


def ends_sentence(text: str) -> bool:
    """Whether a line ends with sentence-final punctuation (and possibly note markers)."""
    return bool(_ENDS_SENTENCE.search(text))


@dataclass(frozen=True)
class Column:
    """A column of text as extracted: its measure and the printed width of a space, in em."""

    measure: float
    space: float = SPACE

    def width(self, text: str) -> float:
        return line_width(text, self.space)

    def first_unit(self, text: str) -> float:
        return first_unit_width(text, self.space)

    def overhang(self, text: str) -> float:
        return overhang_width(text, self.space)

    def is_full(self, text: str, following: str, limit: float, margin: float) -> bool:
        """Whether a line set to ``limit`` is full: its successor's first unit would not have fitted."""
        return self.width(text) + self.first_unit(following) > limit - margin


def _best_measure(widths: list[float], reaches: list[float]) -> tuple[int, float]:
    """The measure most lines are full to (reach it, and would pass it with their successor's first unit)."""
    ordered, reached = sorted(widths), sorted(reaches)
    best = (0, 0.0)
    for measure in ordered:
        count = bisect.bisect_right(ordered, measure + _FULL_TOLERANCE) - bisect.bisect_right(reached, measure)
        if count > best[0]:
            best = (count, measure)
    return best


def _parts(text: str) -> tuple[float, int]:
    """A line's width without its spaces, and how many spaces it has: its width is ``w + n * space``."""
    return line_width(text, 0.0), text.strip().count(" ")


def fit_column(lines: Sequence[str], space: float | None = None) -> Column:
    """The measure and space width of a column, from its consecutive lines (``space``: known already).

    A line that does not end a sentence cannot end a paragraph, so it is full: it reaches
    the measure, and its successor's first word or character would have passed it. The
    measure is the width most such lines are full to, the space width the one under which
    most are: the middle of the widths that do equally well (spaces decide little in a line
    of Chinese, much in a line with Latin words and numbers). The widths of Latin letters
    and punctuation are estimates; the fit needs only most lines to agree.
    """
    pairs = [(text, following) for text, following in zip(lines, lines[1:], strict=False) if not ends_sentence(text)]
    if not pairs:
        widths = [line_width(text, SPACE if space is None else space) for text in lines]
        return Column(statistics.median_high(widths) if widths else 0.0, SPACE if space is None else space)
    parts = [_parts(text) for text, _ in pairs]
    units = [(first_unit_width(following, 0.0), first_unit_width(following, 1.0)) for _, following in pairs]
    fits = []
    for width in SPACE_WIDTHS if space is None else (space,):
        widths = [bare + count * width for bare, count in parts]
        # first_unit_width is linear in the space width (the spaces before and within its unit).
        reaches = [w + unit + (spaced - unit) * width for w, (unit, spaced) in zip(widths, units, strict=True)]
        fits.append((_best_measure(widths, reaches), width))
    top = max(score for (score, _), _ in fits)
    best = [(measure, width) for (score, measure), width in fits if score == top]
    measure, width = best[(len(best) - 1) // 2]
    return Column(measure, width)
