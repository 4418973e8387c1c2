"""One check run: distinct URLs checked once, cache skips and failure runs, one report entry per target."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from link_servers import Server, ok, status
from linkcheck.cache import LinkCache
from linkcheck.config import CheckConfig
from linkcheck.results import Verdict
from linkcheck.run import NetworkUnavailableError, run, run_check
from linkcheck.urls import Origin, Target

CONFIG = CheckConfig(timeout=0.5, retries=0, backoff_base=0.01, host_spacing=0.0, allow_private=True)
NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)


@pytest.fixture()
def server():
    with Server("127.0.0.1", {"/ok": ok(), "/missing": status(404)}) as server:
        yield server


def test_one_entry_per_target_one_check_per_url(server):
    targets = [Target(f"{server.base}/ok", Origin(group="note 1")), Target(f"{server.base}/ok", Origin("note 2"))]
    report, cache = run_check(targets, CONFIG)
    assert [e.target.origin.group for e in report.entries] == ["note 1", "note 2"]
    assert cache is None
    assert report.requests == server.count("/ok") + len(server.probes())


def test_cache_skips_fresh_ok_urls_and_counts_failures(server):
    targets = [Target(f"{server.base}/ok"), Target(f"{server.base}/missing")]
    report, cache = run_check(targets, CONFIG, LinkCache({}), now=NOW)
    assert [e.result.verdict for e in report.entries] == [Verdict.OK, Verdict.BROKEN]
    assert [e.failures for e in report.entries] == [0, 1]
    hits_ok = server.count("/ok")
    progress: list[tuple[int, int]] = []
    report, cache = run_check(
        targets, CONFIG, cache, now=NOW + dt.timedelta(hours=2), progress=lambda *a: progress.append(a)
    )
    assert server.count("/ok") == hits_ok
    assert report.entries[0].result.from_cache
    assert report.entries[1].failures == 2
    assert progress[0] == (1, 2) and progress[-1] == (2, 2)


def test_no_host_resolving_at_all_is_the_checkers_failure_not_link_rot():
    targets = [Target("http://a.invalid/x"), Target("http://b.invalid/y")]
    with pytest.raises(NetworkUnavailableError, match="none of 2 hosts"):
        run_check(targets, CONFIG, LinkCache({}))


def test_the_command_lines_one_call_writes_the_report_and_the_cache(server, tmp_path):
    cache, output = tmp_path / "cache.json", tmp_path / "report.json"
    outcome = run([Target(f"{server.base}/missing")], CONFIG, "json", cache, output)
    assert outcome.report.failing and output.read_text(encoding="utf-8") == outcome.text
    assert json.loads(cache.read_text(encoding="utf-8"))["urls"][f"{server.base}/missing"]["failures"] == 1
