"""edition.editions.git: committing root files onto a branch without touching the working tree."""

from __future__ import annotations

import os
import subprocess

import pytest
from trump2_web_edition.publishing import git

ENV = {
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
}


@pytest.fixture()
def repo(tmp_path, monkeypatch):
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    subprocess.run(["git", "init", "-q", "-b", "main", str(tmp_path)], check=True)
    (tmp_path / "a.txt").write_text("a\n")
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run(["git", "commit", "-qm", "a"], cwd=tmp_path, check=True)
    subprocess.run(["git", "branch", "gh-pages"], cwd=tmp_path, check=True)
    return tmp_path


def test_commit_files_adds_a_commit_and_leaves_the_checkout_alone(repo):
    before = git.head_commit(repo)
    assert git.commit_files(repo, "gh-pages", {"x.json": b"{}\n", "sub/y.txt": b"y"}, "Root files")
    assert git.read_file(repo, "gh-pages", "x.json") == b"{}\n"
    assert git.read_file(repo, "gh-pages", "sub/y.txt") == b"y"
    assert git.read_file(repo, "gh-pages", "a.txt") == b"a\n"
    assert git.head_commit(repo) == before and git.dirty_files(repo) == []
    assert not (repo / "x.json").exists()


def test_the_same_bytes_again_commit_nothing(repo):
    git.commit_files(repo, "gh-pages", {"x.json": b"{}\n"}, "one")
    tip = git.git(repo, "rev-parse", "gh-pages")
    assert not git.commit_files(repo, "gh-pages", {"x.json": b"{}\n"}, "two")
    assert git.git(repo, "rev-parse", "gh-pages") == tip


def test_reading_a_folder_as_it_was(repo, tmp_path_factory):
    old = git.head_commit(repo)
    (repo / "a.txt").write_text("changed\n")
    dest = git.extract_folder(repo, old, "a.txt", tmp_path_factory.mktemp("old"))
    assert dest.read_text() == "a\n"
    assert git.dirty_files(repo) == ["a.txt"]
    assert git.read_file(repo, old, "missing.txt") is None
