"""The report as a Markdown table: the origin's columns, the URL, verdict, status, and its verified archived copy."""

from __future__ import annotations

from typing import ClassVar

from . import Report, archive_text, verdict_text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class MarkdownFormatter:
    name: ClassVar[str] = "markdown"

    def render(self, report: Report) -> str:
        origins = [entry.target.origin for entry in report.entries]
        headings = list(dict.fromkeys(heading for origin in origins for heading, _ in origin.columns))
        archived = any(entry.archive for entry in report.entries)
        header = [*headings, "URL", "Verdict", "Status", *(["Archive"] if archived else [])]
        align = ["---"] * len(headings) + ["---", "---", "---:"] + (["---"] if archived else [])
        lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
        for entry, origin in zip(report.entries, origins, strict=True):
            result, columns = entry.result, dict(origin.columns)
            target = f"<{entry.target.url}>"
            if result and result.final_url and result.final_url != entry.target.url:
                target += f" → <{result.final_url}>"
            cells = [*(columns.get(heading, "") for heading in headings), target, verdict_text(entry)]
            cells.append(str(result.status or "") if result else "")
            if archived:
                capture = entry.archive.capture if entry.archive else None
                cells.append(
                    f"[{archive_text(entry.archive)}]({capture.url})" if capture else archive_text(entry.archive)
                )
            lines.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
        lines += ["", f"{report.summary()['total']} cited URLs: {report.counts_text()}."]
        return "\n".join(lines) + "\n"


FORMATTER = MarkdownFormatter()
