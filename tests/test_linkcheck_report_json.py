"""The JSON format: one object per target and a summary."""

from __future__ import annotations

import json

from report_sample import REPORT
from trump2_web_edition.linkcheck.report import Report, render


def test_json_shape():
    data = json.loads(render(REPORT, "json"))
    first = data["results"][0]
    for key in ("url", "verdict", "status", "final_url", "redirects", "attempts", "elapsed", "archive"):
        assert key in first
    assert (first["chapter"], first["line"]) == (3, 12)
    assert data["results"][1]["redirects"] == [
        {"url": "http://old.example/a|b", "status": 301, "location": "https://old.example/a"}
    ]
    assert data["results"][1]["failures"] == 3
    assert first["archive"] == {
        "status": "found",
        "asked_at": "2026-11-23T04:20:00+00:00",
        "capture": {
            "url": "https://web.archive.org/web/20250301101112/https://udn.com/news/story/6656/8532352",
            "datetime": "2025-03-01T10:11:12Z",
            "archive": "web.archive.org",
        },
        "error": None,
    }
    assert data["results"][1]["archive"]["status"] == "none" and data["results"][1]["archive"]["capture"] is None
    assert data["results"][2]["archive"] is None  # the archives were not asked
    assert (data["summary"]["failing"], data["summary"]["requests"]) == (1, 5)


def test_one_result_per_line_and_nothing_lost():
    text = render(REPORT, "json")
    assert json.loads(text) == REPORT.to_dict()
    lines = text.splitlines()
    results = [json.loads(line.strip().rstrip(",")) for line in lines if line.startswith("    {")]
    assert results == REPORT.to_dict()["results"]
    assert lines[0] == "{" and lines[-1] == "}" and text.endswith("}\n")


def test_no_results_is_still_json():
    empty = render(Report(()), "json")
    assert json.loads(empty)["results"] == [] and json.loads(empty)["summary"]["total"] == 0
