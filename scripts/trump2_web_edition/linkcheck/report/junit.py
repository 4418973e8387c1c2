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
            elapsed = f"{result.elapsed:.3f}" if result else "0.000"
            case = ET.SubElement(
                suite, "testcase", classname=origin.group or "urls", name=entry.target.url, time=elapsed
            )
            if result is None:  # only the archives were asked: nothing can fail
                continue
            message = f"{result.verdict}: {result.error or result.status}"
            capture = entry.archive.capture if entry.archive else None
            if result.failing:
                failure = ET.SubElement(case, "failure", message=message, type=str(result.verdict))
                if capture:
                    failure.text = f"archived copy: {capture.url}"
            elif result.verdict == Verdict.UNVERIFIABLE:
                ET.SubElement(case, "skipped", message=message)
        ET.indent(suite)
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


FORMATTER = JunitFormatter()
