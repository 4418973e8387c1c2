"""The link cache: fresh ok URLs are skipped; runs of consecutive failures are counted; host facts kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from trump2_web_edition.linkcheck.cache import (
    CacheError,
    LinkCache,
    aged,
    cached_result,
    expected_requests,
    load_cache,
    record,
    save_cache,
)
from trump2_web_edition.linkcheck.facts import HeadWorth, HostFacts
from trump2_web_edition.linkcheck.results import CheckResult, Verdict

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
    assert sorted(p.name for p in path.parent.iterdir()) == ["cache.json"]  # no temporary file left beside it


def test_a_cache_that_cannot_be_written_leaves_the_old_one_whole(tmp_path: Path):
    path = tmp_path / "cache.json"
    save_cache(run(LinkCache({}), Verdict.OK, NOW), path)
    before = path.read_text(encoding="utf-8")
    unwritable = LinkCache({}, {"https://a.example": object()})  # type: ignore[dict-item]
    with pytest.raises(AttributeError):
        save_cache(unwritable, path)
    assert path.read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.json"]


def test_the_requests_a_check_took_are_remembered_as_its_expected_work(tmp_path: Path):
    redirected = CheckResult(URL, Verdict.REDIRECTED, 200, requests=2)
    cache = record(LinkCache({}), {URL: redirected}, NOW)
    assert cache.get(URL).requests == 2 and expected_requests(cache, URL) == 2
    assert expected_requests(cache, "https://other.example/") == expected_requests(None, URL) == 1
    path = tmp_path / "cache.json"
    save_cache(cache, path)
    assert load_cache(path).get(URL).requests == 2
    # A cache written before the count was kept reads as "not known": one request expected.
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["urls"][URL]["requests"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_cache(path).get(URL).requests == 0 and expected_requests(load_cache(path), URL) == 1


def test_a_damaged_cache_is_an_error(tmp_path: Path):
    path = tmp_path / "cache.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(CacheError, match="not a link cache"):
        load_cache(path)


HOST = "https://a.example"
FACTS = HostFacts(honest=True, probed_at=NOW, head=HeadWorth.HTML)


def test_host_facts_are_recorded_replaced_and_forgotten():
    cache = record(LinkCache({}), {}, NOW, {HOST: FACTS, "https://b.example": FACTS})
    assert cache.hosts == {HOST: FACTS, "https://b.example": FACTS}
    later = NOW + dt.timedelta(days=7)
    cache = record(cache, {}, later, {HOST: HostFacts(False, later), "https://b.example": None})
    assert cache.hosts == {HOST: HostFacts(False, later)}


def test_host_facts_round_trip_and_a_cache_without_them_still_reads(tmp_path: Path):
    path = tmp_path / "cache.json"
    cache = record(run(LinkCache({}), Verdict.OK, NOW), {}, NOW, {HOST: FACTS})
    save_cache(cache, path)
    assert load_cache(path) == cache
    save_cache(run(LinkCache({}), Verdict.OK, NOW), path)
    assert "hosts" not in path.read_text(encoding="utf-8")  # as older versions of the checker wrote and read it
    assert load_cache(path).hosts == {}


def test_an_aged_cache_is_the_one_a_later_run_reads():
    cache = record(run(LinkCache({}), Verdict.OK, NOW), {}, NOW, {HOST: FACTS})
    week = dt.timedelta(days=7)
    older = aged(cache, week)
    assert not older.is_fresh_ok(URL, NOW) and older.get(URL).last_ok == NOW - week
    assert older.hosts[HOST].probed_at == NOW - week and older.get(URL).history == cache.get(URL).history
