"""The link-health record: read from reports and from link-health.json, written back, merged run after run."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from trump2_web_edition.linkcheck.health import (
    DEAD_AFTER,
    HealthFileError,
    LinkHealth,
    UrlHealth,
    health_from_report,
    merge,
    parse_health,
)
from trump2_web_edition.linkcheck.results import ArchiveLookup, ArchiveStatus, Capture, Verdict

UDN = "https://udn.com/news/story/6656/8532352"
CLS = "https://m.cls.cn/detail/1433416"
CAPTURE = Capture(
    f"https://web.archive.org/web/20250301101112/{UDN}",
    dt.datetime(2025, 3, 1, 10, 11, 12, tzinfo=dt.UTC),
    "web.archive.org",
)
ASKED = dt.datetime(2026, 11, 24, 5, 0, tzinfo=dt.UTC)
REPORT = {
    "results": [
        {"url": UDN, "verdict": "ok", "failures": 0, "archive": None},
        {"url": CLS, "verdict": "broken", "failures": 2, "archive": None},
    ],
    "summary": {"checked_at": "2026-11-23T04:17:00+00:00"},
}
ARCHIVES = {
    "results": [
        {"url": UDN, "verdict": None, "archive": ArchiveLookup(ArchiveStatus.FOUND, ASKED, CAPTURE).to_dict()},
        {"url": CLS, "verdict": None, "archive": ArchiveLookup(ArchiveStatus.UNVERIFIED, ASKED, error="x").to_dict()},
    ],
    "summary": {"checked_at": None, "archives_checked_at": ASKED.isoformat()},
}


def test_a_liveness_report_gives_verdicts_and_no_archive():
    health = health_from_report(json.dumps(REPORT), "report.json")
    assert health.results[CLS] == UrlHealth(Verdict.BROKEN, 2, "2026-11-23")
    assert health.results[UDN].capture is None and health.archives_checked_at == ""
    assert json.loads(health.to_json()) == {  # as published before archives were asked
        "checked_at": "2026-11-23T04:17:00+00:00",
        "results": {UDN: {"verdict": "ok", "failures": 0}, CLS: {"verdict": "broken", "failures": 2}},
    }


def test_an_archives_report_gives_captures_and_no_verdict():
    health = health_from_report(json.dumps(ARCHIVES), "archives.json")
    assert health.results[UDN] == UrlHealth(None, 0, "", ArchiveLookup(ArchiveStatus.FOUND, ASKED, CAPTURE))
    assert health.results[UDN].capture == CAPTURE and health.results[CLS].capture is None
    assert health.results[CLS].archive.status == ArchiveStatus.UNVERIFIED


def test_the_file_round_trips():
    health = merge(health_from_report(json.dumps(REPORT), "r"), health_from_report(json.dumps(ARCHIVES), "a"))
    assert parse_health(health.to_json().decode(), "link-health.json") == health
    data = json.loads(health.to_json())
    assert data["archives_checked_at"] == ASKED.isoformat()
    assert data["results"][UDN]["archive"]["capture"] == {
        "url": CAPTURE.url,
        "datetime": "2025-03-01T10:11:12Z",
        "archive": "web.archive.org",
    }


def test_merging_keeps_what_a_run_did_not_ask():
    live = health_from_report(json.dumps(REPORT), "r")
    archived = merge(live, health_from_report(json.dumps(ARCHIVES), "a"))
    assert archived.results[CLS].verdict == Verdict.BROKEN and archived.results[CLS].failures == 2
    assert archived.checked_at == live.checked_at and archived.results[UDN].capture == CAPTURE
    later = json.loads(json.dumps(REPORT))
    later["summary"]["checked_at"] = "2026-11-30T04:17:00+00:00"
    later["results"][1]["failures"] = DEAD_AFTER
    again = merge(archived, health_from_report(json.dumps(later), "r2"))
    assert again.results[UDN].capture == CAPTURE  # a liveness run keeps the verified capture
    assert again.results[CLS].dead and again.results[CLS].checked_on == "2026-11-30"
    assert merge(None, live) == live


def test_an_empty_record_reads_as_nothing_checked():
    assert parse_health(LinkHealth().to_json().decode(), "link-health.json").results == {}


@pytest.mark.parametrize(
    "text",
    [
        "{",
        '{"results": [{"verdict": "ok"}], "summary": {"checked_at": "2026-01-01"}}',
        "[]",
        '{"results": [], "summary": {"checked_at": "2026-01-01"}}',
        '{"results": [{"url": "u", "verdict": "ok"}], "summary": {}}',
        '{"results": [{"url": "u", "verdict": "fine"}], "summary": {"checked_at": "2026-01-01"}}',
    ],
)
def test_what_is_not_a_report_is_refused_with_file_and_line(text):
    with pytest.raises(HealthFileError, match=r"^report\.json:\d+: not a link-check report"):
        health_from_report(text, "report.json")


def test_a_capture_claimed_without_its_fields_is_refused():
    bad = json.loads(json.dumps(ARCHIVES))
    bad["results"][0]["archive"]["capture"] = None  # "found", but no capture
    with pytest.raises(HealthFileError, match="not a link-check report"):
        health_from_report(json.dumps(bad), "report.json")
    bad["results"][0]["archive"]["capture"] = {
        "url": "javascript:alert(1)",
        "datetime": "2025-03-01T10:11:12Z",
        "archive": "x",
    }
    with pytest.raises(HealthFileError):
        health_from_report(json.dumps(bad), "report.json")
    with pytest.raises(HealthFileError, match=r"^gh-pages:link-health\.json:1: not a link-health file"):
        parse_health('{"results": {}}', "gh-pages:link-health.json")
