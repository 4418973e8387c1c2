"""Reporting: results with their origins -> text, one formatter per format behind one interface."""

from __future__ import annotations

import datetime as dt
import importlib
from collections import Counter
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from ..results import ArchiveLookup, ArchiveStatus, CheckResult, Verdict
from ..urls import Target

# Format name -> the module of its formatter (each imported only when its format is asked for).
FORMATS = {"table": "table", "json": "json", "markdown": "markdown", "junit": "junit"}


@dataclass(frozen=True)
class ReportEntry:
    """One target (a URL where it was found) with the verdict on its URL and the URL's run of failed checks, and
    what the archives said of it (None: not asked). ``result`` is None when only the archives were asked."""

    target: Target
    result: CheckResult | None
    failures: int = 0
    archive: ArchiveLookup | None = None

    @property
    def failing(self) -> bool:
        return self.result is not None and self.result.failing

    def to_dict(self) -> dict[str, Any]:
        result = self.result.to_dict() if self.result else {"url": self.target.url, "verdict": None}
        return {
            **result,
            **dict(self.target.origin.fields),
            "archive": self.archive.to_dict() if self.archive else None,
            "failures": self.failures,
        }


@dataclass(frozen=True)
class Report:
    entries: tuple[ReportEntry, ...]
    requests: int = 0
    elapsed: float = 0.0
    checked_at: dt.datetime | None = None  # when liveness was checked (None: only the archives were asked)
    archives_checked_at: dt.datetime | None = None  # when the archives were asked (None: they were not)

    @property
    def failing(self) -> tuple[ReportEntry, ...]:
        return tuple(e for e in self.entries if e.failing)

    def summary(self) -> dict[str, Any]:
        counts = Counter(str(e.result.verdict) for e in self.entries if e.result)
        summary = {
            "total": len(self.entries),
            "unique_urls": len({e.target.url for e in self.entries}),
            "verdicts": {str(v): counts.get(str(v), 0) for v in Verdict},
            "failing": len(self.failing),
            "from_cache": sum(1 for e in self.entries if e.result and e.result.from_cache),
            "requests": self.requests,
            "elapsed": round(self.elapsed, 3),
            "checked_at": self.checked_at.isoformat(timespec="seconds") if self.checked_at else None,
        }
        if self.archives_checked_at:
            archived = Counter(str(e.archive.status) for e in self.entries if e.archive)
            summary["archives"] = {str(s): archived.get(str(s), 0) for s in ArchiveStatus}
            summary["archives_checked_at"] = self.archives_checked_at.isoformat(timespec="seconds")
        return summary

    def to_dict(self) -> dict[str, Any]:
        return {"results": [e.to_dict() for e in self.entries], "summary": self.summary()}

    def counts_text(self) -> str:
        """The verdicts counted, e.g. "2 ok, 1 broken" (or "none"), then the archives' answers if asked."""
        summary = self.summary()
        counts = ", ".join(f"{n} {v}" for v, n in summary["verdicts"].items() if n)
        if "archives" in summary:
            archived = ", ".join(f"{n} {s}" for s, n in summary["archives"].items() if n)
            counts = f"{counts}; archived copies: {archived}" if counts else f"archived copies: {archived}"
        return counts or "none"


class Formatter(Protocol):
    name: ClassVar[str]

    def render(self, report: Report) -> str: ...


def verdict_text(entry: ReportEntry) -> str:
    """The verdict as tables show it: marked when served from the cache, with the URL's run of failures (or, when
    only the archives were asked, what they said)."""
    if entry.result is None:
        return archive_text(entry.archive)
    text = str(entry.result.verdict)
    if entry.result.from_cache:
        text += " (cached)"
    if entry.failures:
        text += f" [{entry.failures}x in a row]"
    return text


def archive_text(lookup: ArchiveLookup | None) -> str:
    """What the archives said, in a word or two: "archived 2025-03-01", "no archived copy", "could not verify"."""
    if lookup is None:
        return "archives not asked"
    if lookup.capture is not None:
        return f"archived {lookup.capture.date.isoformat()}"
    return "no archived copy" if lookup.status == ArchiveStatus.NONE else "could not verify"


def formatter(format_name: str) -> Formatter:
    """The formatter of the named format."""
    try:
        module = FORMATS[format_name]
    except KeyError:
        raise ValueError(f"unknown format {format_name!r} (choose from {', '.join(FORMATS)})") from None
    return importlib.import_module(f"{__name__}.{module}").FORMATTER


def render(report: Report, format_name: str) -> str:
    """The report as text in the named format."""
    return formatter(format_name).render(report)


def progress_bar(done: int, total: int, width: int = 30) -> str:
    """A one-line progress bar, e.g. ``[#####.....]  5/10``."""
    filled = width if total == 0 else round(width * done / total)
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
