"""The English translation: its files, how current each part is, and its text as inlines."""

from .files import TRANSLATOR_MARKER, Entry, Quote, Rendering, Term, load_glossary, load_translations
from .status import (
    CURRENT,
    MISMATCHED,
    MISSING,
    STALE,
    ItemState,
    TranslationStatus,
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
    "Term",
    "TranslationStatus",
    "load_glossary",
    "load_translations",
    "source_items",
    "translated_inlines",
    "translation_status",
]
