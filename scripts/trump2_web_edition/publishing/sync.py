"""The Pages branch and the edition's commit as the remote has them: publishing reads the truth.

Before an edition is published, the Pages branch is brought up to date from the remote it will be
pushed to (a fresh clone has no local gh-pages; a stale one lacks the newest edition), and with
``--push`` the edition's commit goes to the remote as a tag ``vX.Y`` before the Pages branch does,
so that the commit ``versions.json`` records is on the remote too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import git


class SyncError(Exception):
    """The remote cannot be read, or disagrees with this checkout; the message is one line for the editor."""


@dataclass(frozen=True)
class PagesSource:
    """Where the published editions are read from: a ref (empty before the first edition), and a note."""

    ref: str
    remote: str = ""  # the remote the branch was read from, if any
    note: str = ""  # what the editor should know (no such remote: the local branch is the truth)


def remote_url(repo: Path, remote: str) -> str | None:
    """The remote's URL, or None when the checkout has no such remote."""
    try:
        return git.git(repo, "remote", "get-url", remote).decode().strip()
    except git.GitError:
        return None


def commit_of(repo: Path, ref: str) -> str | None:
    """The commit ``ref`` names, or None when there is no such ref."""
    try:
        return git.git(repo, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}").decode().strip()
    except git.GitError:
        return None


def _is_ancestor(repo: Path, older: str, newer: str) -> bool:
    try:
        git.git(repo, "merge-base", "--is-ancestor", older, newer)
    except git.GitError:
        return False
    return True


def _remote_refs(repo: Path, remote: str, *refs: str) -> dict[str, str]:
    """ref -> commit on the remote (tags peeled); fails with one line when the remote cannot be read."""
    try:
        out = git.git(repo, "ls-remote", remote, *refs).decode()
    except git.GitError as error:
        raise SyncError(f"cannot read the remote {remote!r} ({error}): check the network and its URL") from None
    found: dict[str, str] = {}
    for line in out.splitlines():
        commit, _, name = line.partition("\t")
        if name.endswith("^{}"):
            found[name[:-3]] = commit  # an annotated tag: the commit it points at
        else:
            found.setdefault(name, commit)
    return found


def pages_source(repo: Path, remote: str, branch: str) -> PagesSource:
    """Fetch ``branch`` from ``remote`` and say which ref holds the published editions; nothing local changes.

    Refuses when the local branch has commits the remote lacks (push them, or drop them). With no such
    remote, the local branch is read, and the note says so.
    """
    local = f"refs/heads/{branch}"
    has_local = commit_of(repo, local) is not None
    if remote_url(repo, remote) is None:
        note = f"no remote {remote!r}: publishing from the local {branch} branch, which may lack editions"
        return PagesSource(local if has_local else "", "", note)
    tracking = f"refs/remotes/{remote}/{branch}"
    if _remote_refs(repo, remote, local):
        try:
            git.git(repo, "fetch", "-q", "--no-tags", remote, f"+{local}:{tracking}")
        except git.GitError as error:
            raise SyncError(f"cannot fetch {branch} from {remote!r} ({error})") from None
        theirs = commit_of(repo, tracking)
    else:
        theirs = None  # nothing published there yet
    ours = commit_of(repo, local)
    if ours and ours != theirs and (theirs is None or not _is_ancestor(repo, ours, theirs)):
        raise SyncError(
            f"the local {branch} has commits {remote}/{branch} lacks: push them, or drop them"
            f" (git branch -f {branch} {remote}/{branch}), then publish again"
        )
    return PagesSource(tracking if theirs else "", remote)


def adopt(repo: Path, source: PagesSource, branch: str) -> None:
    """Make the local ``branch`` the one ``source`` names (create it, or fast-forward it)."""
    if not source.ref or source.ref == f"refs/heads/{branch}":
        return
    commit = commit_of(repo, source.ref)
    if commit and commit != commit_of(repo, f"refs/heads/{branch}"):
        git.git(repo, "update-ref", f"refs/heads/{branch}", commit)


def tag_name(version: str) -> str:
    return f"v{version}"


def check_tag(repo: Path, remote: str, version: str, commit: str) -> bool:
    """Whether the edition's tag must still be pushed; refuses when it names another commit here or there."""
    tag = f"refs/tags/{tag_name(version)}"
    if remote_url(repo, remote) is None:
        raise SyncError(f"no remote {remote!r} to push to: add it (git remote add {remote} URL) or leave out --push")
    local = commit_of(repo, tag)
    if local and local != commit:
        raise SyncError(f"tag {tag_name(version)} here points at {local[:12]}, not at the edition's {commit[:12]}")
    theirs = _remote_refs(repo, remote, tag).get(tag)
    if theirs and theirs != commit:
        raise SyncError(
            f"tag {tag_name(version)} on {remote!r} points at {theirs[:12]}, not at the edition's commit {commit[:12]}:"
            " a correction is a new edition: publish a higher number"
        )
    return theirs is None


def push_tag(repo: Path, remote: str, version: str, commit: str) -> None:
    """Tag the edition's commit ``vX.Y`` (if not yet) and push the tag: the commit is then on the remote."""
    tag = f"refs/tags/{tag_name(version)}"
    if commit_of(repo, tag) is None:
        git.git(repo, "update-ref", tag, commit)
    git.git(repo, "push", "-q", remote, f"{tag}:{tag}")
