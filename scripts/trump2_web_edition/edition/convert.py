"""The conversion as one call: source file -> Document -> the site's files in docs/."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..linkcheck.health import UrlHealth
from ..publishing.diff import Change, compare
from ..publishing.registry import EditorNote
from .layout import load_layout
from .metadata import Metadata, load_metadata
from .model import Document
from .output import stale_files, write_json, write_pages
from .parse import Parsed, parse_source
from .release import Edition
from .render.markdown import OutputFile
from .render.site import SiteInput, render_site
from .translation import TranslationStatus, load_translations, translation_status

REPOSITORY = Path(__file__).resolve().parents[3]
SOURCE_DIR = REPOSITORY / "source"
DEFAULT_SOURCE = SOURCE_DIR / "000_075e35d79351af94.txt"
DEFAULT_METADATA = SOURCE_DIR / "metadata.yml"
DEFAULT_TRANSLATIONS = SOURCE_DIR / "translations" / "en"
# The editor's readings of the paragraph boundaries the print layout leaves open.
DEFAULT_LAYOUT = SOURCE_DIR / "layout.yml"
EDITIONS = SOURCE_DIR / "editions.yml"
DEFAULT_OUT = REPOSITORY / "docs"


class LayoutUnsettled(Exception):
    """A strict conversion found paragraph boundaries the layout leaves open and no decision settles,
    or decisions that name no place in the text."""

    def __init__(self, parsed: Parsed, layout_file: str) -> None:
        count = len(parsed.unsettled)
        super().__init__(
            f"{count} paragraph {'boundary is' if count == 1 else 'boundaries are'} not settled"
            + (f", {len(parsed.stale)} stale decision(s) in {layout_file}" if parsed.stale else "")
        )
        self.warnings = parsed.warnings(layout_file)


class TranslationIncomplete(Exception):
    """A strict conversion found translations that are stale, missing or do not match the original."""

    def __init__(self, status: TranslationStatus) -> None:
        super().__init__(f"the English translation is incomplete ({status.coverage:.1%} current)")
        self.status = status


@dataclass(frozen=True)
class PreviousEdition:
    """The published edition a new one follows: its number, its text and its translation."""

    version: str
    document: Document
    translation: TranslationStatus


@dataclass(frozen=True)
class Conversion:
    parsed: Parsed
    metadata: Metadata
    files: tuple[OutputFile, ...]
    translation: TranslationStatus
    changes: tuple[Change, ...] = ()  # what differs from the previous edition, when one was given
    edition: Edition = Edition()  # the edition rendered (what it revised included)

    @property
    def changed_passages(self) -> int:
        """How many passages' Chinese differs from the previous edition's."""
        return sum(1 for change in self.changes if change.chinese_changed)

    @property
    def document(self) -> Document:
        return self.parsed.document

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the build should warn about: translations that are stale, missing or mismatched."""
        return self.translation.warnings()

    def to_dict(self) -> dict[str, object]:
        return {"metadata": self.metadata.to_dict(), "document": self.document.to_dict()}


def layout_label(layout: Path | None) -> str:
    """How messages name the layout decisions file: the project's, or the one given."""
    return source_label(layout if layout is not None else DEFAULT_LAYOUT)


def source_label(source: Path) -> str:
    """How generated files name their source: relative to the repository when inside it, else as given."""
    try:
        return Path(source).resolve().relative_to(REPOSITORY).as_posix()
    except ValueError:
        return str(source)


def convert(
    source: Path = DEFAULT_SOURCE,
    metadata: Path | None = None,
    translations: Path | None = None,
    edition: Edition | None = None,
    checks: dict[str, UrlHealth] | None = None,
    previous: PreviousEdition | None = None,
    editor_note: EditorNote | None = None,
    layout: Path | None = None,
) -> Conversion:
    """Parse the source and render the site's files, in memory.

    The metadata, translations and layout decisions default to the project's (``source/``),
    whatever folder the source is in. ``edition`` is the edition being published (default: the
    unpublished draft); ``checks``
    each cited URL's last known verdict and verified archived copy; ``previous`` the edition it follows, whose
    differences it shows.
    """
    edition = edition or Edition()
    decisions = load_layout(layout if layout is not None else DEFAULT_LAYOUT)
    parsed = parse_source(Path(source).read_bytes(), str(source), decisions)
    document = parsed.document
    meta = load_metadata(metadata if metadata is not None else DEFAULT_METADATA)
    entries = load_translations(translations if translations is not None else DEFAULT_TRANSLATIONS)
    status = translation_status(document, entries)
    changes: tuple[Change, ...] = ()
    if previous is not None:
        changes = compare(previous.document, document, previous.translation, status)
        edition = replace(
            edition,
            previous=previous.version,
            revised=frozenset(c.id for c in changes if c.new is not None and c.chinese_changed),
            revised_en=frozenset(c.id for c in changes if c.new is not None and c.english_changed),
        )
    inputs = SiteInput(
        meta, status, checks or {}, edition, source_label(source), changes, editor_note or EditorNote()
    )
    return Conversion(parsed, meta, render_site(document, inputs), status, changes, edition)


def convert_to(
    source: Path = DEFAULT_SOURCE,
    out: Path = DEFAULT_OUT,
    dump_json: Path | None = None,
    translations: Path | None = None,
    strict: bool = False,
    metadata: Path | None = None,
    layout: Path | None = None,
) -> Conversion:
    """Convert and write: everything is rendered before any file is touched.

    With ``strict``, nothing is written and LayoutUnsettled is raised while a paragraph
    boundary is open (or a decision stale), TranslationIncomplete while a translation is.
    """
    conversion = convert(source, metadata, translations, layout=layout)
    if strict and not conversion.parsed.settled:
        raise LayoutUnsettled(conversion.parsed, layout_label(layout))
    if strict and not conversion.translation.complete:
        raise TranslationIncomplete(conversion.translation)
    write_pages(conversion.files, out)
    if dump_json is not None:
        write_json(conversion.to_dict(), dump_json)
    return conversion


def check(
    source: Path = DEFAULT_SOURCE,
    out: Path = DEFAULT_OUT,
    translations: Path | None = None,
    metadata: Path | None = None,
    layout: Path | None = None,
) -> list[str]:
    """The generated files in ``out`` that are missing, differ or no longer generated."""
    return stale_files(convert(source, metadata, translations, layout=layout).files, out)
