"""What the text needs at render time in any builder that runs Python-Markdown (MkDocs, Zensical).

Listed in ``mkdocs.yml`` as ``edition.markdown_ext``. Today: the article's global note numbers.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown

from .note_numbers import NoteNumbers


class EditionExtension(Extension):
    """Show each footnote with the number its label carries (the article's note 14 reads 14 on any page)."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After footnotes (50: the list; 20: the references' text; 15: second references), before attr_list (8).
        md.treeprocessors.register(NoteNumbers(md), "edition-note-numbers", 12)


def makeExtension(**kwargs: Any) -> EditionExtension:  # noqa: N802 - Python-Markdown's entry point
    return EditionExtension(**kwargs)
