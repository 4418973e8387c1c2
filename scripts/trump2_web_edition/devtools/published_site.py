"""An edition published as the deploy workflow publishes it, for benchmarks: scripts/publish.py in a
temporary copy of the project, and the gh-pages tree it makes, to be served under /REPO/."""

from __future__ import annotations

from pathlib import Path

from ..edition.release import Edition
from .pages import REPOSITORY, SITE_URL, make_project
from .site_build import TEST_EDITION


def publish(folder: Path, edition: Edition = TEST_EDITION) -> Path:
    """Publish ``edition`` (its number, its date as the commit's) under ``folder``; the gh-pages tree.

    The tree holds ``versions.json``, the edition's folder, the ``latest`` alias, the root
    redirect, 404 page and link health, as GitHub Pages would serve them at the edition's site_url.
    """
    released = edition.released.isoformat() if edition.released else "2026-11-01"
    # publish.py refuses the OWNER/REPO placeholders: an edition that names none gets the test addresses.
    site_url = edition.site_url if "OWNER" not in edition.site_url else SITE_URL
    repository = edition.repository if "OWNER" not in edition.repository else REPOSITORY
    project = make_project(folder / "project", f"{released}T12:00:00+00:00", site_url, repository)
    project.publish(edition.version)
    return project.pages_tree(folder / "pages")
