"""The plan -> every file of the site, in one list: the pages of both languages and the citation files."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...linkcheck.health import UrlHealth
from .. import ids
from ..ids import note_id
from ..metadata import Metadata
from ..model import Document
from ..plan import Plan, as_plan
from ..release import Edition
from ..translation import TranslationStatus, translation_status
from .chinese import render_home_zh, render_section_zh
from .citation import render_citation_files, render_cite_section
from .english import EnglishEdition, translator_notes_block
from .head import head_fields, site_name
from .markdown import OutputFile, PageContext
from .references import TITLES, render_references


@dataclass(frozen=True)
class SiteInput:
    """Everything the site is rendered from besides the document's plan."""

    metadata: Metadata = field(default_factory=Metadata)
    translation: TranslationStatus | None = None  # None: nothing translated yet
    checks: dict[str, UrlHealth] = field(default_factory=dict)  # each cited URL's last verdict and capture
    edition: Edition = field(default_factory=Edition)
    source: str = "source/<source>"  # the source's path as the generated files name it


def _references(plan: Plan, inputs: SiteInput, english: EnglishEdition, lang: str) -> str:
    document = plan.document
    context = PageContext(ids.REFERENCES, lang, inputs.edition, inputs.source)
    title = f"{TITLES[lang]} - {site_name(document, lang)}"
    head = head_fields(document, inputs.metadata, context, title)
    if lang == ids.DEFAULT_LANGUAGE:
        return render_references(plan, context, english.titles, inputs.checks, head=head)
    translated = english.note_inlines()
    marks = {n: english.marks(note_id(n)) for n in translated}
    notes = english.translator_notes_of([note_id(n) for n in translated])
    closing = [translator_notes_block(notes)] if notes else []
    return render_references(plan, context, english.titles, inputs.checks, translated, marks, closing, head)


def render_site(source: Plan | Document, inputs: SiteInput | None = None) -> tuple[OutputFile, ...]:
    """All files of the site: Chinese (default) and English (``.en.md``) pages, then the citation files.

    The home pages end with "Cite this article"; the References pages list every note with
    each cited URL's last known verdict.
    """
    inputs = inputs or SiteInput()
    plan = as_plan(source)
    document = plan.document
    translation = inputs.translation or translation_status(plan, {})
    english = EnglishEdition(plan, inputs.metadata, translation)

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
        page = plan.section_pages[section.id]
        if page == ids.HOME:
            continue
        chinese = render_section_zh(document, metadata, section, context(page, "zh"))
        files.append(OutputFile(ids.page_file(page, "zh"), chinese))
        files.append(OutputFile(ids.page_file(page, "en"), english.section_page(section, context(page, "en"))))
    for lang in ids.LANGUAGES:
        files.append(OutputFile(ids.page_file(ids.REFERENCES, lang), _references(plan, inputs, english, lang)))
    files += [OutputFile(path, text) for path, text in render_citation_files(document, metadata, inputs.edition)]
    return tuple(files)
