"""GitHub Pages on this machine, for tests and benchmarks: the project copied into a temporary git
repository (its source/ the tests' fixture copy, its docs/ converted from it), editions published into
its gh-pages branch with scripts/publish.py (real git, real mike), a bare repository playing GitHub,
and that branch served on 127.0.0.1 under /REPO/ as GitHub Pages would."""

from __future__ import annotations

import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import threading
from dataclasses import dataclass
from pathlib import Path

from ..edition.convert import SourceFiles
from .site_build import FIXTURES

ROOT = Path(__file__).resolve().parents[3]
# What a deploy needs: the site's sources and the converter (an editor's correction goes
# through scripts/convert.py). Everything else stays out of the copy; source/ comes from the fixtures.
PROJECT_FILES = ("mkdocs.yml", "docs", "overrides", "hooks", "jieba_userdict.txt", "scripts", ".gitignore")
# Not "REPO": a name other than the placeholder's proves nothing is hard-wired to it.
OWNER = "example-owner"
REPO = "web-edition"
SITE_URL = f"https://{OWNER}.github.io/{REPO}/"
REPOSITORY = f"https://github.com/{OWNER}/{REPO}"
BIN = Path(sys.executable).parent
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.invalid",
    "GIT_COMMITTER_NAME": "Test Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}


@dataclass(frozen=True)
class Project:
    """A temporary copy of the project that is its own git repository.

    ``site_url`` and ``repository`` are passed as $SITE_URL and $REPOSITORY, as the deploy workflow
    passes them; empty, neither is set (publishing then reads source/editions.yml).
    """

    path: Path
    site_url: str = SITE_URL
    repository: str = REPOSITORY

    def env(self) -> dict[str, str]:
        """Environment for git, mkdocs and mike: test identity, this SITE_URL and REPOSITORY, and
        SOURCE_DATE_EPOCH from the checked-out commit, as the deploy workflow sets it."""
        env = dict(os.environ, **GIT_ENV, NO_MKDOCS_2_WARNING="1")
        for name, value in (("SITE_URL", self.site_url), ("REPOSITORY", self.repository)):
            env.pop(name, None)
            if value:
                env[name] = value
        env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])  # mike runs `mkdocs`
        env.pop("GIT_DIR", None)
        env.pop("GIT_WORK_TREE", None)
        if (self.path / ".git").exists() and self.git("rev-parse", "--verify", "-q", "HEAD", check=False):
            env["SOURCE_DATE_EPOCH"] = self.git("log", "-1", "--format=%ct")
        return env

    def run(self, *args: str | Path, timeout: int = 600) -> str:
        """Run a command in the copy; fail with its output if it fails."""
        proc = subprocess.run(
            [str(a) for a in args], cwd=self.path, env=self.env(), capture_output=True, text=True, timeout=timeout
        )
        if proc.returncode != 0:
            raise AssertionError(f"{args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc.stdout + proc.stderr

    def git(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run(
            ["git", *args],
            cwd=self.path,
            env=dict(os.environ, **GIT_ENV),
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"git {args} failed:\n{proc.stderr}")
        return proc.stdout.strip() if proc.returncode == 0 else ""

    def commit_all(self, message: str, date: str | None = None) -> str:
        """Commit everything (at ``date``, ISO 8601, when given: an edition's release date is its commit's)."""
        self.git("add", "-A")
        dates = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
        subprocess.run(
            ["git", "commit", "-q", "-m", message],
            cwd=self.path,
            env=dict(os.environ, **GIT_ENV, **dates),
            check=True,
            timeout=120,
        )
        return self.git("rev-parse", "HEAD")

    def publish(self, *args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
        """``python scripts/publish.py ARGS`` in the copy, as the README tells an editor (and the workflow) to."""
        proc = subprocess.run(
            [sys.executable, "scripts/publish.py", *map(str, args)],
            cwd=self.path,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"publish.py {args} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc

    def deploy(self, version: str) -> str:
        """Publish ``version`` (it becomes latest; the root redirects there)."""
        proc = self.publish(version)
        return proc.stdout + proc.stderr

    def convert(self) -> str:
        return self.run(sys.executable, "scripts/convert.py")

    def pages_tree(self, dest: Path, rev: str = "gh-pages") -> Path:
        """Extract the gh-pages tree at ``rev`` (symlinks kept, as GitHub Pages serves them)."""
        data = subprocess.run(
            ["git", "archive", "--format=tar", rev], cwd=self.path, capture_output=True, check=True, timeout=120
        ).stdout
        dest.mkdir(parents=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(dest, filter="tar")
        return dest

    def blobs(self, rev: str = "gh-pages") -> dict[str, str]:
        """path -> (mode, blob id) of every file on ``rev``: equal ids are equal bytes."""
        out = self.git("ls-tree", "-r", "--full-tree", rev)
        entries = {}
        for line in out.splitlines():
            meta, path = line.split("\t", 1)
            mode, _, blob = meta.split()
            entries[path] = f"{mode} {blob}"
        return entries


def make_project(
    dest: Path,
    date: str | None = None,
    site_url: str = SITE_URL,
    repository: str = REPOSITORY,
    sources: SourceFiles = FIXTURES,
    root: Path = ROOT,
) -> Project:
    """Copy the project at ``root`` into ``dest`` with ``sources`` (the fixtures) as its source/, convert
    them into its docs/ with the copy's scripts/convert.py, and commit it all as a new repository (at ``date``)."""
    dest.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in PROJECT_FILES:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, dest / name)
    shutil.copytree(sources.folder, dest / "source", ignore=ignore)
    project = Project(dest, site_url, repository)
    project.convert()
    project.git("init", "-q", "-b", "main")
    project.commit_all("The edition as of the test run", date)
    return project


def make_origin(project: Project, dest: Path, push_main: bool = True) -> Path:
    """A bare repository at ``dest`` playing GitHub: the project's ``origin`` (holding its main branch, unless
    not ``push_main``)."""
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(dest)], check=True, timeout=120)
    project.git("remote", "add", "origin", str(dest))
    if push_main:
        project.git("push", "-q", "origin", "main")
    return dest


def clone(origin: Path, dest: Path, site_url: str = SITE_URL, repository: str = REPOSITORY) -> Project:
    """A fresh clone of ``origin`` (main checked out, no local gh-pages), as an editor's new machine has."""
    subprocess.run(
        ["git", "clone", "-q", str(origin), str(dest)],
        env=dict(os.environ, **GIT_ENV),
        check=True,
        capture_output=True,
        timeout=120,
    )
    return Project(dest, site_url, repository)


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """GitHub Pages for a project page: the tree under /REPO/, the tree's 404.html for misses."""

    prefix = f"/{REPO}"
    timeout = 30

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean != self.prefix and not clean.startswith(self.prefix + "/"):
            return os.path.join(self.directory, "__outside_the_project_page__")
        return super().translate_path(clean[len(self.prefix) :] or "/")

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # keep test output quiet
        self.server.requests.append((self.command, self.path, args[1] if len(args) > 1 else ""))


class PagesServer:
    """A threaded http.server on 127.0.0.1 (any free port) serving ``tree`` under /REPO/."""

    def __init__(self, tree: Path):
        handler = type("Handler", (_PagesHandler,), {})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), lambda *a, **k: handler(*a, directory=str(tree), **k)
        )
        self.httpd.daemon_threads = True
        self.httpd.requests = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)

    @property
    def root(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/{REPO}/"

    @property
    def requests(self) -> list[tuple[str, str, str]]:
        """(method, path, status) of every request served so far."""
        return self.httpd.requests

    def __enter__(self) -> PagesServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)


def link_report(urls: list[str], checked_at: str, failing: dict[str, str] | None = None, runs: int = 1) -> str:
    """A ``check_links.py --format json`` report: every URL ok but those in ``failing`` (url -> verdict)."""
    failing = failing or {}
    results = [
        {"url": url, "verdict": failing.get(url, "ok"), "failures": runs if url in failing else 0} for url in urls
    ]
    return json.dumps({"summary": {"checked_at": checked_at, "total": len(urls)}, "results": results})
