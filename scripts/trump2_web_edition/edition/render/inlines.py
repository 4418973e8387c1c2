"""Inlines -> Markdown or HTML: every renderer is one walk (``fold_inlines``) with its own rules."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from ..citations.archive import archive_url
from ..model import Inline, fold_inlines
from .escape import escape_attribute, escape_block, escape_text

# How a translator's note reference (part-local number) is shown; None drops it.
TranslatorMarks = Callable[[int], str] | None


def link_html(url: str, archived_on: dt.date | None = None) -> str:
    """A cited URL as a link; in a note, with Robust Links attributes pointing at its archived copy."""
    attributes = f'href="{escape_attribute(url)}"'
    if archived_on is not None:
        attributes += (
            f' data-originalurl="{escape_attribute(url)}" data-versiondate="{archived_on.isoformat()}"'
            f' data-versionurl="{escape_attribute(archive_url(url, archived_on))}"'
        )
    return f"<a {attributes}>{escape_text(url)}</a>"


def to_markdown(
    inlines: tuple[Inline, ...],
    *,
    block_start: bool = False,
    archived_on: dt.date | None = None,
    notes_as_references: bool = True,
    translator_marks: TranslatorMarks = None,
) -> str:
    """Inlines as Markdown that shows the text exactly as written.

    ``block_start``: the text opens a block (what would start a list or a heading is escaped).
    ``archived_on``: links carry Robust Links attributes for the archived copy of that date.
    ``notes_as_references``: note references are footnotes ``[^N]``; otherwise plain
    superscript numbers (the Chinese original shown beside a translation cites nothing twice).
    """

    def text(value: str, index: int) -> str:
        return escape_block(value) if block_start and index == 0 else escape_text(value)

    def note(number: int, _index: int) -> str:
        return f"[^{number}]" if notes_as_references else f'<sup class="original-note">{number}</sup>'

    def translator_note(number: int, _index: int) -> str:
        return translator_marks(number) if translator_marks else ""

    return "".join(
        fold_inlines(inlines, text, lambda url, _: link_html(url, archived_on), note, translator_note)
    )


def to_html(inlines: tuple[Inline, ...], translator_marks: TranslatorMarks = None) -> str:
    """Inlines as HTML outside Markdown (the References list): a note cited in a note reads ``[N]``."""
    return "".join(
        fold_inlines(
            inlines,
            lambda value, _: html.escape(value, quote=False),
            lambda url, _: f'<a href="{html.escape(url)}">{html.escape(url, quote=False)}</a>',
            lambda number, _: f"[{number}]",
            lambda number, _: translator_marks(number) if translator_marks else "",
        )
    )

