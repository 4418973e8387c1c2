"""Extraction: the URLs cited in the notes, with where and when they were cited."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only named in annotations: the link checker's start does without the document model
    from edition.model import Document

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# The extracted text puts spaces around the numbers irregularly: "2024年 12 月 17 日", "2025 年 1 月22 日".
CHINESE_DATE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
ENGLISH_DATE = re.compile(
    r"\b(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+"
    r"(?P<day>\d{1,2}),?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CitedUrl:
    """One citation of a URL: the note citing it, its section, its place in the original, the note's date."""

    url: str
    note: int | None = None
    section_id: str | None = None
    section_title: str | None = None
    page: int | None = None
    page_note: int | None = None
    date: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "note": self.note,
            "section": self.section_id,
            "section_title": self.section_title,
            "page": self.page,
            "page_note": self.page_note,
            "date": self.date.isoformat() if self.date else None,
        }


def _dates(text: str) -> list[tuple[int, dt.date]]:
    """Every valid date in the text, with its position."""
    found: list[tuple[int, dt.date]] = []
    for pattern in (CHINESE_DATE, ENGLISH_DATE):
        for match in pattern.finditer(text):
            month = match["month"]
            month_number = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                found.append((match.start(), dt.date(int(match["year"]), month_number, int(match["day"]))))
            except ValueError:
                continue
    return sorted(found, key=lambda item: item[0])


def parse_note_date(text: str, before: int | None = None) -> dt.date | None:
    """The date a note gives (Chinese or English form): the last one before ``before``, else the first one."""
    found = _dates(text)
    if not found:
        return None
    if before is not None:
        earlier = [date for position, date in found if position < before]
        if earlier:
            return earlier[-1]
    return found[0][1]


def cited_urls(document: Document) -> tuple[CitedUrl, ...]:
    """Every URL cited in the notes, in note order."""
    cited: list[CitedUrl] = []
    for note in document.notes:
        if not note.urls:
            continue
        try:
            section = document.section_of_note(note.number)
        except KeyError:
            section = None
        text = note.text
        for url in note.urls:
            position = text.find(url)
            cited.append(
                CitedUrl(
                    url=url,
                    note=note.number,
                    section_id=section.id if section else None,
                    section_title=section.heading.text if section and section.heading else None,
                    page=note.page,
                    page_note=note.page_number,
                    date=parse_note_date(text, position if position >= 0 else None),
                )
            )
    return tuple(cited)
