"""Reporting: results -> table, JSON, Markdown or JUnit text, one formatter per format behind one interface."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol
from xml.etree import ElementTree as ET

from edition.citations.archive import WAYBACK, archive_url  # noqa: F401  (re-exported)
from edition.citations.urls import CitedUrl
from edition.links.check import CheckResult, Verdict


@dataclass(frozen=True)
class ReportEntry:
    """One citation with the verdict on its URL and the URL's run of failed checks."""

    cited: CitedUrl
    result: CheckResult
    failures: int = 0

    @property
    def archive_url(self) -> str:
        return archive_url(self.cited.url, self.cited.date)

    def to_dict(self) -> dict[str, Any]:
        cited = self.cited.to_dict()
        return {
            **self.result.to_dict(),
            "note": cited["note"],
            "section": cited["section"],
            "section_title": cited["section_title"],
            "page": cited["page"],
            "page_note": cited["page_note"],
            "date": cited["date"],
            "archive_url": self.archive_url,
            "failures": self.failures,
        }


@dataclass(frozen=True)
class Report:
    entries: tuple[ReportEntry, ...]
    requests: int = 0
    elapsed: float = 0.0
    checked_at: dt.datetime | None = None

    @property
    def failing(self) -> tuple[ReportEntry, ...]:
        return tuple(e for e in self.entries if e.result.failing)

    def summary(self) -> dict[str, Any]:
        counts = Counter(str(e.result.verdict) for e in self.entries)
        return {
            "total": len(self.entries),
            "unique_urls": len({e.cited.url for e in self.entries}),
            "verdicts": {str(v): counts.get(str(v), 0) for v in Verdict},
            "failing": len(self.failing),
            "from_cache": sum(1 for e in self.entries if e.result.from_cache),
            "requests": self.requests,
            "elapsed": round(self.elapsed, 3),
            "checked_at": self.checked_at.isoformat(timespec="seconds") if self.checked_at else None,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"results": [e.to_dict() for e in self.entries], "summary": self.summary()}


class Formatter(Protocol):
    name: ClassVar[str]

    def render(self, report: Report) -> str: ...


def _where(entry: ReportEntry) -> str:
    cited = entry.cited
    if cited.note is None:
        return ""
    return f"note {cited.note} (p. {cited.page}, n. {cited.page_note})"


def _verdict_text(entry: ReportEntry) -> str:
    text = str(entry.result.verdict)
    if entry.result.from_cache:
        text += " (cached)"
    if entry.failures:
        text += f" [{entry.failures}x in a row]"
    return text


class TableFormatter:
    name: ClassVar[str] = "table"

    def render(self, report: Report) -> str:
        rows = [("VERDICT", "STATUS", "WHERE", "URL")]
        for entry in report.entries:
            result = entry.result
            url = entry.cited.url
            if result.final_url and result.final_url != url:
                url += f" -> {result.final_url}"
            if result.error and result.verdict not in (Verdict.OK, Verdict.REDIRECTED):
                url += f"  ({result.error})"
            rows.append((_verdict_text(entry), str(result.status or "-"), _where(entry), url))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = ["  ".join(row[i].ljust(widths[i]) for i in range(3)) + "  " + row[3] for row in rows]
        summary = report.summary()
        counts = ", ".join(f"{n} {v}" for v, n in summary["verdicts"].items() if n)
        lines.append("")
        lines.append(
            f"{summary['total']} cited URLs ({summary['unique_urls']} distinct): {counts or 'none'}; "
            f"{summary['requests']} requests in {summary['elapsed']:.1f} s"
        )
        return "\n".join(lines) + "\n"


class JsonFormatter:
    name: ClassVar[str] = "json"

    def render(self, report: Report) -> str:
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownFormatter:
    name: ClassVar[str] = "markdown"

    def render(self, report: Report) -> str:
        lines = [
            "| Note | Section | URL | Verdict | Status | Archive |",
            "| ---: | --- | --- | --- | ---: | --- |",
        ]
        for entry in report.entries:
            cited, result = entry.cited, entry.result
            note = f"{cited.note} (p. {cited.page}, n. {cited.page_note})" if cited.note is not None else ""
            target = f"<{cited.url}>"
            if result.final_url and result.final_url != cited.url:
                target += f" → <{result.final_url}>"
            lines.append(
                "| "
                + " | ".join(
                    _cell(cell)
                    for cell in (
                        note,
                        cited.section_title or cited.section_id or "",
                        target,
                        _verdict_text(entry),
                        str(result.status or ""),
                        f"[snapshot]({entry.archive_url})",
                    )
                )
                + " |"
            )
        summary = report.summary()
        counts = ", ".join(f"{n} {v}" for v, n in summary["verdicts"].items() if n)
        lines += ["", f"{summary['total']} cited URLs: {counts or 'none'}."]
        return "\n".join(lines) + "\n"


class JunitFormatter:
    name: ClassVar[str] = "junit"

    def render(self, report: Report) -> str:
        summary = report.summary()
        suite = ET.Element(
            "testsuite",
            name="cited-links",
            tests=str(summary["total"]),
            failures=str(summary["failing"]),
            skipped=str(summary["verdicts"][Verdict.UNVERIFIABLE]),
            time=f"{report.elapsed:.3f}",
        )
        for entry in report.entries:
            result = entry.result
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"note {entry.cited.note}" if entry.cited.note is not None else "urls",
                name=entry.cited.url,
                time=f"{result.elapsed:.3f}",
            )
            message = f"{result.verdict}: {result.error or result.status}"
            if result.failing:
                failure = ET.SubElement(case, "failure", message=message, type=str(result.verdict))
                failure.text = f"archive: {entry.archive_url}"
            elif result.verdict == Verdict.UNVERIFIABLE:
                ET.SubElement(case, "skipped", message=message)
        ET.indent(suite)
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


FORMATTERS: dict[str, Formatter] = {
    f.name: f for f in (TableFormatter(), JsonFormatter(), MarkdownFormatter(), JunitFormatter())
}


def render(report: Report, format_name: str) -> str:
    """The report as text in the named format."""
    try:
        formatter = FORMATTERS[format_name]
    except KeyError:
        raise ValueError(f"unknown format {format_name!r} (choose from {', '.join(FORMATTERS)})") from None
    return formatter.render(report)


def progress_bar(done: int, total: int, width: int = 30) -> str:
    """A one-line progress bar, e.g. ``[#####.....]  5/10``."""
    filled = width if total == 0 else round(width * done / total)
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"
