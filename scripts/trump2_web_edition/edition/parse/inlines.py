"""Line pieces -> inlines: rejoin wrapped lines, repair ligatures, find URLs and note markers."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..cjk import is_wide
from ..measure import NOTE_MARKER
from ..model import Inline, Link, NoteRef, Text

# A split "fi" ligature: "fi" then a space inside a Latin word ("Artifi cial", "/fi rstnews"),
# except after the few words that really end in "fi" (wifi, hi-fi, sci-fi, lo-fi).
_SPLIT_LIGATURE = re.compile(
    r"(?<![Ww]i)(?<![Ww]i-)(?<![Hh]i)(?<![Hh]i-)(?<![Ss]ci)(?<![Ss]ci-)(?<![Ll]o)(?<![Ll]o-)"
    r"(?:(?<=[A-Za-z/\-.])fi (?=[a-z])|(?<![A-Za-z])fi (?=[a-z]{3}))"
)
_URL = re.compile(r"https?://[^\s<>\"“”‘’（）《》，。、；：！？\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
_URL_TRAILING = ".,;:!'"

Piece = str | NoteRef


def tokenize_line(text: str, resolve: Callable[[int, int], NoteRef] | None, column_offset: int = 0) -> list[Piece]:
    """Split a line into text and note references; ``resolve(n, offset)`` maps a marker ``[n]``."""
    if resolve is None:
        return [text] if text else []
    pieces: list[Piece] = []
    position = 0
    for match in NOTE_MARKER.finditer(text):
        if match.start() > position:
            pieces.append(text[position : match.start()])
        pieces.append(resolve(int(match.group(1)), column_offset + match.start()))
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def _last_char(pieces: Sequence[Piece]) -> str:
    for piece in reversed(pieces):
        if isinstance(piece, str) and piece:
            return piece[-1]
    return ""


def _first_char(pieces: Sequence[Piece]) -> str:
    for piece in pieces:
        if isinstance(piece, str) and piece:
            return piece[0]
    return ""


def join_wrapped_lines(lines: Sequence[tuple[list[Piece], bool]]) -> list[Piece]:
    """Rejoin wrapped lines given as (pieces, had_trailing_space).

    Two wide (CJK) characters join with no space, as Chinese is set without spaces; at
    any other break the source's own spacing is kept: a line that ended in a space gets
    one space, a line that did not (a URL, a word broken after a hyphen) gets none.
    """
    joined: list[Piece] = []
    previous_trailing = False
    for index, (pieces, trailing) in enumerate(lines):
        if index and previous_trailing:
            before, after = _last_char(joined), _first_char(pieces)
            if not (is_wide(before) and is_wide(after)):
                joined.append(" ")
        joined.extend(pieces)
        previous_trailing = trailing
    return joined


def repair_ligatures(text: str) -> str:
    """Close the space a PDF extraction leaves after a split "fi" ligature."""
    return _SPLIT_LIGATURE.sub("fi", text)


def _split_urls(text: str) -> list[Inline]:
    inlines: list[Inline] = []
    position = 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(_URL_TRAILING)
        if url.endswith(")") and url.count("(") < url.count(")"):
            url = url[:-1]
        start, end = match.start(), match.start() + len(url)
        if start > position:
            inlines.append(Text(text[position:start]))
        inlines.append(Link(url))
        position = end
    if position < len(text):
        inlines.append(Text(text[position:]))
    return inlines


def to_inlines(pieces: Sequence[Piece]) -> tuple[Inline, ...]:
    """Merge text pieces, repair ligatures and turn URLs into links."""
    inlines: list[Inline] = []
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            inlines.extend(_split_urls(repair_ligatures("".join(buffer))))
            buffer.clear()

    for piece in pieces:
        if isinstance(piece, str):
            buffer.append(piece)
        else:
            flush()
            inlines.append(piece)
    flush()
    return tuple(inlines)
