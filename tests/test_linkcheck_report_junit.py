"""The JUnit format: a test case per target, failing when its URL is, skipped when it is unverifiable."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from report_sample import REPORT
from trump2_web_edition.linkcheck.report import render


def test_junit_fails_dead_urls_and_skips_unverifiable_ones():
    suite = ET.fromstring(render(REPORT, "junit").split("\n", 1)[1])
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "1", "1")
    cases = suite.findall("testcase")
    assert cases[1].find("failure").get("type") == "broken"
    assert cases[1].find("failure").text is None  # no archived copy to point to
    assert cases[2].find("skipped") is not None
    assert [case.get("classname") for case in cases] == ["chapter 3", "urls", "urls"]
