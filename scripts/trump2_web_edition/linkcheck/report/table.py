"""The report as a plain-text table: verdict, status, where the URL was found, the URL (and where it led)."""

from __future__ import annotations

from typing import ClassVar

from ..results import ALIVE
from . import Report, verdict_text


class TableFormatter:
    name: ClassVar[str] = "table"

    def render(self, report: Report) -> str:
        rows = [("VERDICT", "STATUS", "WHERE", "URL")]
        for entry in report.entries:
            result = entry.result
            url = entry.target.url
            if result and result.final_url and result.final_url != url:
                url += f" -> {result.final_url}"
            if result and result.error and result.verdict not in ALIVE:
                url += f"  ({result.error})"
            if entry.archive and entry.archive.capture:
                url += f"  [{entry.archive.capture.url}]"
            elif entry.archive and entry.archive.error:
                url += f"  (archive: {entry.archive.error})"
            status = str(result.status or "-") if result else "-"
            rows.append((verdict_text(entry), status, entry.target.origin.place, url))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = ["  ".join(row[i].ljust(widths[i]) for i in range(3)) + "  " + row[3] for row in rows]
        summary = report.summary()
        lines.append("")
        lines.append(
            f"{summary['total']} cited URLs ({summary['unique_urls']} distinct): {report.counts_text()}; "
            f"{summary['requests']} requests in {summary['elapsed']:.1f} s"
        )
        return "\n".join(lines) + "\n"


FORMATTER = TableFormatter()
