"""The table format: verdict, status, where the URL was found, the URL and where it led."""

from __future__ import annotations

from report_sample import REPORT
from trump2_web_edition.linkcheck.report import render


def test_table_shows_verdicts_places_failure_runs_and_a_summary():
    lines = render(REPORT, "table").splitlines()
    assert lines[0].split() == ["VERDICT", "STATUS", "WHERE", "URL"]
    assert "chapter 3, line 12" in lines[1]
    assert "broken [3x in a row]" in lines[2] and "-> https://old.example/a  (HTTP 404)" in lines[2]
    assert lines[-1] == "3 cited URLs (3 distinct): 1 ok, 1 broken, 1 unverifiable; 5 requests in 1.2 s"
