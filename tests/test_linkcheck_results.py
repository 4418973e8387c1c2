"""Results: which verdicts fail a run, and a result as JSON."""

from __future__ import annotations

from trump2_web_edition.linkcheck.results import ALIVE, FAILING, CheckResult, Hop, Verdict


def test_failing_and_alive_verdicts():
    assert FAILING == {Verdict.BROKEN, Verdict.SOFT_404, Verdict.TIMEOUT}
    assert ALIVE == {Verdict.OK, Verdict.REDIRECTED}
    assert Verdict.UNVERIFIABLE not in FAILING | ALIVE  # never called dead, never called alive
    assert CheckResult("https://a.example/", Verdict.SOFT_404).failing


def test_a_result_as_json():
    hop = Hop("http://a.example/", 301, "https://a.example/")
    result = CheckResult("http://a.example/", Verdict.REDIRECTED, 200, "https://a.example/", (hop,), elapsed=0.12345)
    assert result.to_dict() == {
        "url": "http://a.example/",
        "verdict": "redirected",
        "status": 200,
        "final_url": "https://a.example/",
        "redirects": [{"url": "http://a.example/", "status": 301, "location": "https://a.example/"}],
        "attempts": 0,
        "requests": 0,
        "elapsed": 0.123,
        "error": None,
        "from_cache": False,
    }
