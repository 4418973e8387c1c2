"""The JSON format: one object per target and a summary."""

from __future__ import annotations

import json

from linkcheck.report import render
from report_sample import REPORT


def test_json_shape():
    data = json.loads(render(REPORT, "json"))
    first = data["results"][0]
    for key in ("url", "verdict", "status", "final_url", "redirects", "attempts", "elapsed", "archive_url"):
        assert key in first
    assert (first["chapter"], first["line"]) == (3, 12)
    assert data["results"][1]["redirects"] == [
        {"url": "http://old.example/a|b", "status": 301, "location": "https://old.example/a"}
    ]
    assert data["results"][1]["failures"] == 3
    assert (data["summary"]["failing"], data["summary"]["requests"]) == (1, 5)
