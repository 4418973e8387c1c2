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

from ..edition.convert import LayoutUnsettled, TranslationIncomplete, strict_problem
from ..edition.errors import SourceError
from ..edition.model import Document
from ..edition.output import stale_files
from ..edition.translation import Entry, load_glossary, load_translations, source_items
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
    """Where the translation lacks a glossary term's English (its own rendering where the glossary fixes one for
    that part, else the default), a part with no rendering at all, a rendering for a part without the Chinese,
    and terms whose Chinese occurs nowhere."""
    terms = load_glossary(glossary)
    problems = []
    for term in terms:
        zh = _nonspace(term.zh)
        longer = [_nonspace(t.zh) for t in terms if len(_nonspace(t.zh)) > len(zh) and zh in _nonspace(t.zh)]
        found = set()
        for item in source_items(document):
            if not _uncovered(_nonspace(item.text), zh, longer):
                continue
            found.add(item.id)
            english = term.english_for(item.id)
            entry = entries.get(item.id)
            if english is None:
                problems.append(f"{item.id}: the glossary gives {term.zh} no English here")
            elif entry is not None and english.casefold() not in entry.text.casefold():
                problems.append(f"{item.id}: {term.zh} is not rendered {english!r}")
        if not found:
            problems.append(f"{term.zh} ({term.en}) occurs nowhere in the text")
        idle = [i for r in term.renderings for i in r.ids if i not in found]
        problems += [f"{i}: a rendering of {term.zh} for a part without it" for i in idle]
    return problems


def _stated(pattern: str, counts: str) -> int | None:
    match = re.search(pattern, counts)
    return int(match.group(1)) if match else None


def review_log_problems(translations: Path) -> list[str]:
    """Where REVIEW.md's "Counts" paragraph differs from the translation files (parts, review notes,
    translator's notes, quotations, passages marked as translated from the Chinese, the review date)."""
    log = translations / "REVIEW.md"
    if not log.is_file():
        return []
    text = log.read_text(encoding="utf-8")
    if "**Counts**" not in text:
        return [f"{log.name}: no **Counts** paragraph"]
    start = text.index("**Counts**")
    end = text.find("\n\n", start)
    counts = " ".join(text[start : end if end >= 0 else len(text)].split())
    entries = load_translations(translations)
    notes = [n for e in entries.values() for n in e.translator_notes]
    true = {
        r"all (\d+) parts": len(entries),
        r"(\d+) parts carry a `review_note`": sum(1 for e in entries.values() if e.review_note),
        r"(\d+) translator's notes": len(notes),
        r"(\d+) quotations of English originals": sum(len(e.quotes) for e in entries.values()),
        r"(\d+) marked as translated from the Chinese": sum(
            1 for n in notes if n.startswith("Translated from the author’s Chinese")
        ),
    }
    problems = []
    for pattern, value in true.items():
        stated = _stated(pattern, counts)
        if stated != value:
            problems.append(f"{log.name}: states {stated} for {pattern!r}, the files have {value}")
    reviewed = {e.reviewed for e in entries.values()}
    if len(reviewed) == 1 and None not in reviewed:
        day = reviewed.pop()
        if day and f"reviewed: {day.isoformat()}" not in counts:
            problems.append(f"{log.name}: does not give the review date the files record ({day.isoformat()})")
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
        conversion = project.sources.convert()
    except SourceError as error:
        return CheckReport((Step("convert", (str(error),), time.perf_counter() - start),))
    problem = strict_problem(conversion, project.sources.layout)
    problems = []
    if isinstance(problem, LayoutUnsettled):
        problems = list(problem.warnings)
    elif isinstance(problem, TranslationIncomplete):
        problems = list(problem.status.warnings()) or [str(problem)]
    steps.append(Step("convert --strict (layout decisions, translations current)", tuple(problems), _since(start)))
    start = time.perf_counter()
    stale = stale_files(conversion.files, project.docs)
    found = (f"docs/ is stale ({', '.join(stale)}): run scripts/convert.py and commit",) if stale else ()
    steps.append(Step("docs/ current", found, _since(start)))
    start = time.perf_counter()
    glossary = project.sources.glossary
    entries = load_translations(project.sources.translations)
    problems = glossary_problems(conversion.document, entries, glossary) if glossary.is_file() else []
    steps.append(Step("glossary consistent", tuple(problems), _since(start)))
    start = time.perf_counter()
    problems = review_log_problems(project.sources.translations)
    steps.append(Step("review log's counts true", tuple(problems), _since(start)))
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
