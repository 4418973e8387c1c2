"""What there is to translate, how current each part's translation is, and its English as inlines."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ..model import Document, Inline, Link, NoteRef, Text, TranslatorNoteRef
from ..plan import (
    EDITORS,
    HEADING,
    NOTE,
    NOTE_REFERENCE,
    PARAGRAPH,
    Passage,
    Plan,
    as_plan,
    build_plan,
    note_references,
)
from .files import TRANSLATOR_MARKER, Entry

CURRENT = "current"
STALE = "stale"
MISSING = "missing"
MISMATCHED = "mismatched"
# How the status report names each kind of passage it counts.
_GROUPS = {HEADING: "headings", PARAGRAPH: "paragraphs", NOTE: "notes", EDITORS: "editors"}


def source_items(document: Document) -> tuple[Passage, ...]:
    """Everything the English edition translates, in reading order (the plan's translated passages)."""
    return build_plan(document).translated


@dataclass(frozen=True)
class ItemState:
    """A source item, its translation (if any) and whether that translation can be shown."""

    item: Passage
    state: str
    entry: Entry | None

    @property
    def usable(self) -> bool:
        """The translation can stand in the page (current, or stale but marked as such)."""
        return self.state in (CURRENT, STALE)


def _state(item: Passage, entry: Entry | None) -> str:
    if entry is None:
        return MISSING
    if note_references(entry.text) != item.note_numbers or any(url not in entry.text for url in item.urls):
        return MISMATCHED
    if not hashlib.sha256(item.text.encode("utf-8")).hexdigest().startswith(entry.source_hash):
        return STALE
    return CURRENT


@dataclass(frozen=True)
class TranslationStatus:
    """How far the translation covers the document, item by item."""

    items: tuple[ItemState, ...]
    orphans: tuple[Entry, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {state.item.id: state for state in self.items})

    def get(self, item_id: str) -> ItemState:
        return self._by_id[item_id]  # type: ignore[attr-defined]

    def ids(self, state: str) -> tuple[str, ...]:
        return tuple(s.item.id for s in self.items if s.state == state)

    def ids_reviewed(self) -> tuple[str, ...]:
        """The parts whose current translation records a review."""
        return tuple(
            s.item.id for s in self.items if s.state == CURRENT and s.entry is not None and s.entry.reviewed
        )

    def translator_note_numbers(self) -> dict[tuple[str, int], int]:
        """(part id, its k-th translator's note) -> the note's number through the English edition, in reading order."""
        numbers: dict[tuple[str, int], int] = {}
        for state in self.items:
            if state.usable and state.entry is not None:
                for local in range(1, len(state.entry.translator_notes) + 1):
                    numbers[(state.item.id, local)] = len(numbers) + 1
        return numbers

    @property
    def complete(self) -> bool:
        """Every item has a current translation and no translation is left over."""
        return all(s.state == CURRENT for s in self.items) and not self.orphans

    @property
    def coverage(self) -> float:
        """The share of items whose translation is current (1.0 when there is nothing to translate)."""
        return len(self.ids(CURRENT)) / len(self.items) if self.items else 1.0

    def warnings(self) -> tuple[str, ...]:
        """One message per item that is not current and per translation of nothing."""
        messages = {
            STALE: "translation is stale: the Chinese text changed since it was translated",
            MISSING: "no translation",
            MISMATCHED: "translation does not cite the same notes or URLs as the Chinese text",
        }
        found = []
        for state in self.items:
            if state.state == CURRENT:
                continue
            where = f"{state.entry.path}:{state.entry.line}: " if state.entry else ""
            found.append(f"{where}{state.item.id}: {messages[state.state]}")
        for entry in self.orphans:
            found.append(f"{entry.path}:{entry.line}: {entry.id}: translates nothing in the document")
        return tuple(found)

    def build_warnings(self, where: str) -> tuple[str, ...]:
        """What a conversion prints: one line per part, or one line in all when the translations in
        ``where`` do not belong to this text (fewer than half of its parts match)."""
        if not self.items or self.coverage >= 0.5:
            return self.warnings()
        current = len(self.ids(CURRENT))
        if current == 0 and not any(s.entry for s in self.items) and not self.orphans:
            return (f"{where}: no translation of this text: the English pages show the Chinese",)
        return (
            f"{where}: the translations match {current} of the {len(self.items)} parts of this text:"
            " they translate another text (the English pages show the Chinese where they do not match;"
            " --translation-status lists the parts)",
        )

    def report(self) -> str:
        """A plain-text summary: coverage, then the ids that are not current."""
        total = len(self.items)
        current = len(self.ids(CURRENT))
        by_kind: dict[str, list[int]] = {}
        for state in self.items:
            counts = by_kind.setdefault(_GROUPS[state.item.kind], [0, 0])
            counts[0] += state.state == CURRENT
            counts[1] += 1
        lines = [f"English translation: {current}/{total} current ({self.coverage:.1%})"]
        lines += [f"  {kind}: {done}/{count}" for kind, (done, count) in by_kind.items()]
        reviewed = self.ids_reviewed()
        lines.append(f"reviewed: {len(reviewed)}/{total} (current translations that passed a review)")
        unreviewed = [s.item.id for s in self.items if s.state == CURRENT and s.item.id not in reviewed]
        lines.append(f"not reviewed: {' '.join(unreviewed) if unreviewed else '-'}")
        for state in (STALE, MISSING, MISMATCHED):
            ids = self.ids(state)
            lines.append(f"{state}: {' '.join(ids) if ids else '-'}")
        lines.append(f"orphaned: {' '.join(e.id for e in self.orphans) if self.orphans else '-'}")
        todo = [s for s in self.items if s.state != CURRENT]
        if todo:
            lines.append("the Chinese each of these translates now (source_hash to record once revised):")
            lines += [f"  {s.item.id}: {s.item.hash}" for s in todo]
        return "\n".join(lines)


def translation_status(source: Plan | Document, entries: dict[str, Entry]) -> TranslationStatus:
    """Compare the translation entries with the current Chinese text (of a plan, or of a document)."""
    items = as_plan(source).translated
    known = {item.id for item in items}
    states = tuple(ItemState(item, _state(item, entries.get(item.id)), entries.get(item.id)) for item in items)
    orphans = tuple(entry for entry in entries.values() if entry.id not in known)
    return TranslationStatus(states, orphans)


def translated_inlines(text: str, urls: tuple[str, ...] = (), notes: int | None = None) -> tuple[Inline, ...]:
    """A translated text as inlines: ``[^N]`` -> NoteRef, ``[^tK]`` -> TranslatorNoteRef, the source's URLs -> Link.

    With ``notes`` (the document's note count), a marker citing no such note stays text.
    """
    pieces = [re.escape(url) for url in sorted(set(urls), key=len, reverse=True)]
    pattern = re.compile("|".join([NOTE_REFERENCE.pattern, TRANSLATOR_MARKER.pattern, *pieces]))
    inlines: list[Inline] = []
    position = 0
    for match in pattern.finditer(text):
        inline: Inline
        if match[1]:
            number = int(match[1])
            if notes is not None and not 1 <= number <= notes:
                continue
            inline = NoteRef(number)
        elif match[2]:
            inline = TranslatorNoteRef(int(match[2]))
        else:
            inline = Link(match[0])
        if match.start() > position:
            inlines.append(Text(text[position : match.start()]))
        inlines.append(inline)
        position = match.end()
    if position < len(text):
        inlines.append(Text(text[position:]))
    return tuple(inlines)
