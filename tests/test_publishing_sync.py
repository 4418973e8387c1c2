"""publishing.sync: publishing reads the Pages branch as the remote has it, and pushes the edition's commit
(a tag vX.Y) before the Pages branch. Real git, a bare repository playing GitHub (issue 22)."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from conftest import SEED
from trump2_web_edition.devtools.pages import Project, clone, make_project


def _git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, timeout=120)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def _blobs(repo: Path, rev: str = "gh-pages") -> dict[str, str]:
    lines = _git(repo, "ls-tree", "-r", "--full-tree", rev).splitlines()
    return {line.split("\t", 1)[1]: line.split("\t", 1)[0] for line in lines}


def _under(blobs: dict[str, str], folder: str) -> dict[str, str]:
    return {path: blob for path, blob in blobs.items() if path.startswith(folder + "/")}


@dataclass(frozen=True)
class FreshClone:
    """1.0 and 1.1 pushed from the editor's first clone; 1.2 published with --push from a fresh clone."""

    origin: Path
    before: dict[str, str]  # origin's gh-pages after 1.1 (and its link health)
    after: dict[str, str]  # origin's gh-pages after 1.2, from the fresh clone
    fresh: Project
    stderr: str
    tags_before_main: dict[str, str]  # tag -> commit on origin while main was not pushed yet
    commits: dict[str, str]  # edition -> the commit it was built from


@pytest.fixture(scope="session")
def fresh_clone(editions, tmp_path_factory) -> FreshClone:
    origin = editions.origin
    first = editions.project
    tags = {tag: _git(origin, "rev-parse", f"{tag}^{{commit}}") for tag in ("v1.0", "v1.1")}
    before = _blobs(origin)
    first.git("push", "-q", "origin", "main")  # the editor pushes main eventually
    fresh = clone(origin, tmp_path_factory.mktemp("fresh") / "clone")
    assert not fresh.git("rev-parse", "--verify", "-q", "refs/heads/gh-pages", check=False)
    source = fresh.path / "source" / SEED.name
    text = source.read_text(encoding="utf-8")
    assert text.count("大预言模型") == 1
    source.write_text(text.replace("大预言模型", "大语言模型"), encoding="utf-8")
    fresh.convert()
    commit = fresh.commit_all("Correct a misprint", date="2027-01-05T10:00:00+00:00")
    proc = fresh.publish("1.2", "--push")
    commits = {"1.0": tags["v1.0"], "1.1": tags["v1.1"], "1.2": commit}
    return FreshClone(origin, before, _blobs(origin), fresh, proc.stderr, tags, commits)


def test_the_tags_carry_each_editions_commit_to_the_remote_before_main(fresh_clone, editions):
    versions = {v["version"]: v for v in json.loads(editions.project.git("show", "gh-pages:versions.json"))}
    for version in ("1.0", "1.1"):
        assert fresh_clone.tags_before_main[f"v{version}"] == versions[version]["properties"]["commit"]
    assert _git(fresh_clone.origin, "rev-parse", "v1.2^{commit}") == fresh_clone.commits["1.2"]


def test_a_fresh_clone_keeps_the_published_editions(fresh_clone):
    assert len(_under(fresh_clone.before, "1.0")) > 50
    assert _under(fresh_clone.after, "1.0") == _under(fresh_clone.before, "1.0")  # byte for byte
    assert _under(fresh_clone.after, "1.1") == _under(fresh_clone.before, "1.1")
    assert "1.1/changes/index.html" in fresh_clone.after
    assert "note:" not in fresh_clone.stderr  # it read origin's gh-pages, not a missing local one
    versions = json.loads(_git(fresh_clone.origin, "show", "gh-pages:versions.json"))
    assert [v["version"] for v in versions] == ["1.2", "1.1", "1.0"]
    assert {v["version"]: v["properties"]["commit"] for v in versions} == fresh_clone.commits


def test_what_changed_in_1_2_compares_with_1_1(fresh_clone):
    assert "changed since 1.1" in fresh_clone.stderr
    page = _git(fresh_clone.origin, "show", "gh-pages:1.2/changes/index.html")
    tree = lxml.html.fromstring(page)
    assert len(tree.xpath("//h2[starts-with(@id, 'change-')]")) == 1  # the one correction; 1.1's are not 1.2's
    (diff,) = tree.xpath("//p[contains(@class, 'edition-diff')]")
    assert [d.text_content() for d in diff.xpath(".//del")] == ["预"]
    assert [i.text_content() for i in diff.xpath(".//ins")] == ["语"]
    assert "../../1.1/" in page  # the entry links to the passage in 1.1


# --- refusals: one line, exit 2, nothing pushed, gh-pages untouched ------------------------------


def _refused(project: Project, origin: Path | None, *args: str) -> str:
    local = project.git("rev-parse", "--verify", "-q", "refs/heads/gh-pages", check=False)
    remote = _git(origin, "rev-parse", "gh-pages") if origin else ""
    remote_refs = _git(origin, "show-ref") if origin else ""
    proc = project.publish(*args, check=False)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("publish.py: error: "), proc.stderr
    assert project.git("rev-parse", "--verify", "-q", "refs/heads/gh-pages", check=False) == local
    if origin:
        assert _git(origin, "rev-parse", "gh-pages") == remote and _git(origin, "show-ref") == remote_refs
    return lines[0]


@pytest.fixture()
def second_clone(fresh_clone, tmp_path) -> Project:
    """Another clone of origin (main at 1.1's commit): clean, docs/ current, no local gh-pages."""
    return clone(fresh_clone.origin, tmp_path / "clone")


@pytest.mark.parametrize("version", ["1.1.0", "1.2.0"])
def test_a_published_number_spelled_otherwise_is_refused(second_clone, fresh_clone, version):
    assert "already published as" in _refused(second_clone, fresh_clone.origin, version, "--push")


@pytest.mark.parametrize("base", ["origin/gh-pages", "origin/gh-pages~1"], ids=["ahead", "diverged"])
def test_a_local_pages_branch_with_commits_the_remote_lacks_is_refused(second_clone, fresh_clone, base):
    second_clone.git("fetch", "-q", "origin", "gh-pages:refs/remotes/origin/gh-pages")
    tree = second_clone.git("rev-parse", f"{base}^{{tree}}")
    extra = second_clone.git("commit-tree", tree, "-p", second_clone.git("rev-parse", base), "-m", "Local only")
    second_clone.git("update-ref", "refs/heads/gh-pages", extra)
    assert "has commits origin/gh-pages lacks" in _refused(second_clone, fresh_clone.origin, "1.3", "--push")


def test_a_remote_that_cannot_be_read_is_refused(second_clone, tmp_path):
    second_clone.git("remote", "set-url", "origin", str(tmp_path / "no-such-repository.git"))
    assert "cannot read the remote 'origin'" in _refused(second_clone, None, "1.3", "--push")


def test_a_tag_on_the_remote_naming_another_commit_is_refused(second_clone, fresh_clone):
    second_clone.git("push", "-q", "origin", "HEAD~1:refs/tags/v1.3")
    try:
        assert "tag v1.3 on 'origin' points at" in _refused(second_clone, fresh_clone.origin, "1.3", "--push")
    finally:
        second_clone.git("push", "-q", "origin", ":refs/tags/v1.3")


@pytest.fixture(scope="module")
def placeholders(tmp_path_factory) -> Project:
    """A project whose source/editions.yml still names OWNER/REPO, and no $SITE_URL or $REPOSITORY."""
    return make_project(tmp_path_factory.mktemp("placeholders") / "project", site_url="", repository="")


def test_a_placeholder_repository_is_refused(placeholders):
    project = dataclasses.replace(placeholders, site_url="https://editor.github.io/edition/")
    line = _refused(project, None, "1.0")
    assert "repository is 'https://github.com/OWNER/REPO', a placeholder" in line
    assert "source/editions.yml" in line and "--repository" in line


def test_a_placeholder_site_address_is_refused(placeholders):
    project = dataclasses.replace(placeholders, repository="https://github.com/editor/edition")
    line = _refused(project, None, "1.0")
    assert "site's address is 'https://OWNER.github.io/REPO/', a placeholder" in line
    assert "$SITE_URL" in line and "--site-url" in line
    assert not project.git("rev-parse", "--verify", "-q", "refs/heads/gh-pages", check=False)
