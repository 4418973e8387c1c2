"""The conversion as one call: source file -> Document -> the site's files in docs/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..linkcheck.health import UrlHealth
from .layout import load_layout
from .metadata import Metadata, load_metadata
from .model import Document
from .output import stale_files, write_json, write_pages
from .parse import Parsed, parse_source
from .plan import Plan, build_plan
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
DEFAULT_OUT = REPOSITORY / "docs"


@dataclass(frozen=True)
class SourceFiles:
    """The inputs of a conversion, in one folder laid out as the project's source/ is."""

    folder: Path
    name: str = DEFAULT_SOURCE.name

    @property
    def source(self) -> Path:
        return self.folder / self.name

    @property
    def metadata(self) -> Path:
        return self.folder / "metadata.yml"

    @property
    def translations(self) -> Path:
        return self.folder / "translations" / "en"

    @property
    def layout(self) -> Path:
        return self.folder / "layout.yml"

    @property
    def editions(self) -> Path:
        return self.folder / "editions.yml"

    @property
    def glossary(self) -> Path:
        return self.folder / "glossary.yml"

    def load(self, source: Path | None = None) -> Loaded:
        """These files read (with another ``source`` text, if given)."""
        return load(source or self.source, self.metadata, self.translations, self.layout)

    def convert(self, edition: Edition | None = None, source: Path | None = None) -> Conversion:
        """These files converted: the unpublished draft, unless ``edition`` is given."""
        return render(self.load(source), edition)


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
class Loaded:
    """The source read: its parse, its plan, its metadata and its translation's status."""

    parsed: Parsed
    plan: Plan
    metadata: Metadata
    translation: TranslationStatus
    source: str  # the source's path as the generated files name it

    @property
    def document(self) -> Document:
        return self.parsed.document


@dataclass(frozen=True)
class Conversion:
    """The source read and the site's files rendered for one edition (the draft by default)."""

    loaded: Loaded
    files: tuple[OutputFile, ...]
    edition: Edition = Edition()

    @property
    def parsed(self) -> Parsed:
        return self.loaded.parsed

    @property
    def plan(self) -> Plan:
        return self.loaded.plan

    @property
    def metadata(self) -> Metadata:
        return self.loaded.metadata

    @property
    def translation(self) -> TranslationStatus:
        return self.loaded.translation

    @property
    def document(self) -> Document:
        return self.loaded.document

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


def load(
    source: Path = DEFAULT_SOURCE,
    metadata: Path | None = None,
    translations: Path | None = None,
    layout: Path | None = None,
) -> Loaded:
    """Read and parse the source, plan it, and read its metadata and translation.

    The metadata, translations and layout decisions default to the project's (``source/``),
    whatever folder the source is in.
    """
    decisions = load_layout(layout if layout is not None else DEFAULT_LAYOUT)
    parsed = parse_source(Path(source).read_bytes(), str(source), decisions)
    plan = build_plan(parsed.document)
    meta = load_metadata(metadata if metadata is not None else DEFAULT_METADATA)
    entries = load_translations(translations if translations is not None else DEFAULT_TRANSLATIONS)
    return Loaded(parsed, plan, meta, translation_status(plan, entries), source_label(source))


def render(loaded: Loaded, edition: Edition | None = None, checks: dict[str, UrlHealth] | None = None) -> Conversion:
    """The site's files for ``edition`` (default: the unpublished draft), in memory.

    ``checks`` gives each cited URL's last known verdict.
    """
    edition = edition or Edition()
    inputs = SiteInput(loaded.metadata, loaded.translation, checks or {}, edition, loaded.source)
    return Conversion(loaded, render_site(loaded.plan, inputs), edition)


def convert(
    source: Path = DEFAULT_SOURCE,
    metadata: Path | None = None,
    translations: Path | None = None,
    edition: Edition | None = None,
    checks: dict[str, UrlHealth] | None = None,
    layout: Path | None = None,
) -> Conversion:
    """Load the source and render the site's files (``load`` then ``render``), in memory."""
    return render(load(source, metadata, translations, layout), edition, checks)


def strict_problem(conversion: Conversion, layout: Path | None = None) -> Exception | None:
    """What ``--strict`` refuses, if anything: a paragraph boundary open or a decision stale, a translation
    not current (the one place the strict checks live)."""
    if not conversion.parsed.settled:
        return LayoutUnsettled(conversion.parsed, layout_label(layout))
    if not conversion.translation.complete:
        return TranslationIncomplete(conversion.translation)
    return None


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
    problem = strict_problem(conversion, layout) if strict else None
    if problem is not None:
        raise problem
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
