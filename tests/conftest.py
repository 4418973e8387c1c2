"""Shared set-up: the seed article, and helpers for CLI and tree checks (the project is installed).

The tests read their own copy of the sources (tests/fixtures/source, ``FIXTURES``), never the live
source/: an editor's correction there fails no test. The converter's command line runs in a copy of
the project whose source/ is that copy (``fixture_root``), so that its defaults are the fixtures too.
What must hold for the live content is ``scripts/publish.py --check`` (tests/test_publishing_check.py).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"

def _env_tag(loader, node):
    """mkdocs.yml's ``!ENV [NAME, ..., default]``, resolved as MkDocs does (pyyaml_env_tag)."""
    if isinstance(node, yaml.SequenceNode):
        *names, default = loader.construct_sequence(node)
    else:
        names, default = [loader.construct_scalar(node)], None
    return next((os.environ[name] for name in names if name in os.environ), default)


# Tests read mkdocs.yml with plain PyYAML; site_url there is an !ENV tag (SITE_URL).
for _loader in (yaml.SafeLoader, yaml.Loader):
    yaml.add_constructor("!ENV", _env_tag, Loader=_loader)

from trump2_web_edition.devtools.site_build import FIXTURES  # noqa: E402 (after the !ENV tag is known)

SEED = FIXTURES.source
METADATA = FIXTURES.metadata
TRANSLATIONS = FIXTURES.translations
LAYOUT = FIXTURES.layout
EDITIONS_FILE = FIXTURES.editions
GLOSSARY = FIXTURES.glossary
GOLDEN = Path(__file__).resolve().parent / "golden"
ERROR_LINE = re.compile(r"^convert\.py: error: (?P<path>.+):(?P<line>\d+): (?P<message>.+)$")


def seed_text() -> str:
    """The seed article as text."""
    return SEED.read_text(encoding="utf-8")


def nonspace(text: str) -> str:
    """The text without any whitespace."""
    return re.sub(r"\s+", "", text)


def line_index(lines: list[str], predicate) -> int:
    """Index of the first line for which ``predicate`` holds (fails the test if none)."""
    for index, line in enumerate(lines):
        if predicate(line):
            return index
    raise AssertionError("no such line in the seed")


@functools.cache
def fixture_root() -> Path:
    """A copy of the project whose source/ is the fixtures and whose docs/ is converted from them (made once)."""
    from trump2_web_edition.devtools.pages import make_project

    scratch = Path(tempfile.mkdtemp(prefix="fixture-project-"))
    atexit.register(shutil.rmtree, scratch, ignore_errors=True)
    return make_project(scratch / "project").path


def run_cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run scripts/convert.py of the fixture project (its defaults are the fixtures) in a subprocess."""
    root = fixture_root()
    return subprocess.run(
        [sys.executable, str(root / "scripts" / "convert.py"), *map(str, args)],
        cwd=cwd or root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def tree_hash(path: Path, skip: str = "") -> str:
    """A hash of a folder's names, modes and contents (hidden files included), but for its ``skip`` folder."""
    digest = hashlib.sha256()
    if not path.exists():
        return "missing"
    for item in sorted(path.rglob("*")):
        rel = item.relative_to(path)
        if skip and rel.parts[0] == skip:
            continue
        digest.update(str(rel).encode())
        digest.update(str(item.stat().st_mode).encode())
        if item.is_file():
            digest.update(item.read_bytes())
    return digest.hexdigest()


def markdown_extensions() -> list[object]:
    """The Markdown extensions of mkdocs.yml, for Python-Markdown."""
    import yaml

    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.Loader)
    extensions: list[object] = []
    configs: dict[str, dict] = {}
    for entry in config["markdown_extensions"]:
        if isinstance(entry, dict):
            ((name, options),) = entry.items()
            extensions.append(name)
            configs[name] = options or {}
        else:
            extensions.append(entry)
    return [extensions, configs]


def to_html(text: str) -> str:
    """Render Markdown as MkDocs would: front matter taken off, then the same extensions."""
    import markdown
    from mkdocs.utils.meta import get_data

    if text.startswith("---\n"):  # (get_data would also read "Key: value" first lines as meta)
        text, _ = get_data(text)
    extensions, configs = markdown_extensions()
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


@pytest.fixture(scope="session")
def seed_document():
    from trump2_web_edition.edition.parse import parse_file

    return parse_file(SEED)


@pytest.fixture()
def docs_dir(tmp_path: Path) -> Path:
    """A pre-existing output folder: the pages converted from the fixtures plus a hand-written file."""
    out = tmp_path / "docs"
    out.mkdir()
    for page in (fixture_root() / "docs").glob("*.md"):
        (out / page.name).write_bytes(page.read_bytes())
    shutil.copytree(fixture_root() / "docs" / "assets", out / "assets")  # citation files, stylesheet
    (out / "about.md").write_text("# Hand-written\n", encoding="utf-8")
    return out


@dataclass(frozen=True)
class BuiltSite:
    """The real site, built once for every test that reads it (as publish.py renders edition 1.0)."""

    root: Path  # the site folder
    project: Path  # the copy of the project it was built in
    log: str
    returncode: int
    project_changed: bool  # whether the build wrote anything outside its site folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    """One MkDocs build of the real project, its pages from the fixtures, for the whole session (tests must not
    change it)."""
    from trump2_web_edition.devtools.site_build import TEST_EDITION, copy_project, run_build

    project = tmp_path_factory.mktemp("project")
    copy_project(project, TEST_EDITION)
    before = tree_hash(project, skip="site")
    proc = run_build(project)
    changed = tree_hash(project, skip="site") != before
    if proc.returncode != 0:
        pytest.fail(f"mkdocs build failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return BuiltSite(project / "site", project, proc.stdout + proc.stderr, proc.returncode, changed)


@dataclass(frozen=True)
class Editions:
    """Two editions published as an editor would (``--push``, to a bare repository playing GitHub), with the
    link health published twice.

    1.0 (released 2026-11-02); link health A (all ok, 2026-11-20); a correction of one character,
    one note's URL and one sentence, published as 1.1 (released 2026-12-01); link health B (note
    2's URL broken for 3 runs, 2026-12-07). ``blobs`` holds the Pages branch after each step. main is
    never pushed: the tags v1.0 and v1.1 carry the editions' commits to ``origin``.
    """

    project: object  # devtools.pages.Project
    blobs: dict[str, dict[str, str]]
    corrected: dict[str, str]  # what the correction changed: passage id -> the words involved
    origin: Path  # the bare repository the editions were pushed to


EDITOR_NOTE = {
    "zh": "更正一处错字、一条注释的网址，删去重复的一句。",
    "en": "Corrects a typo and a note's URL, and removes a repeated sentence.",
}
CORRECTIONS = {
    "s1-p1": ("美国对华战略竞争态势已然定型", "美国对华战略竞争态势已经定型"),
    "s1-p2": ("用“价值认同”进行国内和国际动员。", ""),
    "note-3": ("6656/8532352", "6656/8532353"),
}


@pytest.fixture(scope="session")
def editions(tmp_path_factory) -> Editions:
    from trump2_web_edition.devtools.pages import link_report, make_origin, make_project
    from trump2_web_edition.edition.citations.urls import cited_urls
    from trump2_web_edition.edition.parse import parse_file

    scratch = tmp_path_factory.mktemp("editions")
    project = make_project(scratch / "project", date="2026-11-02T09:00:00+00:00")
    origin = make_origin(project, scratch / "origin.git", push_main=False)  # only the tags carry the commits
    blobs: dict[str, dict[str, str]] = {}
    project.publish("1.0", "--push")
    blobs["1.0"] = project.blobs()
    urls = [c.url for c in cited_urls(parse_file(SEED))]
    report = project.path.parent / "report-a.json"
    report.write_text(link_report(urls, "2026-11-20T04:17:00+00:00"), encoding="utf-8")
    project.publish("--link-health", report, "--push")
    blobs["health A"] = project.blobs()
    source = project.path / "source" / SEED.name
    text = source.read_text(encoding="utf-8")
    for old, new in CORRECTIONS.values():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    source.write_text(text, encoding="utf-8")
    registry = project.path / "source" / "editions.yml"
    notes = f"notes:\n  '1.1':\n    zh: {EDITOR_NOTE['zh']}\n    en: {EDITOR_NOTE['en']}\n"
    registry.write_text(registry.read_text(encoding="utf-8").replace("notes: {}\n", notes), encoding="utf-8")
    project.convert()
    project.commit_all("Correct one character, one note's URL and one sentence", date="2026-12-01T10:00:00+00:00")
    project.publish("1.1", "--push")
    blobs["1.1"] = project.blobs()
    report = project.path.parent / "report-b.json"
    report.write_text(link_report(urls, "2026-12-07T04:17:00+00:00", {urls[0]: "broken"}, runs=3), encoding="utf-8")
    project.publish("--link-health", report, "--push")
    blobs["health B"] = project.blobs()
    return Editions(project, blobs, {key: old for key, (old, _) in CORRECTIONS.items()}, origin)


@dataclass(frozen=True)
class Offprints:
    """The edition's downloads built once for the session: article-zh.pdf, article-en.pdf, article.xml."""

    conversion: object  # edition.convert.Conversion
    edition: object  # edition.release.Edition
    files: dict[str, bytes]
    seconds: float


@pytest.fixture(scope="session")
def offprints() -> Offprints:
    """One build of the PDFs (WeasyPrint takes seconds) for every test that reads them."""
    import datetime as dt
    import time

    from trump2_web_edition.devtools.site_build import FIXTURES
    from trump2_web_edition.edition.release import Edition
    from trump2_web_edition.publishing.downloads import edition_downloads

    conversion = FIXTURES.convert()
    edition = Edition(version="1.0", released=dt.date(2026, 12, 1), site_url="https://owner.github.io/repo/")
    start = time.perf_counter()
    files = edition_downloads(conversion, edition)
    return Offprints(conversion, edition, files, time.perf_counter() - start)
