"""One small report shared by the report tests: an archived, placed target; a broken one; an unverifiable one."""

from __future__ import annotations

import datetime as dt

from trump2_web_edition.linkcheck.report import Report, ReportEntry
from trump2_web_edition.linkcheck.results import ArchiveLookup, ArchiveStatus, Capture, CheckResult, Hop, Verdict
from trump2_web_edition.linkcheck.urls import Origin, Target

ARCHIVE = "https://web.archive.org/web/20250301101112/https://udn.com/news/story/6656/8532352"
ASKED = dt.datetime(2026, 11, 23, 4, 20, tzinfo=dt.UTC)
FOUND = ArchiveLookup(
    ArchiveStatus.FOUND, ASKED, Capture(ARCHIVE, dt.datetime(2025, 3, 1, 10, 11, 12, tzinfo=dt.UTC), "web.archive.org")
)
NONE = ArchiveLookup(ArchiveStatus.NONE, ASKED)
PLACED = Target(
    "https://udn.com/news/story/6656/8532352",
    Origin(
        group="chapter 3",
        place="chapter 3, line 12",
        columns=(("Chapter", "3"), ("Heading", "一、态势")),
        fields=(("chapter", 3), ("line", 12)),
        date=dt.date(2025, 2, 7),
    ),
)
REPORT = Report(
    (
        ReportEntry(
            PLACED,
            CheckResult(PLACED.url, Verdict.OK, 200, PLACED.url, attempts=1, requests=2, elapsed=0.5),
            archive=FOUND,
        ),
        ReportEntry(
            Target("http://old.example/a|b"),
            CheckResult(
                "http://old.example/a|b",
                Verdict.BROKEN,
                404,
                "https://old.example/a",
                (Hop("http://old.example/a|b", 301, "https://old.example/a"),),
                attempts=1,
                error="HTTP 404",
            ),
            failures=3,
            archive=NONE,
        ),
        ReportEntry(Target("https://x.example/"), CheckResult("https://x.example/", Verdict.UNVERIFIABLE, 403)),
    ),
    requests=5,
    elapsed=1.25,
)
