"""Deployment tests in a temporary copy of the project (real git, real mike): publishing a
corrected edition leaves the old one byte-identical, builds are reproducible, redeploying
rewrites nothing, and every GitHub workflow file is valid."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pages_site import BIN, REPO, make_project

ROOT = Path(__file__).resolve().parents[1]
SOURCE = "source/000_075e35d79351af94.txt"


def _under(blobs: dict[str, str], folder: str) -> dict[str, str]:
    return {path: blob for path, blob in blobs.items() if path.startswith(folder + "/")}


@pytest.fixture(scope="module")
def two_editions(tmp_path_factory):
    """1.0 deployed, then the README's corrected-edition steps for 1.1."""
    project = make_project(tmp_path_factory.mktemp("editions") / "project")
    project.deploy("1.0")
    before = project.blobs()
    # The editor's correction: edit the source, convert, commit, deploy 1.1 as latest.
    source = project.path / SOURCE
    text = source.read_text(encoding="utf-8")
    assert "半导体" in text
    source.write_text(text.replace("半导体", "半導體", 1), encoding="utf-8")
    project.run(sys.executable, "scripts/convert.py")
    project.commit_all("Correct one word")
    project.deploy("1.1")
    return project, before, project.blobs()


def test_old_edition_is_byte_identical(two_editions):
    _, before, after = two_editions
    old = _under(before, "1.0")
    assert len(old) > 50, "1.0 was not deployed"
    assert _under(after, "1.0") == old


def test_deploy_touches_only_the_new_edition_and_the_pointers(two_editions):
    _, before, after = two_editions
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    assert changed, "nothing was deployed"
    assert {path for path in changed if not path.startswith("1.1/")} == {"latest", "versions.json"}


def test_latest_moves_to_the_new_edition(two_editions):
    project, _, after = two_editions
    assert after["latest"].startswith("120000 ")  # a symlink, as mike makes aliases
    assert project.git("show", "gh-pages:latest") == "1.1"
    versions = project.git("show", "gh-pages:versions.json")
    assert '"version": "1.1"' in versions and '"latest"' in versions
    root = project.git("show", "gh-pages:index.html")
    assert 'window.location.replace(\n      "latest/"' in root or '"latest/"' in root
    assert f"/{REPO}/" in project.git("show", "gh-pages:404.html")


def test_the_correction_is_in_the_new_edition_only(two_editions):
    _, _, after = two_editions
    new = {path.removeprefix("1.1/"): blob for path, blob in _under(after, "1.1").items()}
    old = {path.removeprefix("1.0/"): blob for path, blob in _under(after, "1.0").items()}
    assert new.keys() == old.keys()
    differ = {path for path in new if new[path] != old[path]}
    assert any(path.endswith("index.html") for path in differ), differ
    assert "search/search_index.json" in differ


def _build(project, dest: Path, epoch: str) -> dict[str, bytes]:
    env = dict(project.env(), SOURCE_DATE_EPOCH=epoch)
    subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(dest)],
        cwd=project.path, env=env, check=True, capture_output=True, timeout=600,
    )
    return {str(p.relative_to(dest)): p.read_bytes() for p in sorted(dest.rglob("*")) if p.is_file()}


def test_builds_are_reproducible(tmp_path):
    project = make_project(tmp_path / "project")
    first = _build(project, tmp_path / "a", "1767225600")  # 2026-01-01
    second = _build(project, tmp_path / "b", "1767225600")
    assert first.keys() == second.keys() and len(first) > 50
    assert [name for name in first if first[name] != second[name]] == []
    # A build on another day differs only in the sitemap's <lastmod> dates (and the
    # gzip copy, whose header holds the same date): hence SOURCE_DATE_EPOCH = the
    # commit's time in the deploy workflow and in Project.env().
    later = _build(project, tmp_path / "c", "1767312000")  # 2026-01-02
    assert {name for name in first if first[name] != later[name]} == {"sitemap.xml", "sitemap.xml.gz"}


def test_redeploying_the_same_commit_rewrites_nothing(tmp_path):
    project = make_project(tmp_path / "project")
    project.deploy("1.0")
    before = project.blobs()
    head = project.git("rev-parse", "gh-pages")
    project.deploy("1.0")
    assert project.blobs() == before
    # mike still records a commit, but an empty one: no file is rewritten.
    assert project.git("diff", "--stat", head, "gh-pages") == ""


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid(workflow):
    # check-jsonschema ships SchemaStore's GitHub workflow schema: no network needed.
    proc = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_deploy_workflow_runs_the_checks_then_mike():
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    steps = ["actions/setup-python", "pip install -r requirements.txt", "scripts/convert.py --check",
             "scripts/test.sh", "mike deploy --push --update-aliases", "scripts/publish_404.py --push"]
    positions = [text.find(step) for step in steps]
    assert -1 not in positions, dict(zip(steps, positions, strict=True))
    assert positions == sorted(positions)
