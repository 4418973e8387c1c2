"""source/layout.yml -> the editor's decisions on paragraph boundaries the print layout leaves open."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import SourceError
from .measure import NOTE_MARKER
from .yamlfile import line_of, load_yaml, read_utf8

PARAGRAPH = "paragraph"  # a new paragraph starts at the boundary
CONTINUE = "continue"  # the paragraph runs on
READINGS = (PARAGRAPH, CONTINUE)
SECTION = "paragraphs"
# How much text on each side names a boundary in a warning: enough to be unique in an article.
KEY_LENGTH = 12
_SEPARATOR = "|"


def squeeze(text: str) -> str:
    """Text as a boundary key compares it: no whitespace, no note markers (their numbers are the page's)."""
    return "".join(NOTE_MARKER.sub("", text).split())


def boundary_key(before: str, after: str) -> str:
    """The key that names the boundary between two texts: the end of one, ``|``, the start of the other."""
    return f"{squeeze(before)[-KEY_LENGTH:]}{_SEPARATOR}{squeeze(after)[:KEY_LENGTH]}"


@dataclass(frozen=True)
class Decision:
    """An editor's reading of one boundary, named by the text on each side of it (spaces ignored)."""

    before: str
    after: str
    reading: str
    path: str
    line: int

    @property
    def key(self) -> str:
        return f"{self.before}{_SEPARATOR}{self.after}"

    def matches(self, before: str, after: str) -> bool:
        """Whether this decision names the boundary between ``before`` and ``after`` (any amount of text)."""
        return squeeze(before).endswith(self.before) and squeeze(after).startswith(self.after)


@dataclass(frozen=True)
class Ambiguity:
    """A sentence end at a line end that the layout reads both as a paragraph end and as running on.

    ``line`` is the line after the boundary; ``before`` and ``after`` are the sentences on each
    side; ``reading`` is the one taken: the editor's ``decision`` if one settles it, else the
    likelier (the paragraph runs on).
    """

    path: str
    line: int
    before: str
    after: str
    key: str
    reading: str
    decision: Decision | None = None

    @property
    def settled(self) -> bool:
        return self.decision is not None

    def message(self, layout_file: str = "source/layout.yml") -> str:
        """One line for a warning: where, the two sentences, the reading taken and how to settle it."""
        taken = "a new paragraph" if self.reading == PARAGRAPH else "the same paragraph"
        return (
            f"{self.path}:{self.line}: paragraph boundary not clear from the layout, read as {taken}: "
            f"“{self.before}” | “{self.after}” (settle it in {layout_file}: \"{self.key}\": paragraph or continue)"
        )


def stale_message(decision: Decision, source: str) -> str:
    """One line for a warning about a decision whose text is nowhere in the source."""
    return f"{decision.path}:{decision.line}: \"{decision.key}\" matches no place in {source}: a stale decision"


def parse_layout(text: str, path: str) -> tuple[Decision, ...]:
    """Parse and check the decisions: ``paragraphs:`` maps "before|after" to paragraph or continue."""
    data = load_yaml(text, path)
    if not isinstance(data, dict) or set(data) - {SECTION}:
        raise SourceError(path, 1, f"expected one mapping, {SECTION}: {{\"before|after\": paragraph or continue}}")
    entries = data.get(SECTION) or {}
    if not isinstance(entries, dict):
        raise SourceError(path, line_of(text, SECTION), f"{SECTION} must map \"before|after\" to a reading")
    decisions = []
    for key, reading in entries.items():
        line = line_of(text, str(key))
        before, separator, after = str(key).partition(_SEPARATOR)
        before, after = squeeze(before), squeeze(after)
        if not separator or not before or not after:
            raise SourceError(path, line, f"{key!r}: a key is the text before the boundary, '|', the text after it")
        if reading not in READINGS:
            raise SourceError(path, line, f"{key!r}: the reading must be {' or '.join(READINGS)}, not {reading!r}")
        decisions.append(Decision(before, after, reading, path, line))
    return tuple(decisions)


def load_layout(path: str | Path) -> tuple[Decision, ...]:
    """Read the decisions file; a missing file decides nothing."""
    path = Path(path)
    if not path.exists():
        return ()
    return parse_layout(read_utf8(path, "layout file"), str(path))


def stale_decisions(decisions: tuple[Decision, ...], text: str) -> tuple[Decision, ...]:
    """The decisions whose text (before and after, joined) is nowhere in ``text``."""
    squeezed = squeeze(text)
    return tuple(d for d in decisions if d.before + d.after not in squeezed)
