"""source/editions.yml -> where the edition is published and the editor's note of each edition."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..edition.errors import SourceError
from ..edition.yamlfile import TextLoader, line_of


@dataclass(frozen=True)
class EditorNote:
    """What an edition corrects and why, in each language."""

    zh: str = ""
    en: str = ""


@dataclass(frozen=True)
class EditionsFile:
    """The committed facts about publishing: the repository, the site's address, the editor's notes."""

    repository: str = ""
    site_url: str = ""
    notes: dict[str, EditorNote] = field(default_factory=dict)


def parse_editions(text: str, path: str) -> EditionsFile:
    """Parse and check source/editions.yml."""
    try:
        data = yaml.load(text, Loader=TextLoader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise SourceError(path, mark.line + 1 if mark else 1, f"not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise SourceError(path, 1, "expected a mapping (repository, site_url, notes)")
    unknown = set(data) - {"repository", "site_url", "notes"}
    if unknown:
        key = sorted(map(str, unknown))[0]
        raise SourceError(path, line_of(text, key), f"unknown field {key!r} (known: notes, repository, site_url)")
    for key in ("repository", "site_url"):
        value = data.get(key) or ""
        if not isinstance(value, str) or (value and not value.startswith(("https://", "http://"))):
            raise SourceError(path, line_of(text, key), f"{key} must be an http(s) address")
    notes: dict[str, EditorNote] = {}
    raw_notes = data.get("notes") or {}
    if not isinstance(raw_notes, dict):
        raise SourceError(path, line_of(text, "notes"), "notes must map an edition number to its zh and en note")
    for version, note in raw_notes.items():
        line = line_of(text, str(version))
        if not isinstance(note, dict) or set(note) - {"zh", "en"}:
            raise SourceError(path, line, f"notes: {version}: expected zh and en texts")
        if not all(isinstance(note.get(k, ""), str) for k in ("zh", "en")):
            raise SourceError(path, line, f"notes: {version}: zh and en must be text")
        notes[str(version)] = EditorNote(note.get("zh", "").strip(), note.get("en", "").strip())
    return EditionsFile(data.get("repository") or "", data.get("site_url") or "", notes)


def load_editions(path: Path) -> EditionsFile:
    """Read source/editions.yml; a missing file means nothing is known."""
    if not path.is_file():
        return EditionsFile()
    return parse_editions(path.read_text(encoding="utf-8"), str(path))
