"""This journal's back matter: the editors line that ends the body, then the author's English title block."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..cjk import has_han
from ..measure import ends_sentence

EDITORS_LINE = re.compile(r"^\s*[(（]\s*责任编辑\s*[:：]?\s*(?P<names>.*?)\s*[)）]\s*$")
EN_ABSTRACT_LABEL = re.compile(r"^\s*Abstract\s*[:：]\s*", re.IGNORECASE)
EN_KEYWORDS_LABEL = re.compile(r"^\s*Key\s*words?\s*[:：]\s*", re.IGNORECASE)


def is_title_line(text: str) -> bool:
    """Whether a line can belong to the English title or be the author's name above 'Abstract:'.

    Neither holds Chinese or ends a sentence, while a note always ends with a full stop
    (``。`` or ``.``) in this journal: that tells a title from the end of the note before it.
    """
    labelled = EDITORS_LINE.match(text) or EN_ABSTRACT_LABEL.match(text) or EN_KEYWORDS_LABEL.match(text)
    return not labelled and not has_han(text) and not ends_sentence(text)


def english_title_start(texts: Sequence[str], author: int) -> int:
    """The index of the English title's first line, given the index of the author's line.

    The title is the run of title lines just above the author's name; it may be empty.
    """
    start = author
    while start > 0 and is_title_line(texts[start - 1]):
        start -= 1
    return start


def english_starts_at(texts: Sequence[str], index: int) -> bool:
    """Whether an English title block starts at ``index``: title lines, the author's line, then 'Abstract:'."""
    end = index
    while end < len(texts) and is_title_line(texts[end]):
        end += 1
    return end >= index + 2 and end < len(texts) and EN_ABSTRACT_LABEL.match(texts[end]) is not None
