"""Build the real site (a copy of the project files) into a temporary folder, for tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "jieba_userdict.txt")


def copy_project(project: Path) -> None:
    """Copy what a build reads (config, pages, overrides, search dictionary) into ``project``."""
    project.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        else:
            shutil.copy2(source, project / name)


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


def build_site(project: Path) -> Path:
    """Copy the project files into ``project``, run ``mkdocs build --strict`` there; the site folder."""
    copy_project(project)
    proc = run_build(project)
    if proc.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return project / "site"
