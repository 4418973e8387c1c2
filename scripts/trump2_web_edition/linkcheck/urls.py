"""URLs to check, each with where it came from (told by whoever found it), and reading them from a plain list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Origin:
    """Where a URL was found, in its finder's words: the checker only shows it, never reads it.

    ``group`` is what the URL belongs to (JUnit's class name, e.g. "note 3"); ``place`` says where in full (the
    table's WHERE, e.g. "note 3 (p. 1, n. 3)"); ``columns`` are (heading, text) cells shown before the URL in
    Markdown; ``fields`` are (key, value) pairs added to the URL's JSON result; ``date`` is when the finder saw the
    URL (archives are asked for the capture closest to it).
    """

    group: str = ""
    place: str = ""
    columns: tuple[tuple[str, str], ...] = ()
    fields: tuple[tuple[str, Any], ...] = ()
    date: dt.date | None = None


@dataclass(frozen=True)
class Target:
    """One URL to check, and where it came from (a URL found twice is two targets and one check)."""

    url: str
    origin: Origin = Origin()


class UrlListError(ValueError):
    """A line of a URL list file that is not an http(s) URL; carries the file and line."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


def parse_url_list(text: str, path: Path = Path("<urls>")) -> tuple[str, ...]:
    """URLs from a plain list: one per line; blank lines and lines starting with # are skipped."""
    urls: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in url):
            raise UrlListError(path, number, f"not an http(s) URL: {url!r}")
        urls.append(url)
    return tuple(urls)


def read_url_list(path: Path) -> tuple[str, ...]:
    """URLs from a plain list file (UTF-8, BOM allowed)."""
    return parse_url_list(Path(path).read_text(encoding="utf-8-sig"), Path(path))
