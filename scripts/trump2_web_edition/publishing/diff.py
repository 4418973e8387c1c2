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

from ..edition import ids
from ..edition.model import Document, Heading, Paragraph
from ..edition.translation import CURRENT, TranslationStatus, marked_text, note_id
from ..edition.translation.status import NOTE_MARKER

# A Latin word (with inner apostrophes, dots, hyphens), a run of spaces, a note reference, or one character.
_TOKEN = re.compile(r"\[\^\d+\]|[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*|\s+|.", re.DOTALL)


@dataclass(frozen=True)
class Passage:
    """One comparable piece of an edition: a heading, a paragraph, a note, the title or the editors line."""

    id: str
    kind: str  # heading, paragraph, note, title, keywords, editors
    page: str  # the page it is shown on
    text: str  # the Chinese, note references written [^N]
    english: str = ""  # its English as the English page shows it ("" when it shows none)
    english_current: bool = False  # the English translates this very text

    @property
    def key(self) -> str:
        """What is compared: the text with note numbers left out (a renumbered note is no change)."""
        return NOTE_MARKER.sub("[^]", self.text)


@dataclass(frozen=True)
class Change:
    """A passage that differs between two editions: ``old`` or ``new`` is None when it was added or removed."""

    old: Passage | None
    new: Passage | None

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


def _english(status: TranslationStatus | None, item_id: str) -> tuple[str, bool]:
    if status is None:
        return "", False
    try:
        state = status.get(item_id)
    except KeyError:
        return "", False
    if state.entry is None or not state.usable:
        return "", False
    return state.entry.text, state.state == CURRENT


def passages(document: Document, status: TranslationStatus | None = None) -> tuple[tuple[Passage, ...], ...]:
    """The document's passages in reading order: (the text's, the notes')."""
    body = [
        Passage("title", "title", ids.HOME, document.title.text),
        Passage(document.abstract.id, "paragraph", ids.HOME, marked_text(document.abstract.inlines)),
    ]
    if document.keywords:
        body.append(Passage("keywords", "keywords", ids.HOME, "；".join(document.keywords)))
    for section in document.sections:
        page = ids.page_of_section(section.id, section.heading is not None)
        for block in ((section.heading,) if section.heading else ()) + section.blocks:
            if isinstance(block, Heading):
                body.append(Passage(block.id, "heading", page, block.text, *_english(status, block.id)))
            elif isinstance(block, Paragraph):
                text = marked_text(block.inlines)
                body.append(Passage(block.id, "paragraph", page, text, *_english(status, block.id)))
    if document.editors is not None:
        last = document.sections[-1]
        page = ids.page_of_section(last.id, last.heading is not None)
        body.append(Passage("editors", "editors", page, document.editors.text, *_english(status, "editors")))
    notes = [
        Passage(
            note_id(note.number),
            "note",
            _note_page(document, note.number),
            marked_text(note.inlines),
            *_english(status, note_id(note.number)),
        )
        for note in document.notes
    ]
    return tuple(body), tuple(notes)


def _note_page(document: Document, number: int) -> str:
    """The page a note is shown on: its citing section's (the abstract's notes are on the home page)."""
    try:
        section = document.section_of_note(number)
    except KeyError:
        return ids.HOME
    return ids.page_of_section(section.id, section.heading is not None)


def _align(old: tuple[Passage, ...], new: tuple[Passage, ...]) -> list[Change]:
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
    old: Document,
    new: Document,
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
            match = NOTE_MARKER.fullmatch(token)
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
