"""The English translation: its files, how current each part is, and its text as inlines."""

from .files import TRANSLATOR_MARKER, Entry, Quote, load_translations
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
    "SourceItem",
    "TranslationStatus",
    "load_translations",
    "marked_text",
    "note_id",
    "note_markers",
    "source_hash",
    "source_items",
    "translated_inlines",
    "translation_status",
]
