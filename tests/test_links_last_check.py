"""The committed link-check report feeds each URL's last verdict to the References pages."""

from __future__ import annotations

import json

import lxml.html
import pytest
from conftest import SEED, to_html
from trump2_web_edition.edition.citations.last_check import LastCheck, load_last_checks, parse_last_checks
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.edition.parse import parse_file
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.markdown import PageContext
from trump2_web_edition.edition.render.references import render_references

REPORT = {
    "results": [
        {"url": "https://udn.com/news/story/6656/8532352", "verdict": "ok", "failures": 0},
        {"url": "https://m.cls.cn/detail/1433416", "verdict": "broken", "failures": 2},
    ],
    "summary": {"checked_at": "2026-11-23T04:17:00+00:00"},
}


def test_parse_report():
    checks = parse_last_checks(json.dumps(REPORT), "report.json")
    assert checks["https://m.cls.cn/detail/1433416"] == LastCheck("broken", "2026-11-23", 2)


def test_no_report_means_nothing_checked(tmp_path):
    assert load_last_checks(tmp_path / "absent.json") == {}


@pytest.mark.parametrize("text", ["{", '{"results": [{"verdict": "ok"}], "summary": {}}', "[]"])
def test_bad_report_is_refused_with_file_and_line(text):
    with pytest.raises(SourceError, match=r"^report\.json:\d+: not a link-check report"):
        parse_last_checks(text, "report.json")


def test_references_show_last_verdict_date_and_archive():
    document = parse_file(SEED)
    checks = parse_last_checks(json.dumps(REPORT), "report.json")
    context = PageContext("references", "zh", Edition(), "source/x.txt")
    page = render_references(document, context, {}, checks)
    tree = lxml.html.fromstring(f"<div>{to_html(page)}</div>")
    items = tree.xpath("//ol[@class='edition-references']/li")
    statuses = {li.get("id"): li.xpath(".//span[@class='link-status']") for li in items}
    assert statuses["note-3"][0].get("data-verdict") == "ok"
    assert "2026-11-23" in statuses["note-3"][0].text
    assert statuses["note-33"][0].get("data-verdict") == "broken"
    assert "连续 2 次失败" in statuses["note-33"][0].text
    assert statuses["note-2"][0].get("data-verdict") == "unchecked"
    archive = tree.xpath("//li[@id='note-3']//p[@class='note-link']/a/@href")
    assert archive == ["https://web.archive.org/web/20250207/https://udn.com/news/story/6656/8532352"]
    assert sum(len(v) for v in statuses.values()) == sum(len(n.urls) for n in document.notes) == 31
    # Each line names its URL for the page's script, and the list where the newest verdicts are.
    (line,) = tree.xpath("//li[@id='note-3']//p[@class='note-link']")
    assert line.get("data-url") == "https://udn.com/news/story/6656/8532352"
    (listing,) = tree.xpath("//ol[@class='edition-references']")
    assert listing.get("data-health") == "../../link-health.json"
    assert json.loads(listing.get("data-words"))["verdicts"]["broken"] == "失效"


def test_a_url_failing_three_runs_shows_its_archived_copy_first():
    document = parse_file(SEED)
    report = json.loads(json.dumps(REPORT))
    report["results"][1]["failures"] = 3
    checks = parse_last_checks(json.dumps(report), "report.json")
    page = render_references(document, PageContext("references", "en", Edition(), "x"), {}, checks)
    tree = lxml.html.fromstring(f"<div>{to_html(page)}</div>")
    (line,) = tree.xpath("//li[@id='note-33']//p[contains(@class, 'note-link')]")
    assert "link-dead" in line.get("class")
    assert [child.get("class") for child in line] == ["archived-copy", "link-status"]
    assert "3 failed runs in a row" in line.text_content()
    (alive,) = tree.xpath("//li[@id='note-3']//p[contains(@class, 'note-link')]")
    assert [child.get("class") for child in alive] == ["link-status", "archived-copy"]
