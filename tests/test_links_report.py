"""Report formatters: one interface, four formats; Wayback addresses computed offline."""

from __future__ import annotations

import datetime as dt
import json
from xml.etree import ElementTree as ET

import pytest
from edition.citations.urls import CitedUrl
from edition.links.check import CheckResult, Hop, Verdict
from edition.links.report import FORMATTERS, Report, ReportEntry, archive_url, progress_bar, render

CITED = CitedUrl("https://udn.com/news/story/6656/8532352", 3, "s1", "一、态势", 1, 3, dt.date(2025, 2, 7))
REPORT = Report(
    (
        ReportEntry(CITED, CheckResult(CITED.url, Verdict.OK, 200, CITED.url, attempts=1, requests=2, elapsed=0.5)),
        ReportEntry(
            CitedUrl("http://old.example/a|b"),
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
        ),
        ReportEntry(CitedUrl("https://x.example/"), CheckResult("https://x.example/", Verdict.UNVERIFIABLE, 403)),
    ),
    requests=5,
    elapsed=1.25,
)


def test_archive_url_is_the_snapshot_nearest_the_note_date():
    assert archive_url(CITED.url, CITED.date) == "https://web.archive.org/web/20250207/" + CITED.url
    assert archive_url("https://x.example/", None) == "https://web.archive.org/web/https://x.example/"


def test_every_format_has_one_formatter():
    assert set(FORMATTERS) == {"table", "json", "markdown", "junit"}
    with pytest.raises(ValueError, match="unknown format"):
        render(REPORT, "yaml")


def test_json_shape():
    data = json.loads(render(REPORT, "json"))
    first = data["results"][0]
    for key in ("url", "verdict", "status", "final_url", "redirects", "attempts", "elapsed", "note", "archive_url"):
        assert key in first
    assert (first["note"], first["page"], first["page_note"], first["date"]) == (3, 1, 3, "2025-02-07")
    assert data["results"][1]["redirects"] == [
        {"url": "http://old.example/a|b", "status": 301, "location": "https://old.example/a"}
    ]
    assert data["results"][1]["failures"] == 3
    assert data["summary"]["verdicts"] == {
        "ok": 1,
        "redirected": 0,
        "broken": 1,
        "soft-404": 0,
        "unverifiable": 1,
        "timeout": 0,
    }
    assert (data["summary"]["failing"], data["summary"]["requests"]) == (1, 5)


def test_table_shows_verdicts_failure_runs_and_a_summary():
    text = render(REPORT, "table")
    assert "broken [3x in a row]" in text
    assert "note 3 (p. 1, n. 3)" in text
    assert text.rstrip().endswith("5 requests in 1.2 s")


def test_markdown_escapes_cells_and_links_the_snapshot():
    text = render(REPORT, "markdown")
    assert "a\\|b" in text
    assert "[snapshot](https://web.archive.org/web/20250207/https://udn.com/news/story/6656/8532352)" in text
    assert text.splitlines()[0].startswith("| Note | Section | URL")


def test_junit_fails_dead_urls_and_skips_unverifiable_ones():
    suite = ET.fromstring(render(REPORT, "junit").split("\n", 1)[1])
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "1", "1")
    cases = suite.findall("testcase")
    assert cases[1].find("failure").get("type") == "broken"
    assert cases[2].find("skipped") is not None
    assert cases[0].get("classname") == "note 3"


def test_progress_bar():
    assert progress_bar(5, 10, width=10) == "[#####.....] 5/10"
    assert progress_bar(0, 0, width=4) == "[####] 0/0"
