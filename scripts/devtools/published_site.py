"""An edition published as the deploy workflow publishes it, for benchmarks: the project copied into a
temporary git repository, its pages rendered for the edition, ``mike deploy`` into gh-pages, and the
gh-pages tree extracted, to be served under /REPO/ as GitHub Pages serves a project page."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path

from edition.editions.edition import Edition

from devtools.site_build import TEST_EDITION, copy_project

BIN = Path(sys.executable).parent  # mike, and the mkdocs it runs
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Benchmark",
    "GIT_AUTHOR_EMAIL": "benchmark@example.invalid",
    "GIT_COMMITTER_NAME": "Benchmark",
    "GIT_COMMITTER_EMAIL": "benchmark@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


def _run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"{args} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc.stdout


def publish(folder: Path, edition: Edition = TEST_EDITION) -> Path:
    """Deploy ``edition`` with mike in a repository under ``folder``; the gh-pages tree (``folder/pages``).

    The tree holds ``versions.json``, the edition's folder, the ``latest`` alias and the root
    redirect, as GitHub Pages would serve them at https://OWNER.github.io/REPO/.
    """
    project = folder / "project"
    copy_project(project, edition)
    env = dict(os.environ, **GIT_ENV, NO_MKDOCS_2_WARNING="1", SITE_URL=edition.site_url)
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    _run(["git", "init", "-q", "-b", "main"], project, env)
    _run(["git", "add", "-A"], project, env)
    _run(["git", "commit", "-q", "-m", f"Edition {edition.version}"], project, env)
    env["SOURCE_DATE_EPOCH"] = _run(["git", "log", "-1", "--format=%ct"], project, env).strip()
    _run([BIN / "mike", "deploy", "--update-aliases", edition.version, "latest"], project, env)
    _run([BIN / "mike", "set-default", "latest"], project, env)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "gh-pages"], cwd=project, capture_output=True, check=True, timeout=120
    ).stdout
    pages = folder / "pages"
    pages.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(pages, filter="tar")
    return pages
