"""The link cache: fresh ok URLs are skipped; runs of consecutive failures are counted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from linkcheck.cache import CacheError, LinkCache, cached_result, load_cache, record, save_cache
from linkcheck.results import CheckResult, Verdict

NOW = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)
URL = "https://a.example/x"


def run(cache: LinkCache, verdict: Verdict, when: dt.datetime) -> LinkCache:
    return record(cache, {URL: CheckResult(URL, verdict, 200 if verdict == Verdict.OK else 404)}, when)


def test_ok_is_fresh_for_a_day():
    cache = run(LinkCache({}), Verdict.OK, NOW)
    assert cache.is_fresh_ok(URL, NOW + dt.timedelta(hours=23))
    assert not cache.is_fresh_ok(URL, NOW + dt.timedelta(hours=25))
    assert not cache.is_fresh_ok("https://other.example/", NOW)


def test_failures_count_consecutive_runs_and_unverifiable_is_neutral():
    cache = LinkCache({})
    for day, verdict in enumerate([Verdict.BROKEN, Verdict.TIMEOUT, Verdict.UNVERIFIABLE, Verdict.SOFT_404]):
        cache = run(cache, verdict, NOW + dt.timedelta(days=day))
    entry = cache.get(URL)
    assert entry.failures == 3
    assert [v for _, v in entry.history] == ["broken", "timeout", "unverifiable", "soft-404"]
    assert not cache.is_fresh_ok(URL, NOW + dt.timedelta(days=3))
    cache = run(cache, Verdict.OK, NOW + dt.timedelta(days=4))
    assert cache.get(URL).failures == 0


def test_cached_results_are_not_recorded_again():
    cache = run(LinkCache({}), Verdict.OK, NOW)
    result = cached_result(cache.get(URL))
    assert result.from_cache and result.verdict == Verdict.OK
    assert record(cache, {URL: result}, NOW + dt.timedelta(hours=1)) == cache


def test_round_trip_through_a_file(tmp_path: Path):
    cache = run(run(LinkCache({}), Verdict.BROKEN, NOW), Verdict.BROKEN, NOW + dt.timedelta(days=7))
    path = tmp_path / "sub" / "cache.json"
    save_cache(cache, path)
    assert load_cache(path) == cache
    assert load_cache(tmp_path / "missing.json") == LinkCache({})


def test_a_damaged_cache_is_an_error(tmp_path: Path):
    path = tmp_path / "cache.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CacheError, match="not a link cache"):
        load_cache(path)
