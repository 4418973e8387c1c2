"""What a builder adds around the text, in any builder that runs Python-Markdown (MkDocs, Zensical).

Listed in ``mkdocs.yml`` as ``trump2_web_edition.markdown_ext``, with the edition being built as its
settings (``edition``, ``site_url``, ``repository``, ``revised``, ``revised_en``; ``publish.py``
writes them, the unpublished draft has none): the article's global note numbers, each paragraph's
¶ permalink and "report an error" link, and the marks on the passages this edition revised.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown

from ..edition.release import Edition
from .decorations import Decorations, PageMark
from .note_numbers import NoteNumbers


class EditionExtension(Extension):
    """Note numbers as their labels carry them; paragraph links and revision marks from the edition's settings."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "edition": ["", "the edition's number (empty: the unpublished draft)"],
            "site_url": ["", "the site's address, without the edition"],
            "repository": ["", "where readers report errors (no report links when empty)"],
            "revised": [[], "ids of the passages whose Chinese this edition revised"],
            "revised_en": [[], "ids of the passages whose English this edition revised"],
        }
        super().__init__(**kwargs)

    def edition(self) -> Edition:
        """The edition being built, as far as the settings tell."""
        return Edition(
            version=str(self.getConfig("edition") or ""),
            site_url=self.getConfig("site_url") or "",
            repository=self.getConfig("repository") or "",
            revised=frozenset(self.getConfig("revised") or ()),
            revised_en=frozenset(self.getConfig("revised_en") or ()),
        )

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(PageMark(md), "edition-page-mark", 40)
        # After footnotes (50: the list; 20: the references' text; 15: second references), before attr_list (8).
        md.treeprocessors.register(NoteNumbers(md), "edition-note-numbers", 12)
        # After attr_list (8), which sets the paragraphs' ids.
        md.treeprocessors.register(Decorations(md, self.edition()), "edition-decorations", 6)


def makeExtension(**kwargs: Any) -> EditionExtension:  # noqa: N802 - Python-Markdown's entry point
    return EditionExtension(**kwargs)
