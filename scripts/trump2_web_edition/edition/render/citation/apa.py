"""CitedWork -> its APA (7th edition) reference, as the CSL style apa gives it with its own (en-US) locale.

A web page while the journal is unknown: Author. (Year, Month Day). *Title* [English title] (Version 1.0).
URL. A journal article once it is known: Author. (Year). Title [English title]. *Journal*,
*volume*(issue), pages. https://doi.org/DOI (or the URL).

One difference from the style, on purpose (``engine_form`` takes it out for the comparison with
citeproc-js): the CSL style apa prints a version only for monographic types, not for a web page;
this edition is versioned and a citation must say which edition it quotes, so the version stands
after the title as APA 7 writes it for versioned works.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .work import JOURNAL_ARTICLE, CitedWork, Name

_MONTHS = ("January February March April May June July August September October November December").split()


@dataclass(frozen=True)
class ApaReference:
    """The reference as runs of (text, italic), so that a page can set in italics what APA does."""

    runs: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)


def author(name: Name) -> str:
    """王子旗; Wang, Z."""
    if not name.latin:
        return name.full
    initials = " ".join(f"{initial}." for initial in name.initials)
    return f"{name.family}, {initials}" if initials else name.family


def _date(work: CitedWork) -> str:
    issued = work.issued
    if not issued:
        return "n.d."  # APA's own mark for an unknown date
    if len(issued) == 3:
        return f"{issued[0]}, {_MONTHS[issued[1] - 1]} {issued[2]}"
    return str(issued[0])


def accessed_date(date: dt.date) -> str:
    """The date accessed as APA writes it: November 20, 2026."""
    return f"{_MONTHS[date.month - 1]} {date.day}, {date.year}"


def apa(work: CitedWork, accessed: str = "") -> ApaReference:
    """The reference of ``work``: a web page's title in italics, or a journal's name and volume.

    An undated web page is cited with the date it was retrieved: ``accessed`` (as ``accessed_date``
    writes it, or the placeholder the page's script fills in).
    """
    name = author(work.author)
    before = f"{name}{'' if name.endswith('.') else '.'} ({_date(work)}). "
    translated = f" [{work.title_translated}]" if work.title_translated else ""
    link = f" https://doi.org/{work.doi}" if work.doi else f" {work.url}" if work.url else ""
    if link and not work.issued and work.kind != JOURNAL_ARTICLE and not work.doi:
        link = f" Retrieved {accessed}, from{link}"
    # A translation names its original as APA asks: "(Original work published as <title>)".
    original = [(" (Original work published as ", False), (work.original_title, True), (")", False)]
    original = original if work.original_title else []
    if work.kind != JOURNAL_ARTICLE:
        version = f" (Version {work.version})" if work.version else ""
        runs = ((before, False), (work.title, True), (f"{translated}{version}.{link}", False), *original)
        return ApaReference(runs)
    runs = [(f"{before}{work.title}{translated}. ", False), (work.journal, True)]
    if work.volume:
        runs += [(", ", False), (work.volume, True)]
        runs += [(f"({_dashes(work.issue)})", False)] if work.issue else []
    elif work.issue:
        runs += [(f", ({_dashes(work.issue)})", False)]
    if work.page_text:
        runs += [(f", {_dashes(work.page_text)}", False)]
    runs += [(f".{link}", False), *original]
    return ApaReference(tuple(runs))


def engine_form(text: str) -> str:
    """The reference as the CSL style apa renders it: without the version it adds to a web page."""
    return re.sub(r" \(Version [^)]+\)\.", ".", text, count=1)


def _dashes(numbers: str) -> str:
    """A range of pages or issues takes an en dash in APA (1–12)."""
    return numbers.replace("-", "–")
