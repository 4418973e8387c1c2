"""Build the real site (a copy of the project files) into a scratch folder, for tests and benchmarks.

The pages are rendered from the tests' own copy of the sources (``tests/fixtures/source``), not the
live ``source/``: an editor's correction there changes no test's input."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..edition.convert import SourceFiles
from ..edition.output import write_pages
from ..edition.release import Edition
from ..publishing.build_config import edition_config
from ..publishing.downloads import edition_downloads

ROOT = Path(__file__).resolve().parents[3]
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "hooks", "jieba_userdict.txt")
SEED_NAME = "000_075e35d79351af94.txt"


# The tests' own copy of the seed and its files: what the converter's, renderers' and publishing's tests read.
FIXTURES = SourceFiles(ROOT / "tests" / "fixtures" / "source")
# The edition the tests build, as publish.py would: a number, a release date, the placeholder addresses.
TEST_EDITION = Edition(
    version="1.0",
    released=dt.date(2026, 11, 1),
    site_url="https://OWNER.github.io/REPO/",
    repository="https://github.com/OWNER/REPO",
)


def copy_project(project: Path, edition: Edition | None = None, sources: SourceFiles = FIXTURES) -> None:
    """Copy what a build reads (config, hand-written assets, overrides, search dictionary) into ``project``,
    with the pages rendered from ``sources``.

    With ``edition``, the pages are those the converter renders for that edition (as publish.py
    builds it), else the unpublished draft.
    """
    project.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    conversion = sources.convert(edition)
    write_pages(conversion.files, project / "docs")
    if edition is not None:  # as publish.py builds it: the edition's downloads at its root, its settings
        for name, data in edition_downloads(conversion, edition).items():
            (project / "docs" / name).write_bytes(data)
        config = project / "mkdocs.yml"
        config.write_text(edition_config(config.read_text(encoding="utf-8"), edition), encoding="utf-8")


def run_build(project: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in ``project`` into ``project/site``; the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", "site"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )


def build_site(project: Path, edition: Edition | None = TEST_EDITION) -> Path:
    """Copy the project files into ``project`` and build the site there; the site folder."""
    copy_project(project, edition)
    proc = run_build(project)
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return project / "site"
