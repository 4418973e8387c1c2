"""source/metadata.yml -> Metadata: what the extracted text does not say about the article."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .errors import SourceError
from .yamlfile import line_of, load_yaml, read_utf8


@dataclass(frozen=True)
class Metadata:
    """Bibliographic facts of the printed article; an empty string means unknown and is never filled in.

    The web edition's own facts (its version, release date and address) are not here: they
    belong to the edition being built (``editions.edition.Edition``).
    """

    journal: str = ""
    journal_en: str = ""
    year: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    issn: str = ""
    publisher: str = ""
    license: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @property
    def page_range(self) -> tuple[str, str]:
        """(first, last) page; last is empty for a single page, both empty when unknown."""
        match = _PAGES.match(self.pages)
        if not match:
            return "", ""
        return match["first"], match["last"] or ""


_YEAR = re.compile(r"[12][0-9]{3}")
# A volume or an issue: a number, optionally with a letter before it (S1, 增刊 is written as S)
# or a second number after it (a double issue, 3-4 or 3/4).
_NUMBER = re.compile(r"[A-Za-z]?[0-9]{1,4}(?:[-/][0-9]{1,4})?")
_PAGES = re.compile(r"(?P<first>[A-Za-z]?[0-9]{1,6})(?:\s*[-–—]{1,2}\s*(?P<last>[A-Za-z]?[0-9]{1,6}))?")
# Crossref's pattern for the DOIs it registers, and an ISSN (the check digit is verified below).
_DOI = re.compile(r"10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+")
_ISSN = re.compile(r"[0-9]{4}-[0-9]{3}[0-9X]")


def _issn_check_digit_ok(issn: str) -> bool:
    digits = issn.replace("-", "")
    total = sum(int(d) * w for d, w in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def _check_pages(value: str) -> str:
    match = _PAGES.fullmatch(value)
    if not match:
        return "pages must be a page or a range of pages, e.g. 1-12"
    first, last = match["first"], match["last"]
    if last and first.isdigit() and last.isdigit() and int(last) < int(first):
        return f"pages {value!r}: the last page comes before the first"
    return ""


def _check_issn(value: str) -> str:
    if not _ISSN.fullmatch(value):
        return "issn must be written NNNN-NNNC, e.g. 1002-0683"
    if not _issn_check_digit_ok(value):
        return f"issn {value!r}: its check digit is wrong"
    return ""


def _pattern(pattern: re.Pattern[str], message: str) -> Callable[[str], str]:
    return lambda value: "" if pattern.fullmatch(value) else message


# Each field's shape; a field not listed (journal, publisher, license) is free text.
_CHECKS: dict[str, Callable[[str], str]] = {
    "year": _pattern(_YEAR, "year must be a year of four digits, e.g. 2025"),
    "volume": _pattern(_NUMBER, "volume must be a number, e.g. 12"),
    "issue": _pattern(_NUMBER, "issue must be a number, e.g. 3 (or 3-4 for a double issue)"),
    "pages": _check_pages,
    "doi": _pattern(_DOI, "doi must be a DOI as registered, 10.NNNN/suffix, without https://doi.org/"),
    "issn": _check_issn,
}


def parse_metadata(text: str, path: str) -> Metadata:
    """Parse and check the YAML mapping: known keys only, each value in its field's shape, kept as written."""
    data = load_yaml(text, path)
    if not isinstance(data, dict):
        raise SourceError(path, 1, "expected a mapping of field: value")
    known = {f.name for f in fields(Metadata)}
    values: dict[str, str] = {}
    for key, value in data.items():
        line = line_of(text, str(key))
        if key not in known:
            raise SourceError(path, line, f"unknown field {key!r} (known: {', '.join(sorted(known))})")
        if isinstance(value, (dict, list)):
            raise SourceError(path, line, f"field {key!r} must be a single value")
        value = "" if value is None else str(value).strip()
        if "\n" in value:
            raise SourceError(path, line, f"field {key!r} must be one line")
        problem = _CHECKS[key](value) if value and key in _CHECKS else ""
        if problem:
            raise SourceError(path, line, problem)
        values[key] = value
    return Metadata(**values)


def load_metadata(path: str | Path) -> Metadata:
    """Read the metadata file; a missing file means nothing is known."""
    path = Path(path)
    if not path.exists():
        return Metadata()
    return parse_metadata(read_utf8(path, "metadata file"), str(path))
