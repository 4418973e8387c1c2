"""Document + metadata + edition -> the article's citations: GB/T 7714-2015, APA, BibTeX, RIS, CSL-JSON.

Each home page cites the work it shows in its own conventions: the Chinese page the Chinese
original, the English page its English edition. Only what is known is cited: a field left
empty in source/metadata.yml is left out, and the unpublished draft has no version, date or
address. One module per format; ``work.py`` holds what they all say.
"""

from __future__ import annotations

import json

from ... import ids
from ...metadata import Metadata
from ...model import Document
from ...release import Edition
from .bibtex import bibtex
from .csl import csl_item
from .ris import ris
from .section import render_cite_section as _section
from .work import CitedWork, cited_work

__all__ = ["CitedWork", "cited_work", "citation_files", "render_citation_files", "render_cite_section"]


def citation_files(lang: str) -> dict[str, str]:
    """Label -> path under docs/ of the files that cite the work a home page shows."""
    # "-en", not ".en": mkdocs-static-i18n would take citation.en.json for the English twin of citation.json.
    suffix = "" if lang == ids.DEFAULT_LANGUAGE else f"-{lang}"
    return {
        "BibTeX (.bib)": f"assets/citation{suffix}.bib",
        "RIS (.ris)": f"assets/citation{suffix}.ris",
        "CSL-JSON": f"assets/citation{suffix}.json",
    }


def render_citation_files(document: Document, metadata: Metadata, edition: Edition) -> list[tuple[str, str]]:
    """(path under docs/, text) of the downloadable citation files of both languages."""
    files = []
    for lang in ids.LANGUAGES:
        work = cited_work(document, metadata, edition, lang)
        bib, ris_file, csl = citation_files(lang).values()
        files += [
            (bib, bibtex(work)),
            (ris_file, ris(work)),
            # CSL-JSON is a list of items (what citeproc and reference managers read).
            (csl, json.dumps([csl_item(work)], ensure_ascii=False, indent=2) + "\n"),
        ]
    return files


def render_cite_section(document: Document, metadata: Metadata, edition: Edition, lang: str) -> str:
    """The "Cite this article" section of a home page (Markdown, to append to the page)."""
    work = cited_work(document, metadata, edition, lang)
    depth = "" if lang == ids.DEFAULT_LANGUAGE else "../"
    files = {label: depth + path for label, path in citation_files(lang).items()}
    if edition.published:  # the offprint of this edition, in the page's language
        files["PDF"] = ids.edition_root_href(ids.HOME, lang, ids.PDF_FILES[lang])
    return _section(work, files, known_journal=bool(metadata.journal))
