"""Document -> every file of the site, in one list: the pages of both languages and the citation files."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...linkcheck.health import UrlHealth
from ...publishing.diff import Change
from ...publishing.registry import EditorNote
from .. import ids
from ..metadata import Metadata
from ..model import Document
from ..release import Edition
from ..translation import TranslationStatus, note_id, translation_status
from .changes import TITLES as CHANGES_TITLES
from .changes import render_changes
from .chinese import render_home_zh, render_section_zh
from .citation import render_citation_files, render_cite_section
from .english import EnglishEdition, translator_notes_block
from .head import head_fields, site_name
from .markdown import OutputFile, PageContext
from .references import TITLES, render_references


@dataclass(frozen=True)
class SiteInput:
    """Everything the site is rendered from besides the document."""

    metadata: Metadata = field(default_factory=Metadata)
    translation: TranslationStatus | None = None  # None: nothing translated yet
    checks: dict[str, UrlHealth] = field(default_factory=dict)  # each cited URL's last verdict and capture
    edition: Edition = field(default_factory=Edition)
    source: str = "source/<source>"  # the source's path as the generated files name it
    changes: tuple[Change, ...] = ()  # what differs from the previous edition (edition.previous)
    editor_note: EditorNote = field(default_factory=EditorNote)  # what this edition corrects and why


def page_names(document: Document, edition: Edition | None = None) -> list[str]:
    """The site's pages in reading order: home, one per numbered section, references (then What changed)."""
    pages = [ids.HOME, *(s.id for s in document.sections if s.heading is not None), ids.REFERENCES]
    return pages + [ids.CHANGES] if edition is not None and edition.previous else pages


def _references(document: Document, inputs: SiteInput, english: EnglishEdition, lang: str) -> str:
    context = PageContext(ids.REFERENCES, lang, inputs.edition, inputs.source)
    title = f"{TITLES[lang]} - {site_name(document, lang)}"
    head = head_fields(document, inputs.metadata, context, title)
    if lang == ids.DEFAULT_LANGUAGE:
        return render_references(document, context, english.titles, inputs.checks, head=head)
    translated = english.note_inlines()
    marks = {n: english.marks(note_id(n)) for n in translated}
    notes = english.translator_notes_of([note_id(n) for n in translated])
    closing = [translator_notes_block(notes)] if notes else []
    return render_references(document, context, english.titles, inputs.checks, translated, marks, closing, head)


def render_site(document: Document, inputs: SiteInput | None = None) -> tuple[OutputFile, ...]:
    """All files of the site: Chinese (default) and English (``.en.md``) pages, then the citation files.

    The home pages end with "Cite this article"; the References pages list every note with
    each cited URL's last known verdict.
    """
    inputs = inputs or SiteInput()
    translation = inputs.translation or translation_status(document, {})
    english = EnglishEdition(document, inputs.metadata, translation)

    def context(page: str, lang: str) -> PageContext:
        return PageContext(page, lang, inputs.edition, inputs.source)

    def cite(lang: str) -> str:
        return render_cite_section(document, inputs.metadata, inputs.edition, lang)

    metadata = inputs.metadata
    files = [
        OutputFile(
            ids.page_file(ids.HOME, "zh"),
            render_home_zh(document, metadata, context(ids.HOME, "zh"), cite("zh")),
        ),
        OutputFile(
            ids.page_file(ids.HOME, "en"),
            english.home_page(context(ids.HOME, "en"), cite("en")),
        ),
    ]
    for section in document.sections:
        if section.heading is None:
            continue
        page = ids.page_of_section(section.id)
        chinese = render_section_zh(document, metadata, section, context(page, "zh"))
        files.append(OutputFile(ids.page_file(page, "zh"), chinese))
        files.append(OutputFile(ids.page_file(page, "en"), english.section_page(section, context(page, "en"))))
    for lang in ids.LANGUAGES:
        files.append(OutputFile(ids.page_file(ids.REFERENCES, lang), _references(document, inputs, english, lang)))
    if inputs.edition.previous:
        for lang in ids.LANGUAGES:
            page = context(ids.CHANGES, lang)
            head = head_fields(document, metadata, page, f"{CHANGES_TITLES[lang]} - {site_name(document, lang)}")
            text = render_changes(document, inputs.changes, page, english.titles, inputs.editor_note, head)
            files.append(OutputFile(ids.page_file(ids.CHANGES, lang), text))
    files += [OutputFile(path, text) for path, text in render_citation_files(document, metadata, inputs.edition)]
    return tuple(files)
