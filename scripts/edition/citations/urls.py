"""The URLs cited in the notes, with where and when each was cited (or a plain URL list)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..model import Document


class UrlListError(ValueError):
    """A line of a URL list file that is not an http(s) URL; carries the file and line."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


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
                    page=note.page,
                    page_note=note.page_number,
                    date=note.date,
                )
            )
    return tuple(cited)


def parse_url_list(text: str, path: Path = Path("<urls>")) -> tuple[CitedUrl, ...]:
    """URLs from a plain list: one per line; blank lines and lines starting with # are skipped."""
    cited: list[CitedUrl] = []
    for number, line in enumerate(text.splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
            raise UrlListError(path, number, f"not an http(s) URL: {url!r}")
        cited.append(CitedUrl(url=url))
    return tuple(cited)


def read_url_list(path: Path) -> tuple[CitedUrl, ...]:
    """URLs from a plain list file (UTF-8, BOM allowed)."""
    return parse_url_list(Path(path).read_text(encoding="utf-8-sig"), Path(path))
