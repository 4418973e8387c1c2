"""The one place for the article's ids, page names, file names and the links between pages.

Ids are shared by the Chinese and English pages: a section is ``intro``, ``s1``…, or
``conclusion``; its subsections ``s1-1``…; its paragraphs ``s1-p1``…. A page is named by its
section (``index`` for the opening one) and lives at a directory URL: ``s2/`` in Chinese (the
default language, at the site root) and ``en/s2/`` in English.
"""

from __future__ import annotations

import posixpath
import re

DEFAULT_LANGUAGE = "zh"
LANGUAGES = ("zh", "en")

INTRO = "intro"
CONCLUSION = "conclusion"
HOME = "index"
REFERENCES = "references"
CHANGES = "changes"

TITLE = "title"
KEYWORDS = "keywords"
EDITORS = "editors"
ABSTRACT = "abstract-p1"
ENGLISH_ABSTRACT = "abstract-en-p1"

# What every published edition offers at its root besides its pages: an offprint per language, the JATS XML.
PDF_FILES = {"zh": "article-zh.pdf", "en": "article-en.pdf"}
JATS_FILE = "article.xml"

_PARAGRAPH_ID = re.compile(r"^(?P<section>[a-z0-9]+(?:-[a-z0-9]+)*?)-p(?P<number>\d+)$")


def section_id(number: int) -> str:
    """The id of the ``number``-th numbered section (一、 is 1)."""
    return f"s{number}"


def subsection_id(section: str, number: int) -> str:
    """The id of a section's ``number``-th subsection heading (（一） is 1)."""
    return f"{section}-{number}"


def paragraph_id(section: str, number: int) -> str:
    """The id of a section's ``number``-th paragraph."""
    return f"{section}-p{number}"


def is_paragraph_id(element_id: str) -> bool:
    """Whether an id is a paragraph's (a builder decorates paragraphs by their ids; the plan knows their numbers)."""
    return bool(_PARAGRAPH_ID.match(element_id))


def page_of_section(section: str, has_heading: bool = True) -> str:
    """The page a section is shown on: the opening section (no heading) is on the home page."""
    return section if has_heading else HOME


def page_file(page: str, lang: str) -> str:
    """The Markdown file of a page in a language (mkdocs-static-i18n's suffix layout)."""
    return f"{page}.md" if lang == DEFAULT_LANGUAGE else f"{page}.{lang}.md"


def page_url(page: str, lang: str) -> str:
    """A page's directory URL relative to the site (edition) root: ``''``, ``s2/``, ``en/``, ``en/s2/``."""
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return prefix + ("" if page == HOME else f"{page}/")


def href(from_page: str, from_lang: str, to_page: str, to_lang: str, fragment: str = "") -> str:
    """A relative link from one page to (a place in) another, the shortest that works from any prefix."""
    here = page_url(from_page, from_lang).rstrip("/") or "."
    there = page_url(to_page, to_lang).rstrip("/") or "."
    anchor = f"#{fragment}" if fragment else ""
    if here == there:
        return anchor or "./"
    return posixpath.relpath(there, here) + "/" + anchor


def note_id(number: int) -> str:
    """The id of a note as a passage (its translation, its entry on What changed): ``note-3``."""
    return f"note-{number}"


def note_anchor(number: int) -> str:
    """The id of a note on the page that cites it (Python-Markdown's footnote id)."""
    return f"fn:{number}"


def change_anchor(passage_id: str) -> str:
    """The id of a passage's entry on an edition's What-changed page."""
    return f"change-{passage_id}"


def edition_href(from_page: str, from_lang: str, version: str, to_page: str, to_lang: str, fragment: str = "") -> str:
    """A relative link from a page of one edition to a page of another (mike puts editions side by side)."""
    depth = page_url(from_page, from_lang).count("/")
    anchor = f"#{fragment}" if fragment else ""
    return "../" * (depth + 1) + f"{version}/" + page_url(to_page, to_lang) + anchor


def edition_root_href(from_page: str, from_lang: str, name: str) -> str:
    """A relative link from a page to a file at its edition's root (``../article-zh.pdf`` from ``s1/``)."""
    return "../" * page_url(from_page, from_lang).count("/") + name
