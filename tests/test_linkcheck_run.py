"""One check run: distinct URLs checked once, cache skips and failure runs, one report entry per target; and the
host facts a run leaves in the cache for the next one (a week later), which never cost a verdict."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest
from link_servers import Server, ok, redirect, status
from trump2_web_edition.linkcheck.cache import CacheEntry, LinkCache
from trump2_web_edition.linkcheck.config import CheckConfig
from trump2_web_edition.linkcheck.facts import HeadWorth
from trump2_web_edition.linkcheck.results import Verdict
from trump2_web_edition.linkcheck.run import NetworkUnavailableError, run, run_check
from trump2_web_edition.linkcheck.urls import Origin, Target

CONFIG = CheckConfig(timeout=0.5, retries=0, backoff_base=0.01, host_spacing=0.0, allow_private=True)
NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
WEEK = dt.timedelta(days=7)


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


class Site:
    """A news host whose behaviour changes between runs: ``mode`` says how it answers this week."""

    def __init__(self) -> None:
        self.mode = "honest"
        self.server = Server("127.0.0.1", {}, default=self.route)

    def route(self, h) -> None:
        number = h.path.removeprefix("/news/")
        if self.mode == "catch-all":
            h.reply(200, b"Welcome", "The front page, whatever you asked for.")
        elif self.mode == "redirect-home" and h.path.startswith("/news/") and number not in ("2", "3"):
            h.redirect(302, "/landing")  # story 1 is gone: missing stories are sent to the landing page
        elif self.mode == "not-found-title" and number == "1":
            h.reply(200, b"Page not found", "Sorry.")
        elif self.mode == "slug" and number == "1":
            h.redirect(301, "/news/1-a-title-added-to-the-address")
        elif h.path == "/landing" or number.isdigit() or number.startswith("1-a-title"):
            h.reply(200, b"Story " + number.encode(), f"The story numbered {number}, with text of its own.")
        else:
            h.reply(404, b"Not Found")

    def urls(self, count: int = 3) -> list[Target]:
        return [Target(f"{self.server.base}/news/{n}") for n in range(1, count + 1)]

    def week(self, cache: LinkCache, now: dt.datetime, mode: str) -> tuple[dict[str, Verdict], LinkCache, int]:
        """One weekly run with this week's behaviour: verdicts by URL, the cache after, made-up pages asked."""
        self.mode = mode
        self.server.hits.clear()
        report, cache = run_check(self.urls(), CONFIG, cache, now=now)
        return {e.target.url: e.result.verdict for e in report.entries}, cache, len(self.server.probes())


@pytest.fixture()
def site():
    site = Site()
    with site.server:
        yield site


def test_a_host_found_honest_is_not_probed_the_next_week(site):
    verdicts, cache, probes = site.week(LinkCache({}), NOW, "honest")
    host = site.server.base
    assert probes == 1 and cache.hosts[host].honest and cache.hosts[host].head == HeadWorth.HTML
    verdicts, cache, probes = site.week(cache, NOW + WEEK, "honest")
    assert set(verdicts.values()) == {Verdict.OK} and probes == 0
    assert site.server.count("/news/1") == 1  # straight to GET: HEAD is known to be wasted on this host
    assert cache.hosts[host].probed_at == NOW  # believed, not renewed


def test_a_fact_expires(site):
    _, cache, _ = site.week(LinkCache({}), NOW, "honest")
    later = NOW + dt.timedelta(days=CONFIG.host_facts_days)
    _, cache, probes = site.week(cache, later, "honest")
    assert probes == 1 and cache.hosts[site.server.base].probed_at == later


@pytest.mark.parametrize(
    "mode, soft_404s",
    [
        ("not-found-title", {"/news/1"}),  # the title says so: no probe needed
        ("redirect-home", {"/news/1"}),  # redirected to another name: the host is probed again
        ("catch-all", {"/news/1", "/news/2", "/news/3"}),  # one page for every address: its title is shared
    ],
)
def test_a_soft_404_on_a_host_remembered_honest_is_still_caught(site, mode, soft_404s):
    _, cache, _ = site.week(LinkCache({}), NOW, "honest")
    verdicts, cache, _ = site.week(cache, NOW + WEEK, mode)
    assert {url.removeprefix(site.server.base) for url, v in verdicts.items() if v == Verdict.SOFT_404} == soft_404s


@pytest.mark.parametrize("mode", ["redirect-home", "catch-all"])
def test_a_contradicted_fact_is_re_probed_and_replaced(site, mode):
    _, cache, _ = site.week(LinkCache({}), NOW, "honest")
    _, cache, probes = site.week(cache, NOW + WEEK, mode)
    assert probes >= 1 and not cache.hosts[site.server.base].honest
    assert cache.hosts[site.server.base].probed_at == NOW + WEEK


def test_a_live_page_is_never_called_dead_on_a_remembered_host(site):
    _, cache, _ = site.week(LinkCache({}), NOW, "honest")
    # /news/1 now redirects to a longer name: a reason to probe again, and the host is still honest.
    verdicts, cache, probes = site.week(cache, NOW + WEEK, "slug")
    assert set(verdicts.values()) == {Verdict.OK, Verdict.REDIRECTED} and probes == 1
    assert cache.hosts[site.server.base].honest
    verdicts, _, probes = site.week(cache, NOW + 2 * WEEK, "honest")
    assert set(verdicts.values()) == {Verdict.OK} and probes == 0


def test_a_url_that_took_more_requests_last_time_is_checked_first():
    """Longest first: a URL redirected last week is begun before the others, so that it does not end the run alone."""
    routes = {"/a": ok(), "/b": ok(), "/moved": redirect(301, "/c"), "/c": ok()}
    with Server("127.0.0.1", routes) as server:
        targets = [Target(f"{server.base}{path}") for path in ("/a", "/b", "/moved")]
        moved = targets[2].url
        one_at_a_time = replace(CONFIG, concurrency=1, per_host=1, soft_404_probe=False)
        _, cache = run_check(targets, one_at_a_time, LinkCache({}), now=NOW)
        assert cache is not None and cache.get(moved).requests == 2  # the redirect and its target
        asked = lambda: list(dict.fromkeys(path for _, path in server.times))  # noqa: E731 - in the order first asked
        assert asked() == ["/a", "/b", "/moved", "/c"]  # nothing known yet: the order given
        server.times.clear()
        last_week = LinkCache({moved: CacheEntry(moved, requests=2)})
        report, _ = run_check(targets, one_at_a_time, last_week, now=NOW + WEEK)
        assert asked()[0] == "/moved" and sorted(asked()[1:]) == ["/a", "/b", "/c"]
        assert [e.target.url for e in report.entries] == [t.url for t in targets]  # the report keeps the order
