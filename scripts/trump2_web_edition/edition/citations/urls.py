"""The URLs cited in the notes, with where and when each was cited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only named in annotations: the link checker's start does without the document model
    from ..model import Document


@dataclass(frozen=True)
class CitedUrl:
    """One citation of a URL: the note citing it, its section, its place in the original, the note's date."""

    url: str
    note: int | None = None
    section_id: str | None = None
    section_title: str | None = None
    printed_page: int | None = None  # the printed page of the citing note
    number_on_page: int | None = None  # the note's number on that page
    date: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "note": self.note,
            "section": self.section_id,
            "section_title": self.section_title,
            "page": self.printed_page,
            "page_note": self.number_on_page,
            "date": self.date.isoformat() if self.date else None,
        }


def cited_urls(document: Document) -> tuple[CitedUrl, ...]:
    """Every URL cited in the notes, in note order, with the note's place and date."""
    cited: list[CitedUrl] = []
    for note in document.notes:
        try:
            section = document.section_of_note(note.number)
        except KeyError:
            section = None
        for url in note.urls:
            cited.append(
                CitedUrl(
                    url=url,
                    note=note.number,
                    section_id=section.id if section else None,
                    section_title=section.heading.text if section and section.heading else None,
                    printed_page=note.printed_page,
                    number_on_page=note.number_on_page,
                    date=note.date,
                )
            )
    return tuple(cited)
