"""One check run: distinct URLs checked once, cache skips and failure runs, one report entry per citation."""

from __future__ import annotations

import datetime as dt

import pytest
from edition.citations.urls import CitedUrl
from edition.links.cache import LinkCache
from edition.links.check import CheckConfig, Verdict
from edition.links.run import NetworkUnavailableError, run_check
from link_servers import Server, ok, status

CONFIG = CheckConfig(timeout=0.5, retries=0, backoff_base=0.01, host_spacing=0.0, allow_private=True)
NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)


@pytest.fixture()
def server():
    with Server("127.0.0.1", {"/ok": ok(), "/missing": status(404)}) as server:
        yield server


def test_one_entry_per_citation_one_check_per_url(server):
    cited = [CitedUrl(f"{server.base}/ok", note=1), CitedUrl(f"{server.base}/ok", note=2)]
    report, cache = run_check(cited, CONFIG)
    assert [e.cited.note for e in report.entries] == [1, 2]
    assert cache is None
    assert report.requests == server.count("/ok") + sum(n for (_, p), n in server.hits.items() if "no-such" in p)


def test_cache_skips_fresh_ok_urls_and_counts_failures(server):
    cited = [CitedUrl(f"{server.base}/ok"), CitedUrl(f"{server.base}/missing")]
    report, cache = run_check(cited, CONFIG, LinkCache({}), now=NOW)
    assert [e.result.verdict for e in report.entries] == [Verdict.OK, Verdict.BROKEN]
    assert [e.failures for e in report.entries] == [0, 1]
    hits_ok = server.count("/ok")
    progress: list[tuple[int, int]] = []
    report, cache = run_check(
        cited, CONFIG, cache, now=NOW + dt.timedelta(hours=2), progress=lambda *a: progress.append(a)
    )
    assert server.count("/ok") == hits_ok
    assert report.entries[0].result.from_cache
    assert report.entries[1].failures == 2
    assert progress[0] == (1, 2) and progress[-1] == (2, 2)


def test_no_host_resolving_at_all_is_the_checkers_failure_not_link_rot():
    cited = [CitedUrl("http://a.invalid/x"), CitedUrl("http://b.invalid/y")]
    with pytest.raises(NetworkUnavailableError, match="none of 2 hosts"):
        run_check(cited, CONFIG, LinkCache({}))
