"""The editor's quick check of the live content (``publish.py --check``), in seconds.

What must hold before an edition is published, whatever the text says: the source converts with
``--strict`` (no open paragraph boundary, no stale decision, every translation current), ``docs/`` is
what the converter makes of it, the glossary's English is used wherever its Chinese occurs, the draft
site builds with ``mkdocs build --strict``, and no link between its pages is broken. The full test
suite tests the tool (on fixtures of its own); this checks the content.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import yaml

from ..edition.convert import convert
from ..edition.errors import SourceError
from ..edition.model import Document
from ..edition.output import stale_files
from ..edition.translation import Entry, load_translations, source_items
from .publish import Project


@dataclass(frozen=True)
class Step:
    """One check: its name, what it found wrong (nothing: it passed) and how long it took."""

    name: str
    problems: tuple[str, ...]
    seconds: float


@dataclass(frozen=True)
class CheckReport:
    steps: tuple[Step, ...]

    @property
    def ok(self) -> bool:
        return not any(step.problems for step in self.steps)


def _nonspace(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _uncovered(text: str, term: str, longer: list[str]) -> bool:
    """Whether ``term`` occurs in ``text`` outside every occurrence of a longer glossary term."""
    spans = [m.span() for t in longer for m in re.finditer(re.escape(t), text)]
    return any(
        not any(start <= m.start() and m.end() <= end for start, end in spans)
        for m in re.finditer(re.escape(term), text)
    )


def glossary_problems(document: Document, entries: dict[str, Entry], glossary: Path) -> list[str]:
    """Glossary terms whose Chinese occurs where the translation lacks their English, or occurs nowhere."""
    terms = (yaml.safe_load(glossary.read_text(encoding="utf-8")) or {}).get("terms") or []
    problems = []
    for term in terms:
        zh, en = _nonspace(term["zh"]), term["en"].casefold()
        longer = [_nonspace(t["zh"]) for t in terms if len(_nonspace(t["zh"])) > len(zh) and zh in _nonspace(t["zh"])]
        found = False
        for item in source_items(document):
            if _uncovered(_nonspace(item.text), zh, longer):
                found = True
                entry = entries.get(item.id)
                if entry is not None and en not in entry.text.casefold():
                    problems.append(f"{item.id}: {term['zh']} is not rendered {term['en']!r}")
        if not found:
            problems.append(f"{term['zh']} ({term['en']}) occurs nowhere in the text")
    return problems


def broken_links(site: Path) -> list[str]:
    """Links between the built site's pages whose file or anchor is missing (other hosts are not followed)."""
    pages: dict[Path, lxml.html.HtmlElement] = {}

    def page(path: Path) -> lxml.html.HtmlElement:
        if path not in pages:
            pages[path] = lxml.html.fromstring(path.read_bytes())
        return pages[path]

    broken = []
    for path in sorted(site.rglob("*.html")):
        # The outdated-edition banner links into another mike version, outside this build.
        for href in page(path).xpath('//a[@href][not(ancestor::*[@data-md-component="outdated"])]/@href'):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            rel = path.relative_to(site).as_posix()
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{rel}: {href} (no such page)")
            elif parts.fragment and target.suffix == ".html" and not page(target).xpath(
                "//*[@id=$id]", id=unquote(parts.fragment)
            ):
                broken.append(f"{rel}: {href} (no such anchor)")
    return broken


def _build(project: Project, dest: Path) -> list[str]:
    bin_dir = str(Path(sys.executable).parent)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PATH=os.pathsep.join([bin_dir, os.environ.get("PATH", "")]))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(dest)],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode == 0:
        return []
    lines = [line for line in (proc.stderr or proc.stdout).splitlines() if line.strip()]
    return [f"mkdocs build --strict failed: {line}" for line in lines[-5:]] or ["mkdocs build --strict failed"]


def check_project(project: Project) -> CheckReport:
    """Every check of the live content, each timed; the site is built only when the conversion is sound."""
    steps: list[Step] = []
    start = time.perf_counter()
    try:
        conversion = convert(project.source, project.metadata, project.translations, layout=project.layout)
    except SourceError as error:
        return CheckReport((Step("convert", (str(error),), time.perf_counter() - start),))
    problems = list(conversion.parsed.warnings("source/layout.yml")) if not conversion.parsed.settled else []
    if not conversion.translation.complete:
        problems += list(conversion.translation.warnings()) or ["the English translation is incomplete"]
    steps.append(Step("convert --strict (layout decisions, translations current)", tuple(problems), _since(start)))
    start = time.perf_counter()
    stale = stale_files(conversion.files, project.docs)
    found = (f"docs/ is stale ({', '.join(stale)}): run scripts/convert.py and commit",) if stale else ()
    steps.append(Step("docs/ current", found, _since(start)))
    start = time.perf_counter()
    glossary = project.root / "source" / "glossary.yml"
    entries = load_translations(project.translations)
    problems = glossary_problems(conversion.document, entries, glossary) if glossary.is_file() else []
    steps.append(Step("glossary consistent", tuple(problems), _since(start)))
    if stale:
        return CheckReport(tuple(steps))  # the build would be of pages that are not the source's
    with tempfile.TemporaryDirectory(prefix="publish-check-") as name:
        start = time.perf_counter()
        site = Path(name) / "site"
        problems = _build(project, site)
        steps.append(Step("mkdocs build --strict", tuple(problems), _since(start)))
        if not problems:
            start = time.perf_counter()
            steps.append(Step("links between pages", tuple(broken_links(site)), _since(start)))
    return CheckReport(tuple(steps))


def _since(start: float) -> float:
    return time.perf_counter() - start
