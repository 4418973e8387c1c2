"""source/metadata.yml -> Metadata: what the extracted text does not say about the article."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .errors import SourceError
from .yamlfile import line_of, load_yaml, read_utf8


@dataclass(frozen=True)
class Metadata:
    """Bibliographic facts; an empty string means unknown and is never filled in."""

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
    edition: str = ""

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def parse_metadata(text: str, path: str) -> Metadata:
    """Parse and check the YAML mapping: known keys only, scalar values kept as written."""
    data = load_yaml(text, path)
    if not isinstance(data, dict):
        raise SourceError(path, 1, "expected a mapping of field: value")
    known = {f.name for f in fields(Metadata)}
    values: dict[str, str] = {}
    for key, value in data.items():
        if key not in known:
            line = line_of(text, str(key))
            raise SourceError(path, line, f"unknown field {key!r} (known: {', '.join(sorted(known))})")
        if isinstance(value, (dict, list)):
            raise SourceError(path, line_of(text, str(key)), f"field {key!r} must be a single value")
        values[key] = "" if value is None else str(value)
    return Metadata(**values)


def load_metadata(path: str | Path) -> Metadata:
    """Read the metadata file; a missing file means nothing is known."""
    path = Path(path)
    if not path.exists():
        return Metadata()
    return parse_metadata(read_utf8(path, "metadata file"), str(path))
