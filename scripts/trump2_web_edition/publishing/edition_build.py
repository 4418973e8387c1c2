"""An edition's files: the site rendered for it, and, after the first, What changed since the previous one."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..edition import ids
from ..edition.convert import Conversion, Loaded, render
from ..edition.release import Edition
from ..edition.render.english import english_titles
from ..edition.render.head import head_fields, site_name
from ..edition.render.markdown import OutputFile, PageContext
from ..linkcheck.health import UrlHealth
from .changes_page import TITLES, render_changes
from .diff import Change, compare
from .registry import EditorNote


@dataclass(frozen=True)
class PreviousEdition:
    """The published edition a new one follows: its number, and its source as read."""

    version: str
    loaded: Loaded


@dataclass(frozen=True)
class EditionBuild:
    """What an edition is built from: its rendered files (What changed included) and its changes."""

    conversion: Conversion
    changes: tuple[Change, ...] = ()

    @property
    def edition(self) -> Edition:
        return self.conversion.edition

    @property
    def changed_passages(self) -> int:
        """How many passages' Chinese differs from the previous edition's."""
        return sum(1 for change in self.changes if change.chinese_changed)


def revised_edition(loaded: Loaded, edition: Edition, previous: PreviousEdition) -> tuple[Edition, tuple[Change, ...]]:
    """The edition as it follows ``previous``: what it revised, and every change."""
    changes = compare(previous.loaded.plan, loaded.plan, previous.loaded.translation, loaded.translation)
    edition = replace(
        edition,
        previous=previous.version,
        revised=frozenset(c.id for c in changes if c.new is not None and c.chinese_changed),
        revised_en=frozenset(c.id for c in changes if c.new is not None and c.english_changed),
    )
    return edition, changes


def changes_pages(
    loaded: Loaded, edition: Edition, changes: tuple[Change, ...], editor_note: EditorNote | None = None
) -> tuple[OutputFile, ...]:
    """The What-changed page of each language (``edition`` knows its previous one)."""
    titles = english_titles(loaded.document, loaded.translation)
    pages = []
    for lang in ids.LANGUAGES:
        context = PageContext(ids.CHANGES, lang, edition, loaded.source)
        title = f"{TITLES[lang]} - {site_name(loaded.document, lang)}"
        head = head_fields(loaded.document, loaded.metadata, context, title)
        text = render_changes(loaded.plan, changes, context, titles, editor_note or EditorNote(), head)
        pages.append(OutputFile(ids.page_file(ids.CHANGES, lang), text))
    return tuple(pages)


def build_edition(
    loaded: Loaded,
    edition: Edition,
    checks: dict[str, UrlHealth] | None = None,
    previous: PreviousEdition | None = None,
    editor_note: EditorNote | None = None,
) -> EditionBuild:
    """Render ``edition``; after a previous edition, with its revised passages marked and What changed."""
    if previous is None:
        return EditionBuild(render(loaded, edition, checks))
    edition, changes = revised_edition(loaded, edition, previous)
    conversion = render(loaded, edition, checks)
    pages = changes_pages(loaded, edition, changes, editor_note)
    return EditionBuild(replace(conversion, files=conversion.files + pages), changes)
