"""The conversion as one call: source file -> Document -> pages in docs/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .links.last_check import load_last_checks
from .metadata import Metadata, load_metadata
from .model import Document
from .output import stale_files, write_json, write_pages
from .parse import parse_file
from .render.citation import render_citation_files
from .render.markdown import PageFile, render_pages
from .translation import TranslationStatus, load_translations, translation_status

REPOSITORY = Path(__file__).resolve().parents[2]
DEFAULT_SOURCE = REPOSITORY / "source" / "000_075e35d79351af94.txt"
DEFAULT_METADATA = REPOSITORY / "source" / "metadata.yml"
DEFAULT_OUT = REPOSITORY / "docs"
# The last report of the weekly cited-links check, committed beside the source (absent: not checked yet).
LINK_REPORT = "link-report.json"
TRANSLATIONS = Path("translations") / "en"


class TranslationIncomplete(Exception):
    """A strict conversion found translations that are stale, missing or do not match the original."""

    def __init__(self, status: TranslationStatus) -> None:
        super().__init__(f"the English translation is incomplete ({status.coverage:.1%} current)")
        self.status = status


@dataclass(frozen=True)
class Conversion:
    document: Document
    metadata: Metadata
    pages: tuple[PageFile, ...]
    translation: TranslationStatus

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the build should warn about: translations that are stale, missing or mismatched."""
        return self.translation.warnings()

    def to_dict(self) -> dict[str, object]:
        return {"metadata": self.metadata.to_dict(), "document": self.document.to_dict()}


def convert(
    source: Path = DEFAULT_SOURCE, metadata: Path | None = None, translations: Path | None = None
) -> Conversion:
    """Parse the source and render its pages, in memory.

    ``translations`` is the folder of English translation files (default: ``translations/en``
    beside the source; none there means every English part is shown untranslated).
    """
    meta_path = metadata if metadata is not None else source.parent / "metadata.yml"
    document = parse_file(source)
    metadata = load_metadata(meta_path)
    folder = translations if translations is not None else source.parent / TRANSLATIONS
    status = translation_status(document, load_translations(folder))
    checks = load_last_checks(source.parent / LINK_REPORT)
    files = tuple(PageFile(path, text) for path, text in render_citation_files(document, metadata))
    return Conversion(document, metadata, render_pages(document, metadata, status, checks) + files, status)


def convert_to(
    source: Path = DEFAULT_SOURCE,
    out: Path = DEFAULT_OUT,
    dump_json: Path | None = None,
    translations: Path | None = None,
    strict: bool = False,
) -> Conversion:
    """Convert and write: everything is rendered before any file is touched.

    With ``strict``, an incomplete translation raises TranslationIncomplete and nothing is written.
    """
    conversion = convert(source, translations=translations)
    if strict and not conversion.translation.complete:
        raise TranslationIncomplete(conversion.translation)
    write_pages(conversion.pages, out)
    if dump_json is not None:
        write_json(conversion.to_dict(), dump_json)
    return conversion


def check(source: Path = DEFAULT_SOURCE, out: Path = DEFAULT_OUT, translations: Path | None = None) -> list[str]:
    """The generated files in ``out`` that are missing, differ or no longer generated."""
    return stale_files(convert(source, translations=translations).pages, out)
