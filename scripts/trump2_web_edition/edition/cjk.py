"""The one test of what is Chinese: Han characters (language) and wide characters (layout)."""

from __future__ import annotations

import re
import unicodedata

# Han ideographs (CJK Unified Ideographs, Extension A, Compatibility Ideographs).
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def has_han(text: str) -> bool:
    """Whether the text holds a Han character: it is (partly) Chinese."""
    return HAN.search(text) is not None


def is_wide(char: str) -> bool:
    """Whether a character is CJK or full-width: printed one em wide, joined to its neighbours with no space."""
    return unicodedata.east_asian_width(char) in "WF" or char in "“”‘’·•"
