"""Publishing: an edition (or the link health) onto the GitHub Pages branch, all checks before any write.

``publish_edition`` does what the deploy workflow does: it first reads the Pages branch as the remote
has it (``sync``); it refuses a bad edition number (or one already published, however spelled), a dirty
working tree, a stale ``docs/``, placeholder addresses, and with ``--push`` a tag ``vX.Y`` naming another
commit; renders the edition (its number, the release commit's date,
what changed since the previous edition, read from git); builds it with ``mike deploy VERSION
latest``, recording the commit, date and number of changes in mike's ``versions.json``; sets the
default; writes the root 404 page; and with ``push``, pushes the tag ``vX.Y`` (the edition's commit)
before the Pages branch. ``publish_link_health`` puts the weekly check's verdicts
at the root, in a commit of its own: no file of any edition changes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..edition.convert import DEFAULT_SOURCE, Conversion, LayoutUnsettled, SourceFiles, strict_problem
from ..edition.errors import SourceError
from ..edition.output import stale_files, write_pages
from ..edition.release import Edition
from ..linkcheck.health import HEALTH_FILE, HealthFileError, LinkHealth, health_from_report, merge, parse_health
from . import git, sync
from .build_config import ConfigError, edition_config
from .downloads import edition_downloads
from .edition_build import PreviousEdition, build_edition
from .pdf import PdfError
from .registry import EditionsFile, load_editions
from .root_files import root_404_html
from .versions import VersionError, parse_version, previous_of, same_version, sort_versions

ALIAS = "latest"
MIKE = str(Path(sys.executable).with_name("mike"))
LOCALES = ["en"]  # the languages besides the default, as mkdocs.yml builds them (under /en/)
SITE_FILES = ("mkdocs.yml", "overrides", "hooks")  # what a build reads besides docs/
_DEPLOYED = re.compile(r"^Deployed (?P<commit>[0-9a-f]{7,40}) to (?P<version>\S+)")
_PLACEHOLDER = re.compile(r"\b(OWNER|REPO)\b")


class PublishError(Exception):
    """Publishing refused or failed; the message is one line for the editor."""


@dataclass(frozen=True)
class Project:
    """The files of a checkout that publishing reads: its sources (``source/``) and its draft (``docs/``)."""

    root: Path
    source_name: str = DEFAULT_SOURCE.name

    @property
    def sources(self) -> SourceFiles:
        return SourceFiles(self.root / "source", self.source_name)

    @property
    def docs(self) -> Path:
        return self.root / "docs"


@dataclass(frozen=True)
class PublishedEdition:
    """An edition on the Pages branch: its number, the commit it was built from, its date and changes."""

    version: str
    commit: str = ""
    released: str = ""
    changes: int | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Published:
    """What publishing did."""

    version: str
    commit: str
    released: dt.date
    previous: str
    changes: int
    redeploy: bool
    notes: tuple[str, ...] = ()  # what the editor should know (e.g. no remote: the local Pages branch was read)


def published_editions(repo: Path, branch: str = "gh-pages") -> list[PublishedEdition]:
    """The editions on the Pages branch (mike's versions.json), oldest first; their commits from it or the log."""
    raw = git.read_file(repo, branch, "versions.json")
    if raw is None:
        return []
    try:
        entries = json.loads(raw)
    except json.JSONDecodeError:
        raise PublishError(f"{branch}:versions.json is not JSON: fix the Pages branch first") from None
    logged: dict[str, str] = {}
    for subject in git.git(repo, "log", "--format=%s", branch).decode("utf-8", "replace").splitlines():
        match = _DEPLOYED.match(subject)
        if match:
            logged.setdefault(match["version"], match["commit"])
    found = []
    for entry in entries:
        version = str(entry.get("version", ""))
        props = entry.get("properties") or {}
        changes = props.get("changes")
        found.append(
            PublishedEdition(
                version,
                str(props.get("commit") or logged.get(version, "")),
                str(props.get("released") or ""),
                int(changes) if isinstance(changes, int) else None,
                tuple(entry.get("aliases") or ()),
            )
        )
    order = {v: i for i, v in enumerate(sort_versions([e.version for e in found]))}
    return sorted((e for e in found if e.version in order), key=lambda e: order[e.version])


def _check_version(version: str, head: str, published: list[PublishedEdition]) -> bool:
    """Whether this is a redeploy of the same commit; refuses a number already used or older than the newest."""
    try:
        wanted = parse_version(version)
    except VersionError as error:
        raise PublishError(str(error)) from None
    for edition in published:
        if same_version(edition.version, version):
            same_commit = edition.commit and (head.startswith(edition.commit) or edition.commit.startswith(head))
            if same_commit and edition.version == version:
                return True
            spelled = f" as {edition.version}" if edition.version != version else ""
            raise PublishError(
                f"edition {version} is already published{spelled} (from commit {edition.commit[:12] or 'unknown'});"
                " a correction is a new edition: publish a higher number"
            )
    newest = published[-1].version if published else ""
    if newest and wanted < parse_version(newest):
        raise PublishError(f"edition {version} is older than edition {newest}, already published")
    return False


def _check_checkout(project: Project) -> None:
    dirty = git.dirty_files(project.root)
    if dirty:
        shown = ", ".join(dirty[:5]) + (" …" if len(dirty) > 5 else "")
        raise PublishError(f"the working tree has uncommitted changes ({shown}): commit them first")
    conversion = project.sources.convert()
    stale = stale_files(conversion.files, project.docs)
    if stale:
        raise PublishError(f"docs/ is stale ({', '.join(stale[:5])}): run scripts/convert.py and commit")
    if isinstance(strict_problem(conversion), LayoutUnsettled):
        count = len(conversion.parsed.unsettled) + len(conversion.parsed.stale)
        raise PublishError(
            f"{count} paragraph boundary decision(s) open or stale: settle them in source/layout.yml"
            " (scripts/convert.py --strict lists them)"
        )


def _previous_edition(project: Project, previous: PublishedEdition, scratch: Path) -> PreviousEdition:
    if not previous.commit:
        raise PublishError(f"edition {previous.version} records no commit: cannot tell what changed since")
    try:
        folder = git.extract_folder(project.root, previous.commit, "source", scratch / previous.version)
    except git.GitError as error:
        raise PublishError(f"edition {previous.version}'s commit {previous.commit} is not here: {error}") from None
    older = Project(folder.parent, project.source_name)
    return PreviousEdition(previous.version, older.sources.load())


def stage_site(
    project: Project,
    conversion: Conversion,
    edition: Edition,
    dest: Path,
    extra_nav: list[str],
    downloads: dict[str, bytes] | None = None,
) -> Path:
    """A build folder for one edition: the site's config (with the edition's settings), templates, its docs/
    (with ``downloads``, the files its root offers: the PDFs and the JATS XML)."""
    dest.mkdir(parents=True)
    for name in SITE_FILES:
        source = project.root / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, dest / name)
    shutil.copytree(project.docs, dest / "docs")
    write_pages(conversion.files, dest / "docs")
    for name, data in (downloads or {}).items():
        (dest / "docs" / name).write_bytes(data)
    config = dest / "mkdocs.yml"
    try:
        text = edition_config(config.read_text(encoding="utf-8"), edition, tuple(extra_nav))
    except ConfigError as error:
        raise PublishError(str(error)) from None
    config.write_text(text, encoding="utf-8")
    return config


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> None:
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        lines = (proc.stderr or proc.stdout).strip().splitlines()
        raise PublishError(f"{Path(command[0]).name} {command[1]} failed: {lines[-1] if lines else proc.returncode}")


def _tool_env(site_url: str, epoch: int) -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)  # mike runs `mkdocs` from PATH
    return dict(
        os.environ,
        PATH=os.pathsep.join([bin_dir, os.environ.get("PATH", "")]),
        SITE_URL=site_url,
        SOURCE_DATE_EPOCH=str(epoch),
        NO_MKDOCS_2_WARNING="1",
    )


def _addresses(settings: EditionsFile, site_url: str | None, repository: str | None) -> tuple[str, str]:
    """The site's address and the repository readers report to; refuses either while it is a placeholder."""
    site = site_url or os.environ.get("SITE_URL") or settings.site_url
    repo = repository or os.environ.get("REPOSITORY") or settings.repository
    how = "in source/editions.yml, or pass $SITE_URL/$REPOSITORY or --site-url/--repository"
    if not site or _PLACEHOLDER.search(site):
        raise PublishError(f"the site's address is {site or 'unknown'!r}, a placeholder: set site_url {how}")
    if not repo or _PLACEHOLDER.search(repo):
        raise PublishError(f"the repository is {repo or 'unknown'!r}, a placeholder: set repository {how}")
    return (site if site.endswith("/") else site + "/"), repo


def publish_edition(
    project: Project,
    version: str,
    *,
    site_url: str | None = None,
    repository: str | None = None,
    branch: str = "gh-pages",
    remote: str = "origin",
    push: bool = False,
) -> Published:
    """Publish ``version`` from the checked-out commit; every check runs before the branch is touched."""
    root = project.root
    try:
        head = git.head_commit(root)
        pages = sync.pages_source(root, remote, branch)
        published = published_editions(root, pages.ref) if pages.ref else []
        redeploy = _check_version(version, head, published)
        _check_checkout(project)
        settings = load_editions(project.sources.editions)
        site, repo_url = _addresses(settings, site_url, repository)
        push_tag = push and sync.check_tag(root, remote, version, head)
        epoch = git.commit_time(root)
        released = dt.datetime.fromtimestamp(epoch, dt.UTC).date()
        previous_version = previous_of(version, [e.version for e in published])
        checks = {}
        health = git.read_file(root, pages.ref, HEALTH_FILE) if published else None
        if health is not None:
            checks = dict(parse_health(health.decode("utf-8"), f"{branch}:{HEALTH_FILE}").results)
        with tempfile.TemporaryDirectory(prefix="publish-") as name:
            scratch = Path(name)
            previous = None
            if previous_version:
                entry = next(e for e in published if e.version == previous_version)
                previous = _previous_edition(project, entry, scratch / "previous")
            loaded = project.sources.load()
            edition = Edition(version, released, site, repo_url)
            build = build_edition(loaded, edition, checks, previous, settings.notes.get(version))
            changes = build.changed_passages
            extra_nav = ["changes.md"] if previous else []
            downloads = edition_downloads(build.conversion, build.edition)  # PdfError before the branch is touched
            config = stage_site(project, build.conversion, build.edition, scratch / "site", extra_nav, downloads)
            sync.adopt(root, pages, branch)  # every check passed: the local branch becomes the remote's
            deploy = [MIKE, "deploy", "-F", str(config), "--update-aliases", "-b", branch, "-r", remote]
            deploy += ["--prop-set-string", f"commit={head}", "--prop-set-string", f"released={released}"]
            deploy += ["--prop-set", f"changes={changes}", version, ALIAS]
            _run(deploy, root, _tool_env(site, epoch))
        if git.read_file(root, branch, "index.html") is None:
            _run([MIKE, "set-default", "-b", branch, ALIAS], root, _tool_env(site, epoch))
        root_files = {"404.html": root_404_html(site, LOCALES).encode()}
        if git.read_file(root, branch, HEALTH_FILE) is None:  # no check published yet: say so, not 404
            root_files[HEALTH_FILE] = LinkHealth().to_json()
        git.commit_files(root, branch, root_files, "Root files: the 404 page for every edition")
        if push:
            if push_tag:  # the commit versions.json records reaches the remote before the pages naming it
                sync.push_tag(root, remote, version, head)
            git.push(root, remote, branch)
    except (SourceError, HealthFileError, git.GitError, sync.SyncError, PdfError) as error:
        raise PublishError(str(error)) from None
    except OSError as error:
        raise PublishError(f"{error.filename or ''}: {error.strerror or error}") from None
    notes = (pages.note,) if pages.note else ()
    return Published(version, head, released, previous_version or "", changes, redeploy, notes)


def publish_link_health(
    project: Project,
    report: Path | Sequence[Path],
    *,
    branch: str = "gh-pages",
    remote: str = "origin",
    push: bool = False,
) -> bool:
    """Put link-check reports' verdicts and verified captures at the Pages root (link-health.json), in one commit.

    Each report (liveness, or ``--archives-only``) is merged in turn onto the record published so far: what a
    report did not ask (the verdicts, or the archives) stays as it was. False when nothing changed.
    """
    root = project.root
    reports = [report] if isinstance(report, Path) else list(report)
    try:
        if not git.branch_exists(root, branch):
            for path in reports:  # a report that is not one is still refused first, with its file and line
                health_from_report(path.read_text(encoding="utf-8"), str(path))
            raise PublishError(f"no {branch} branch: publish an edition first")
        published = git.read_file(root, branch, HEALTH_FILE)
        data = parse_health(published.decode("utf-8"), f"{branch}:{HEALTH_FILE}") if published else None
        for path in reports:
            data = merge(data, health_from_report(path.read_text(encoding="utf-8"), str(path)))
        assert data is not None
        day = (data.checked_at or data.archives_checked_at)[:10]
        message = f"Link health of {day}" + (" (archived copies verified)" if data.archives_checked_at else "")
        changed = git.commit_files(root, branch, {HEALTH_FILE: data.to_json()}, message)
        if push:
            git.push(root, remote, branch)
    except OSError as error:
        raise PublishError(f"{error.filename or ''}: {error.strerror or error}") from None
    except (SourceError, HealthFileError, git.GitError) as error:
        raise PublishError(str(error)) from None
    return changed
