"""Build the real site (a copy of the project files) into a scratch folder, for tests and benchmarks."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..edition.convert import convert
from ..edition.output import write_pages
from ..edition.release import Edition
from ..publishing.build_config import edition_config

ROOT = Path(__file__).resolve().parents[3]
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "hooks", "jieba_userdict.txt")
# The edition the tests build, as publish.py would: a number, a release date, the placeholder addresses.
TEST_EDITION = Edition(
    version="1.0",
    released=dt.date(2026, 11, 1),
    site_url="https://OWNER.github.io/REPO/",
    repository="https://github.com/OWNER/REPO",
)


def copy_project(project: Path, edition: Edition | None = None) -> None:
    """Copy what a build reads (config, pages, overrides, search dictionary) into ``project``.

    With ``edition``, the pages are those the converter renders for that edition (as publish.py
    builds it), else the committed draft in docs/.
    """
    project.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)
    if edition is not None:
        write_pages(convert(edition=edition).files, project / "docs")
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
