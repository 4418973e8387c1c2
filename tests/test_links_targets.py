"""Cited URLs as the link checker's targets: the note's place, section and date as each URL's origin."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from xml.etree import ElementTree as ET

from conftest import SEED
from trump2_web_edition.edition.citations.targets import article_targets, cited_origin, cited_targets, listed_targets
from trump2_web_edition.edition.citations.urls import CitedUrl
from trump2_web_edition.linkcheck.report import Report, ReportEntry, render
from trump2_web_edition.linkcheck.results import ArchiveLookup, ArchiveStatus, Capture, CheckResult, Verdict

CITED = CitedUrl("https://udn.com/news/story/6656/8532352", 3, "s1", "一、态势", 1, 3, dt.date(2025, 2, 7))
SNAPSHOT = "https://web.archive.org/web/20250301101112/https://udn.com/news/story/6656/8532352"
CAPTURE = Capture(SNAPSHOT, dt.datetime(2025, 3, 1, 10, 11, 12, tzinfo=dt.UTC), "web.archive.org")
FOUND = ArchiveLookup(ArchiveStatus.FOUND, dt.datetime(2026, 11, 23, tzinfo=dt.UTC), CAPTURE)


def report_of(cited: CitedUrl) -> Report:
    (target,) = cited_targets([cited])
    return Report((ReportEntry(target, CheckResult(cited.url, Verdict.BROKEN, 404, error="HTTP 404"), 2, FOUND),))


def test_a_citation_reported_by_note_page_section_and_date():
    data = json.loads(render(report_of(CITED), "json"))["results"][0]
    assert {k: data[k] for k in ("note", "section", "section_title", "page", "page_note", "date")} == {
        "note": 3,
        "section": "s1",
        "section_title": "一、态势",
        "page": 1,
        "page_note": 3,
        "date": "2025-02-07",
    }
    assert (data["archive"]["capture"]["url"], data["failures"]) == (SNAPSHOT, 2)
    assert cited_targets([CITED])[0].origin.date == dt.date(2025, 2, 7)  # the archives are asked about this date
    assert list(data)[-8:-2] == ["note", "section", "section_title", "page", "page_note", "date"]


def test_a_citation_in_the_other_formats():
    report = report_of(CITED)
    assert "note 3 (p. 1, n. 3)" in render(report, "table")
    markdown = render(report, "markdown").splitlines()
    assert markdown[0] == "| Note | Section | URL | Verdict | Status | Archive |"
    assert markdown[2].startswith("| 3 (p. 1, n. 3) | 一、态势 | <https://udn.com/")
    assert markdown[2].endswith(f"| [archived 2025-03-01]({SNAPSHOT}) |")
    case = ET.fromstring(render(report, "junit").split("\n", 1)[1]).find("testcase")
    assert case.get("classname") == "note 3" and case.find("failure").text == f"archived copy: {SNAPSHOT}"


def test_a_listed_url_has_no_note_and_no_date(tmp_path: Path):
    path = tmp_path / "urls.txt"
    path.write_text("https://a.example/x\n", encoding="utf-8")
    (target,) = listed_targets(path)
    assert target.origin == cited_origin(CitedUrl("https://a.example/x"))
    assert (target.origin.group, target.origin.place) == ("", "")
    assert target.origin.date is None  # the archives are asked for its latest capture
    assert dict(target.origin.fields)["note"] is None


def test_the_articles_targets_are_its_cited_urls_in_note_order():
    targets = article_targets(SEED)
    assert len(targets) == 31 and targets[0].origin.group == "note 2"
