"""Inlines -> Markdown or HTML: every renderer is one walk (``fold_inlines``) with its own rules."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

from ...linkcheck.results import Capture
from ..model import Inline, fold_inlines
from .escape import escape_attribute, escape_block, escape_text

# How a translator's note reference (part-local number) is shown; None drops it.
TranslatorMarks = Callable[[int], str] | None


def link_html(url: str, capture: Capture | None = None) -> str:
    """A cited URL as a link; with Robust Links attributes only when an archive has confirmed a capture of it."""
    attributes = f'href="{escape_attribute(url)}"'
    if capture is not None:
        attributes += robust_attributes(url, capture)
    return f"<a {attributes}>{escape_text(url)}</a>"


def robust_attributes(url: str, capture: Capture) -> str:
    """Robust Links: the original URL, the verified archived copy and its date (YYYY-MM-DD), as attributes."""
    return (
        f' data-originalurl="{escape_attribute(url)}" data-versionurl="{escape_attribute(capture.url)}"'
        f' data-versiondate="{capture.date.isoformat()}"'
    )


def to_markdown(
    inlines: tuple[Inline, ...],
    *,
    block_start: bool = False,
    notes_as_references: bool = True,
    translator_marks: TranslatorMarks = None,
) -> str:
    """Inlines as Markdown that shows the text exactly as written.

    ``block_start``: the text opens a block (what would start a list or a heading is escaped).
    ``notes_as_references``: note references are footnotes ``[^N]``; otherwise plain
    superscript numbers (the Chinese original shown beside a translation cites nothing twice).
    """

    def text(value: str, index: int) -> str:
        return escape_block(value) if block_start and index == 0 else escape_text(value)

    def note(number: int, _index: int) -> str:
        return f"[^{number}]" if notes_as_references else f'<sup class="original-note">{number}</sup>'

    def translator_note(number: int, _index: int) -> str:
        return translator_marks(number) if translator_marks else ""

    return "".join(fold_inlines(inlines, text, lambda url, _: link_html(url), note, translator_note))


def to_html(
    inlines: tuple[Inline, ...],
    translator_marks: TranslatorMarks = None,
    captures: Mapping[str, Capture] | None = None,
) -> str:
    """Inlines as HTML outside Markdown (the References list): a note cited in a note reads ``[N]``; a link whose
    capture is verified (``captures``, by URL) carries Robust Links attributes."""
    captures = captures or {}

    def link(url: str, _index: int) -> str:
        capture = captures.get(url)
        robust = robust_attributes(url, capture) if capture else ""
        return f'<a href="{html.escape(url)}"{robust}>{html.escape(url, quote=False)}</a>'

    return "".join(
        fold_inlines(
            inlines,
            lambda value, _: html.escape(value, quote=False),
            link,
            lambda number, _: f"[{number}]",
            lambda number, _: translator_marks(number) if translator_marks else "",
        )
    )
