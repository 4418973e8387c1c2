"""Measuring printed lines: how wide a line is and how it ends, in em units."""

from __future__ import annotations

import re
import statistics
import unicodedata

from .cjk import is_wide

# Sentence-final punctuation, then closing quotes/brackets, then note markers.
_ENDS_SENTENCE = re.compile(r"[。！？!?…．.]+[”’）)」』》\]]*(\[\d+\])*\s*$")
_NOTE_MARKER = re.compile(r"\[\d+\]")


def char_width(char: str) -> float:
    """Width of one printed character in em: CJK and full-width 1, Latin about half."""
    if char == " ":
        return 0.25
    if unicodedata.east_asian_width(char) in "WFA":
        return 1.0
    return 0.5


def line_width(text: str) -> float:
    """Printed width of a line in em, leading and trailing spaces ignored.

    A note marker ``[n]`` is printed as a small superscript: it counts half an em.
    """
    text = text.strip()
    markers = len(_NOTE_MARKER.findall(text))
    return sum(char_width(c) for c in _NOTE_MARKER.sub("", text)) + 0.5 * markers


def first_unit_width(text: str) -> float:
    """Width of what a line starts with that could not have been split: a word or one wide character.

    A line that falls short only because its successor's first word would not fit is full.
    """
    text = _NOTE_MARKER.sub("", text.strip())
    if not text:
        return 0.0
    if is_wide(text[0]):
        return char_width(text[0])
    word = re.match(r"[^\s]+", text).group()  # type: ignore[union-attr]
    cut = next((i for i, c in enumerate(word) if is_wide(c)), len(word))
    return char_width(" ") + sum(char_width(c) for c in word[:cut])


def full_width(widths: list[float]) -> float:
    """The measure of a text column: the typical width of its lines.

    Most lines of a justified column are full, so the upper median is a robust estimate
    whatever the page width the article was set at.
    """
    if not widths:
        return 0.0
    return statistics.median_high(widths)


def ends_sentence(text: str) -> bool:
    """Whether a line ends with sentence-final punctuation (and possibly note markers)."""
    return bool(_ENDS_SENTENCE.search(text))
