"""The Markdown format: the origins' columns, the URL, verdict, status, a link to the saved copy."""

from __future__ import annotations

from report_sample import ARCHIVE, REPORT
from trump2_web_edition.linkcheck.report import Report, ReportEntry, render
from trump2_web_edition.linkcheck.results import CheckResult, Verdict
from trump2_web_edition.linkcheck.urls import Target


def test_markdown_escapes_cells_and_links_the_snapshot():
    lines = render(REPORT, "markdown").splitlines()
    assert lines[0] == "| Chapter | Heading | URL | Verdict | Status | Archive |"
    assert lines[1] == "| --- | --- | --- | --- | ---: | --- |"
    assert lines[2].startswith("| 3 | 一、态势 | <https://udn.com/") and lines[2].endswith(
        f"| [archived 2025-03-01]({ARCHIVE}) |"
    )
    assert lines[3].endswith("| no archived copy |")  # none is linked where none is verified
    assert "a\\|b" in lines[3] and lines[3].startswith("|  |  | ")  # no origin: empty cells
    assert lines[-1] == "3 cited URLs: 1 ok, 1 broken, 1 unverifiable."


def test_no_archive_column_without_an_archived_copy():
    plain = Report((ReportEntry(Target("https://a.example/"), CheckResult("https://a.example/", Verdict.OK, 200)),))
    assert render(plain, "markdown").splitlines()[0] == "| URL | Verdict | Status |"
