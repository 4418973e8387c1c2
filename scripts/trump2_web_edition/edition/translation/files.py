"""The translation files (``source/translations/en/*.yml``): each part's English, its review and its notes;
and the glossary (``source/glossary.yml``) that fixes the English of recurring terms, one rendering or several.

An entry, keyed by the id of the Chinese it translates::

    s3-p10:
      source_hash: 0123abcd4567     # the start of the SHA-256 of the Chinese translated
      text: >-                      # [^N] cites the author's note N, [^t1] the entry's first translator's note
        …
      reviewed: 2026-11-29          # optional: the date of the review that passed this text
      review_note: …                # optional: one line, a choice made and why
      translator_notes: [ … ]       # optional: cited in the text as [^t1], [^t2] … in order, each once
      quotes:                       # optional: quotations of English originals, verbatim, in the text
        - {text: …, source: …, verified: …}   # or in one of the entry's translator's notes
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import SourceError

MIN_HASH_LENGTH = 8
TRANSLATOR_MARKER = re.compile(r"\[\^t(\d+)\]")
_REQUIRED = {"source_hash", "text"}
_OPTIONAL = {"reviewed", "review_note", "translator_notes", "quotes"}
_QUOTE_FIELDS = {"text", "source", "verified"}

# libyaml's loader when PyYAML has it (about 10x faster: most of a conversion's time otherwise).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Quote:
    """A quotation of an English-language original, given in its own words, and where that was checked."""

    text: str
    source: str
    verified: str


@dataclass(frozen=True)
class Entry:
    """One translated part: its English, the hash of the Chinese it was made from, its review, where it is written."""

    id: str
    source_hash: str
    text: str
    path: str
    line: int
    reviewed: dt.date | None = None
    review_note: str = ""
    translator_notes: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _scalar(node: yaml.Node, path: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not isinstance(node.value, str):
        raise SourceError(path, _line(node), f"{what} must be text")
    return node.value


def _text(node: yaml.Node, path: str, what: str) -> str:
    """A one-line text field (folded scalars fold to one line)."""
    value = _scalar(node, path, what).strip()
    if not value:
        raise SourceError(path, _line(node), f"{what} is empty")
    return " ".join(value.split("\n"))


def _mapping(node: yaml.Node, path: str, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise SourceError(path, _line(node), f"{what}: expected a mapping")
    return {_scalar(k, path, "a field name"): v for k, v in node.value}


def _sequence(node: yaml.Node, path: str, what: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.SequenceNode):
        raise SourceError(path, _line(node), f"{what}: expected a list")
    return list(node.value)


def _reviewed(node: yaml.Node, path: str, key: str) -> dt.date:
    value = _scalar(node, path, f"{key}: reviewed").strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise SourceError(path, _line(node), f"{key}: reviewed must be a date (YYYY-MM-DD), not {value!r}") from None


def _quotes(node: yaml.Node, path: str, key: str, text: str, notes: tuple[str, ...]) -> tuple[Quote, ...]:
    quotes = []
    for item in _sequence(node, path, f"{key}: quotes"):
        fields = _mapping(item, path, f"{key}: a quote")
        if set(fields) != _QUOTE_FIELDS:
            raise SourceError(path, _line(item), f"{key}: a quote has exactly text, source and verified")
        quote = Quote(*(_text(fields[name], path, f"{key}: quote {name}") for name in ("text", "source", "verified")))
        if quote.text not in text and not any(quote.text in note for note in notes):
            problem = f"{key}: the quotation is not in the text or a translator's note word for word: {quote.text!r}"
            raise SourceError(path, _line(item), problem)
        quotes.append(quote)
    return tuple(quotes)


def _translator_notes(node: yaml.Node | None, path: str, key: str, text: str, line: int) -> tuple[str, ...]:
    notes = () if node is None else tuple(
        _text(item, path, f"{key}: a translator's note") for item in _sequence(node, path, f"{key}: translator_notes")
    )
    cited = [int(number) for number in TRANSLATOR_MARKER.findall(text)]
    if cited != list(range(1, len(notes) + 1)):
        raise SourceError(
            path,
            line,
            f"{key}: the text cites translator's notes {cited or 'none'}; it must cite [^t1]…[^t{len(notes)}]"
            " once each, in order",
        )
    return notes


def _entry(key: str, node: yaml.Node, path: str, line: int) -> Entry:
    fields = _mapping(node, path, f"{key}: expected source_hash and text")
    missing, unknown = _REQUIRED - set(fields), set(fields) - _REQUIRED - _OPTIONAL
    if missing or unknown:
        problem = f"missing {sorted(missing)}" if missing else f"unknown {sorted(unknown)}"
        raise SourceError(path, line, f"{key}: {problem} (fields: source_hash, text, {', '.join(sorted(_OPTIONAL))})")
    digest = _scalar(fields["source_hash"], path, "source_hash").strip().lower()
    if not re.fullmatch(rf"[0-9a-f]{{{MIN_HASH_LENGTH},64}}", digest):
        raise SourceError(path, line, f"{key}: source_hash must be {MIN_HASH_LENGTH} to 64 hex digits")
    text = _scalar(fields["text"], path, "text").strip()
    notes = _translator_notes(fields.get("translator_notes"), path, key, text, line)
    return Entry(
        id=key,
        source_hash=digest,
        text=text,
        path=path,
        line=line,
        reviewed=_reviewed(fields["reviewed"], path, key) if "reviewed" in fields else None,
        review_note=_text(fields["review_note"], path, f"{key}: review_note") if "review_note" in fields else "",
        translator_notes=notes,
        quotes=_quotes(fields["quotes"], path, key, text, notes) if "quotes" in fields else (),
    )


def _entries_of(path: Path) -> list[Entry]:
    name = str(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise SourceError(name, mark.line + 1 if mark else 1, f"not valid YAML: {error.problem}") from None
    except UnicodeDecodeError:
        raise SourceError(name, 1, "not UTF-8") from None
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(name, _line(root), "expected a mapping of ids to translations")
    return [_entry(_scalar(k, name, "an id"), v, name, _line(k)) for k, v in root.value]


def load_translations(folder: Path) -> dict[str, Entry]:
    """Read every ``*.yml`` in ``folder`` (none when it does not exist): id -> entry."""
    entries: dict[str, Entry] = {}
    if not folder.is_dir():
        return entries
    for path in sorted(folder.glob("*.yml")):
        for entry in _entries_of(path):
            if entry.id in entries:
                first = entries[entry.id]
                also = f"{first.path}:{first.line}"
                raise SourceError(entry.path, entry.line, f"{entry.id} is translated twice (also {also})")
            entries[entry.id] = entry
    return entries


# --- the glossary --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendering:
    """One English rendering of a glossary term, for the parts (ids) it is used in, and why."""

    en: str
    ids: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Term:
    """A glossary term: its Chinese, its English (the default) and any renderings fixed for given parts.

    ``en`` alone: one English wherever the Chinese occurs. ``renderings``: a term whose English depends
    on the context; each part where the Chinese occurs takes the rendering that lists its id, otherwise
    ``en`` (when there is no ``en``, every such part must be listed).
    """

    zh: str
    en: str = ""
    renderings: tuple[Rendering, ...] = ()
    author: str = ""
    note: str = ""

    def english_for(self, item_id: str) -> str | None:
        """The English this term must have in part ``item_id``; None when the glossary fixes none."""
        for rendering in self.renderings:
            if item_id in rendering.ids:
                return rendering.en
        return self.en or None


_TERM_FIELDS = {"zh", "en", "renderings", "author", "note"}
_RENDERING_FIELDS = {"en", "ids", "note"}


def _rendering(node: yaml.Node, path: str, zh: str) -> Rendering:
    fields = _mapping(node, path, f"{zh}: a rendering")
    if not {"en", "ids"} <= set(fields) <= _RENDERING_FIELDS:
        raise SourceError(path, _line(node), f"{zh}: a rendering has en and ids, and may have a note")
    ids = tuple(_text(item, path, f"{zh}: an id") for item in _sequence(fields["ids"], path, f"{zh}: ids"))
    if not ids:
        raise SourceError(path, _line(node), f"{zh}: a rendering lists the ids it applies to")
    note = _text(fields["note"], path, f"{zh}: note") if "note" in fields else ""
    return Rendering(_text(fields["en"], path, f"{zh}: en"), ids, note)


def _term(node: yaml.Node, path: str) -> Term:
    fields = _mapping(node, path, "a glossary term")
    if "zh" not in fields or set(fields) - _TERM_FIELDS:
        raise SourceError(path, _line(node), f"a glossary term has zh and the fields {sorted(_TERM_FIELDS - {'zh'})}")
    zh = _text(fields["zh"], path, "zh")
    text = {name: _text(fields[name], path, f"{zh}: {name}") for name in ("en", "author", "note") if name in fields}
    renderings = (
        tuple(_rendering(item, path, zh) for item in _sequence(fields["renderings"], path, f"{zh}: renderings"))
        if "renderings" in fields
        else ()
    )
    if "en" not in text and not renderings:
        raise SourceError(path, _line(node), f"{zh}: an English rendering (en) or renderings is required")
    ids = [i for rendering in renderings for i in rendering.ids]
    if len(ids) != len(set(ids)):
        raise SourceError(path, _line(node), f"{zh}: an id is given two renderings")
    return Term(zh, text.get("en", ""), renderings, text.get("author", ""), text.get("note", ""))


def load_glossary(path: Path) -> tuple[Term, ...]:
    """Read the glossary's ``terms:`` list, each term checked (file and line on a fault)."""
    name = str(path)
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=_LOADER)
    terms = _mapping(root, name, "the glossary").get("terms") if root is not None else None
    if terms is None:
        raise SourceError(name, 1, "the glossary has no terms")
    return tuple(_term(item, name) for item in _sequence(terms, name, "terms"))
