"""The report: entries per target, a summary, one formatter per format behind one interface."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from report_sample import ARCHIVE, REPORT
from trump2_web_edition.linkcheck.report import (
    FORMATS,
    Report,
    ReportEntry,
    formatter,
    progress_bar,
    render,
    verdict_text,
)


def test_every_format_has_one_formatter():
    assert set(FORMATS) == {"table", "json", "markdown", "junit"}
    assert all(formatter(name).name == name for name in FORMATS)
    with pytest.raises(ValueError, match="unknown format"):
        render(REPORT, "yaml")


def test_an_entry_is_its_result_with_its_origins_fields():
    data = REPORT.entries[0].to_dict()
    assert (data["url"], data["verdict"], data["chapter"], data["line"]) == (REPORT.entries[0].target.url, "ok", 3, 12)
    assert list(data)[-2:] == ["archive", "failures"] and data["archive"]["capture"]["url"] == ARCHIVE
    assert REPORT.entries[2].to_dict()["archive"] is None


def test_an_entry_of_the_archives_alone_has_no_verdict():
    entry = ReportEntry(REPORT.entries[0].target, None, archive=REPORT.entries[0].archive)
    data = entry.to_dict()
    assert (data["url"], data["verdict"], data["archive"]["status"]) == (entry.target.url, None, "found")
    assert not entry.failing and verdict_text(entry) == "archived 2025-03-01"
    report = Report((entry,), archives_checked_at=dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    summary = report.summary()
    assert summary["archives"] == {"found": 1, "none": 0, "unverified": 0} and summary["checked_at"] is None
    assert report.counts_text() == "archived copies: 1 found"


def test_summary():
    summary = replace(REPORT, checked_at=dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)).summary()
    verdicts = {"ok": 1, "redirected": 0, "broken": 1, "soft-404": 0, "unverifiable": 1, "timeout": 0}
    assert summary["verdicts"] == verdicts
    assert (summary["total"], summary["unique_urls"], summary["failing"], summary["requests"]) == (3, 3, 1, 5)
    assert summary["checked_at"] == "2025-06-01T12:00:00+00:00"
    assert REPORT.counts_text() == "1 ok, 1 broken, 1 unverifiable"


def test_verdict_text_marks_the_cache_and_failure_runs():
    assert verdict_text(REPORT.entries[1]) == "broken [3x in a row]"
    cached = replace(REPORT.entries[0], result=replace(REPORT.entries[0].result, from_cache=True))
    assert verdict_text(cached) == "ok (cached)"


def test_progress_bar():
    assert progress_bar(5, 10, width=10) == "[#####.....] 5/10"
    assert progress_bar(0, 0, width=4) == "[####] 0/0"
