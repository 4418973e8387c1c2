"""Escape text for Python-Markdown so that it is shown exactly as written."""

from __future__ import annotations

import html
import re

# Characters Python-Markdown gives meaning to, among those it lets a backslash escape
# (a backslash before any other character would be shown). "(" and "!" need no escape:
# they matter only next to "[", which is always escaped.
_INLINE = re.compile(r"([\\`*_{}\[\]#])")
_LIST_START = re.compile(r"^(\d+)([.)])(?=\s|$)")


def escape_text(text: str) -> str:
    """Escape a run of text (one line) so Markdown and HTML show it literally."""
    text = html.escape(text, quote=False)  # & < > : no tags, no entities
    text = _INLINE.sub(r"\\\1", text)
    return text


def escape_block(text: str) -> str:
    """Escape text that starts a block: also what would open a list, quote or heading."""
    text = escape_text(text.lstrip())
    text = _LIST_START.sub(r"\1\\\2", text)
    if text[:1] in "-+" and text[1:2] in (" ", ""):
        text = "\\" + text
    return text


def escape_attribute(text: str) -> str:
    """Escape a value for an HTML attribute."""
    return html.escape(text, quote=True)
