"""Parsing stages: bytes -> source lines -> printed pages -> blocks -> Document."""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from ..read import read_lines
from .document import build_document
from .printed import split_printed_pages


def parse_bytes(data: bytes, path: str = "<source>") -> Document:
    """Parse the bytes of an extracted article into a Document."""
    lines = read_lines(data, path)
    pages = split_printed_pages(lines, path)
    return build_document(pages, path, Path(path).name)


def parse_file(path: str | Path) -> Document:
    """Read and parse a source file."""
    return parse_bytes(Path(path).read_bytes(), str(path))
