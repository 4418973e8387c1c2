"""Cited URLs as the link checker's targets: the note's place, section and date as each URL's origin."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from xml.etree import ElementTree as ET

from trump2_web_edition.edition.citations.targets import article_targets, cited_origin, cited_targets, listed_targets
from trump2_web_edition.edition.citations.urls import CitedUrl
from trump2_web_edition.linkcheck.report import Report, ReportEntry, render
from trump2_web_edition.linkcheck.results import CheckResult, Verdict

CITED = CitedUrl("https://udn.com/news/story/6656/8532352", 3, "s1", "一、态势", 1, 3, dt.date(2025, 2, 7))
SNAPSHOT = "https://web.archive.org/web/20250207/https://udn.com/news/story/6656/8532352"


def report_of(cited: CitedUrl) -> Report:
    (target,) = cited_targets([cited])
    return Report((ReportEntry(target, CheckResult(cited.url, Verdict.BROKEN, 404, error="HTTP 404"), 2),))


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
    assert (data["archive_url"], data["failures"]) == (SNAPSHOT, 2)
    assert list(data)[-8:-2] == ["note", "section", "section_title", "page", "page_note", "date"]


def test_a_citation_in_the_other_formats():
    report = report_of(CITED)
    assert "note 3 (p. 1, n. 3)" in render(report, "table")
    markdown = render(report, "markdown").splitlines()
    assert markdown[0] == "| Note | Section | URL | Verdict | Status | Archive |"
    assert markdown[2].startswith("| 3 (p. 1, n. 3) | 一、态势 | <https://udn.com/")
    assert markdown[2].endswith(f"| [snapshot]({SNAPSHOT}) |")
    case = ET.fromstring(render(report, "junit").split("\n", 1)[1]).find("testcase")
    assert case.get("classname") == "note 3" and case.find("failure").text == f"archive: {SNAPSHOT}"


def test_a_listed_url_has_no_note_and_the_latest_snapshot(tmp_path: Path):
    path = tmp_path / "urls.txt"
    path.write_text("https://a.example/x\n", encoding="utf-8")
    (target,) = listed_targets(path)
    assert target.origin == cited_origin(CitedUrl("https://a.example/x"))
    assert (target.origin.group, target.origin.place) == ("", "")
    assert target.origin.archive_url == "https://web.archive.org/web/https://a.example/x"
    assert dict(target.origin.fields)["note"] is None


def test_the_articles_targets_are_its_cited_urls_in_note_order():
    targets = article_targets()
    assert len(targets) == 31 and targets[0].origin.group == "note 2"
