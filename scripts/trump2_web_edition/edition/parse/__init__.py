"""Parsing stages: bytes -> source lines -> printed pages -> blocks -> Document."""

from __future__ import annotations

from pathlib import Path

from ..layout import Decision
from ..model import Document
from ..read import read_lines
from .document import Parsed, build_document
from .printed import split_printed_pages

__all__ = ["Parsed", "parse_bytes", "parse_file", "parse_source"]


def parse_source(data: bytes, path: str = "<source>", decisions: tuple[Decision, ...] = ()) -> Parsed:
    """Parse the bytes of an extracted article: the Document and the paragraph boundaries the layout leaves open."""
    lines = read_lines(data, path)
    pages = split_printed_pages(lines, path)
    return build_document(pages, path, Path(path).name, decisions)


def parse_bytes(data: bytes, path: str = "<source>", decisions: tuple[Decision, ...] = ()) -> Document:
    """Parse the bytes of an extracted article into a Document."""
    return parse_source(data, path, decisions).document


def parse_file(path: str | Path, decisions: tuple[Decision, ...] = ()) -> Document:
    """Read and parse a source file."""
    return parse_bytes(Path(path).read_bytes(), str(path), decisions)
