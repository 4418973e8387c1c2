"""The report as JUnit XML: a test case per target, failing when its URL is, skipped when it is unverifiable."""

from __future__ import annotations

from typing import ClassVar

from ..results import Verdict
from . import Report


class JunitFormatter:
    name: ClassVar[str] = "junit"

    def render(self, report: Report) -> str:
        from xml.etree import ElementTree as ET  # only this format needs it

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
            result, origin = entry.result, entry.target.origin
            case = ET.SubElement(
                suite, "testcase", classname=origin.group or "urls", name=entry.target.url, time=f"{result.elapsed:.3f}"
            )
            message = f"{result.verdict}: {result.error or result.status}"
            if result.failing:
                failure = ET.SubElement(case, "failure", message=message, type=str(result.verdict))
                if origin.archive_url:
                    failure.text = f"archive: {origin.archive_url}"
            elif result.verdict == Verdict.UNVERIFIABLE:
                ET.SubElement(case, "skipped", message=message)
        ET.indent(suite)
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


FORMATTER = JunitFormatter()
