"""Two editions -> what changed: every heading, paragraph and note whose text differs, and how.

Passages are aligned by their text, not their ids, so a paragraph added or removed does not
make every later one look changed; a note renumbered (one added before it) is not a change
of its text. Chinese is compared by character, Latin text by word.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..edition.model import Document
from ..edition.plan import NOTE, NOTE_REFERENCE, Passage, Plan, as_plan
from ..edition.translation import CURRENT, TranslationStatus

# A Latin word (with inner apostrophes, dots, hyphens), a run of spaces, a note reference, or one character.
_TOKEN = re.compile(r"\[\^\d+\]|[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Compared:
    """A passage of one edition as compared: the plan's passage, and its English as the English page shows it."""

    passage: Passage
    english: str = ""  # "" when the English page shows none
    english_current: bool = False  # the English translates this very text

    @property
    def id(self) -> str:
        return self.passage.id

    @property
    def page(self) -> str:
        return self.passage.page

    @property
    def text(self) -> str:
        return self.passage.text

    @property
    def key(self) -> str:
        """What is compared: the text with note numbers left out (a renumbered note is no change)."""
        return NOTE_REFERENCE.sub("[^]", self.passage.text)


@dataclass(frozen=True)
class Change:
    """A passage that differs between two editions: ``old`` or ``new`` is None when it was added or removed."""

    old: Compared | None
    new: Compared | None

    @property
    def id(self) -> str:
        passage = self.new or self.old
        assert passage is not None
        return passage.id

    @property
    def chinese_changed(self) -> bool:
        return self.old is None or self.new is None or self.old.key != self.new.key

    @property
    def english_changed(self) -> bool:
        return (self.old.english if self.old else "") != (self.new.english if self.new else "")

    @property
    def english_stale(self) -> bool:
        """The Chinese changed but the English still translates the earlier text (or is missing)."""
        return self.new is not None and self.chinese_changed and not self.new.english_current


def _compared(passage: Passage, status: TranslationStatus | None) -> Compared:
    if status is None or not passage.translated:
        return Compared(passage)
    state = status.get(passage.id)
    if state.entry is None or not state.usable:
        return Compared(passage)
    return Compared(passage, state.entry.text, state.state == CURRENT)


def passages(plan: Plan | Document, status: TranslationStatus | None = None) -> tuple[tuple[Compared, ...], ...]:
    """An edition's passages in reading order, with their English: (the text's, the notes')."""
    compared = [_compared(p, status) for p in as_plan(plan).passages]
    return tuple(c for c in compared if c.passage.kind != NOTE), tuple(c for c in compared if c.passage.kind == NOTE)


def _align(old: tuple[Compared, ...], new: tuple[Compared, ...]) -> list[Change]:
    changes: list[Change] = []
    matcher = SequenceMatcher(None, [p.key for p in old], [p.key for p in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
                if a.english != b.english:  # the same Chinese, a revised translation
                    changes.append(Change(a, b))
            continue
        pairs = min(i2 - i1, j2 - j1)
        changes += [Change(old[i1 + k], new[j1 + k]) for k in range(pairs)]
        changes += [Change(a, None) for a in old[i1 + pairs : i2]]
        changes += [Change(None, b) for b in new[j1 + pairs : j2]]
    return changes


def compare(
    old: Plan | Document,
    new: Plan | Document,
    old_status: TranslationStatus | None = None,
    new_status: TranslationStatus | None = None,
) -> tuple[Change, ...]:
    """Every passage that differs from the previous edition (in Chinese, or only in its English)."""
    old_body, old_notes = passages(old, old_status)
    new_body, new_notes = passages(new, new_status)
    return tuple(_align(old_body, new_body) + _align(old_notes, new_notes))


def diff_html(old: str, new: str) -> str:
    """The difference of two texts as HTML: deletions in <del>, insertions in <ins>, note references as <sup>."""

    def show(tokens: list[str]) -> str:
        out = []
        for token in tokens:
            match = NOTE_REFERENCE.fullmatch(token)
            out.append(f"<sup>{match[1]}</sup>" if match else html.escape(token, quote=False))
        return "".join(out)

    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    parts = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(show(a[i1:i2]))
            continue
        if i2 > i1:
            parts.append(f"<del>{show(a[i1:i2])}</del>")
        if j2 > j1:
            parts.append(f"<ins>{show(b[j1:j2])}</ins>")
    return "".join(parts)
