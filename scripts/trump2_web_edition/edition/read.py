"""Bytes -> numbered source lines: encoding, BOM and line ends handled at the edge."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cjk import is_wide
from .errors import SourceError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class SourceLine:
    """One line of the input, with its 1-based number and its text (no line end)."""

    number: int
    text: str


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode the input: UTF-8 (with or without BOM), else GBK/GB18030 Chinese text.

    Returns the text and the encoding used; raises SourceError for empty or binary input.
    """
    if not data.strip():
        raise SourceError(path, 1, "the file is empty")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise SourceError(path, line, "the file holds binary data (NUL byte), not text")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            text = ""
        # GB18030 decodes most byte strings; accept it only for text that reads as Chinese.
        if not text or sum(map(is_wide, text)) < 0.3 * sum(1 for c in text if ord(c) > 127):
            line = data[: error.start].count(b"\n") + 1
            raise SourceError(path, line, "the file is not UTF-8 text (nor GBK Chinese text)") from None
    bad = _CONTROL.search(text)
    if bad:
        line = text[: bad.start()].count("\n") + 1
        raise SourceError(path, line, f"the file holds a control character U+{ord(bad.group()):04X}, not text")
    return text, encoding


def split_lines(text: str) -> tuple[SourceLine, ...]:
    """Split text into numbered lines; CRLF and CR line ends count as LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # pdftotext starts each page with a form feed: it marks a page start, as one space does.
    text = text.replace("\f", " ")
    return tuple(SourceLine(n, line) for n, line in enumerate(text.split("\n"), start=1))


def read_lines(data: bytes, path: str) -> tuple[SourceLine, ...]:
    """Bytes of a source file -> its numbered lines."""
    text, _ = decode(data, path)
    return split_lines(text)
