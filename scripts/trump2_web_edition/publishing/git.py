"""The few git operations publishing needs, run with the real git in a given repository."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path


class GitError(RuntimeError):
    """A git command failed; carries git's own message."""


def git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    """Run git in ``repo``; its standard output (raises GitError with git's message on failure)."""
    proc = subprocess.run(["git", *args], cwd=repo, input=data, capture_output=True, timeout=300)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args[:2])}: {message[-1] if message else proc.returncode}")
    return proc.stdout


def head_commit(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").decode().strip()


def commit_time(repo: Path, rev: str = "HEAD") -> int:
    """The committer time of ``rev`` (seconds since the epoch): an edition's release date."""
    return int(git(repo, "log", "-1", "--format=%ct", rev).decode().strip())


def dirty_files(repo: Path) -> list[str]:
    """Paths with uncommitted changes (untracked files included), as ``git status`` lists them."""
    out = git(repo, "status", "--porcelain", "--untracked-files=normal").decode("utf-8", "replace")
    return [line[3:] for line in out.splitlines() if line.strip()]


def branch_exists(repo: Path, branch: str) -> bool:
    try:
        git(repo, "rev-parse", "--verify", "-q", f"refs/heads/{branch}")
    except GitError:
        return False
    return True


def read_file(repo: Path, rev: str, path: str) -> bytes | None:
    """A file's bytes at ``rev``, or None when it is not there."""
    try:
        return git(repo, "show", f"{rev}:{path}")
    except GitError:
        return None


def extract_folder(repo: Path, rev: str, folder: str, dest: Path) -> Path:
    """Write ``folder`` as it is at ``rev`` under ``dest``; the extracted folder."""
    data = git(repo, "archive", "--format=tar", rev, folder)
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="data")
    return dest / folder


def commit_files(repo: Path, branch: str, files: dict[str, bytes], message: str) -> bool:
    """Commit ``files`` (path -> bytes) onto ``branch`` without touching the working tree or index.

    Returns False, committing nothing, when every file already holds those bytes.
    """
    parent = git(repo, "rev-parse", "--verify", f"refs/heads/{branch}").decode().strip()
    scratch = Path(tempfile.mkdtemp(prefix="publish-index-"))
    index = scratch / "index"
    env_index = {"GIT_INDEX_FILE": str(index)}
    try:
        _git_env(repo, env_index, "read-tree", parent)
        for path, data in sorted(files.items()):
            blob = git(repo, "hash-object", "-w", "--stdin", data=data).decode().strip()
            _git_env(repo, env_index, "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}")
        tree = _git_env(repo, env_index, "write-tree").decode().strip()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if tree == git(repo, "rev-parse", f"{parent}^{{tree}}").decode().strip():
        return False
    commit = git(repo, "commit-tree", tree, "-p", parent, "-m", message).decode().strip()
    git(repo, "update-ref", f"refs/heads/{branch}", commit, parent)
    return True


def _git_env(repo: Path, env: dict[str, str], *args: str) -> bytes:
    proc = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **env}, capture_output=True, timeout=300)
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]}: {message[-1] if message else proc.returncode}")
    return proc.stdout


def push(repo: Path, remote: str, branch: str) -> None:
    git(repo, "push", remote, f"refs/heads/{branch}:refs/heads/{branch}")
