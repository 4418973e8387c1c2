"""The English translation: its files, how current each part is, and its text as inlines."""

from .files import TRANSLATOR_MARKER, Entry, Quote, Rendering, Term, load_glossary, load_translations
from .status import (
    CURRENT,
    MISMATCHED,
    MISSING,
    STALE,
    ItemState,
    SourceItem,
    TranslationStatus,
    marked_text,
    note_id,
    note_markers,
    source_hash,
    source_items,
    translated_inlines,
    translation_status,
)

__all__ = [
    "CURRENT",
    "MISMATCHED",
    "MISSING",
    "STALE",
    "TRANSLATOR_MARKER",
    "Entry",
    "ItemState",
    "Quote",
    "Rendering",
    "SourceItem",
    "Term",
    "TranslationStatus",
    "load_glossary",
    "load_translations",
    "marked_text",
    "note_id",
    "note_markers",
    "source_hash",
    "source_items",
    "translated_inlines",
    "translation_status",
]
