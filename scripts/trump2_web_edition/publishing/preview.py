"""The editor's preview of the next edition: its What-changed page against the newest published edition.

``serve.sh`` shows it beside the draft (hooks/live_preview.py), with the editor's note as it will read,
so that an edition can be seen before it is published. It reads the Pages branch as this clone has it
(``gh-pages``, else ``origin/gh-pages``) and never the network: publishing fetches, previewing does not.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..edition.convert import Loaded
from ..edition.release import Edition
from ..edition.render.markdown import OutputFile
from . import git
from .edition_build import PreviousEdition, changes_pages, revised_edition
from .publish import Project, PublishedEdition, published_editions
from .registry import load_editions
from .versions import parse_version, sort_versions

PAGES_REFS = ("gh-pages", "origin/gh-pages")


@dataclass(frozen=True)
class Preview:
    """The next edition's number, the edition it follows, and its What-changed pages."""

    version: str
    previous: str
    pages: tuple[OutputFile, ...]


def newest_published(root: Path) -> PublishedEdition | None:
    """The newest edition on the Pages branch this clone has, if any."""
    for ref in PAGES_REFS:
        try:
            git.git(root, "rev-parse", "--verify", "-q", ref)
        except git.GitError:
            continue
        editions = published_editions(root, ref)
        if editions:
            return editions[-1]
    return None


def next_version(newest: str, noted: list[str]) -> str:
    """The edition the editor is preparing: the lowest note in editions.yml above ``newest``, else one minor up."""
    above = [v for v in sort_versions(noted) if parse_version(v) > parse_version(newest)]
    if above:
        return above[0]
    major, minor, *_ = (*parse_version(newest), 0)
    return f"{major}.{minor + 1}"


_LOADED: dict[str, Loaded] = {}  # a published edition's source, read once per commit


def _published_source(project: Project, edition: PublishedEdition) -> Loaded:
    if edition.commit not in _LOADED:
        with tempfile.TemporaryDirectory(prefix="preview-") as name:
            folder = git.extract_folder(project.root, edition.commit, "source", Path(name))
            older = Project(folder.parent, project.source_name)
            _LOADED[edition.commit] = older.sources.load()
    return _LOADED[edition.commit]


def preview_changes(project: Project, loaded: Loaded) -> Preview | None:
    """What the next edition's What-changed page will say, or None when nothing is published yet."""
    newest = newest_published(project.root)
    if newest is None or not newest.commit:
        return None
    settings = load_editions(project.sources.editions)
    version = next_version(newest.version, list(settings.notes))
    previous = PreviousEdition(newest.version, _published_source(project, newest))
    edition, changes = revised_edition(loaded, Edition(version), previous)
    return Preview(version, newest.version, changes_pages(loaded, edition, changes, settings.notes.get(version)))
