"""Checking many URLs: each asked and followed, judged, and probed for a soft-404 when it looks alive."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from .config import CheckConfig
from .facts import HostFacts
from .fetch import REQUESTS, Answer, Fetcher, host_key
from .pool import Client, make_client
from .results import ALIVE, CheckResult, Verdict
from .soft404 import Probe, Probes, one_level_up_url, probe_base
from .verdict import (
    PageSeen,
    after_full_page,
    after_probe,
    judge,
    mark_home_redirects,
    same_as_one_level_up,
    shared_titles,
)

SAME_AS_MADE_UP = "same page as a made-up address on the host"
# Checks begun per turn of the event loop at the start of a run (see ``Checker.check_all``).
START_BATCH = 16


@dataclass(frozen=True)
class CheckRun:
    """A run's verdicts by URL, the requests it sent, and what it learnt of each host (None: forget the host)."""

    results: dict[str, CheckResult]
    requests: int
    facts: dict[str, HostFacts | None]


class Checker:
    """Checks many URLs with one client, sharing per-host gates, probes and an earlier run's host facts."""

    def __init__(
        self,
        config: CheckConfig,
        client: Client,
        facts: Mapping[str, HostFacts] | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        self.config = config
        self._now = now or dt.datetime.now(dt.UTC)
        facts = facts or {}
        self._facts = {host: f for host, f in facts.items() if f.current(self._now, config.host_facts_days)}
        self._expired = set(facts) - set(self._facts)
        self.fetcher = Fetcher(config, client, self._facts)
        honest = [host for host, f in self._facts.items() if f.honest] if config.soft_404_probe else []
        self.probes = Probes(self.fetcher, honest)
        # Pages believed on an earlier run's word (no probe), by URL, for a second look.
        self._on_memory: dict[str, PageSeen] = {}

    async def check_all(
        self, urls: Iterable[str], progress: Callable[[CheckResult], None] | None = None
    ) -> dict[str, CheckResult]:
        """The verdict on each distinct URL, in the order given."""
        unique = list(dict.fromkeys(urls))
        results: dict[str, CheckResult] = {}
        for url in unique:
            self.fetcher.host(url).gate.urls_left += 1

        async def one(url: str) -> None:
            results[url] = await self.check(url)
            self.fetcher.host(url).gate.urls_left -= 1
            if progress:
                progress(results[url])

        # Every check is begun at once (each waits at its host's gate, so the gates see all the work), but in
        # batches, with the loop let through between them: the first requests go out while the rest are being
        # begun, instead of after a thousand checks have each taken their first step.
        tasks = []
        for start in range(0, len(unique), START_BATCH):
            tasks += [asyncio.ensure_future(one(url)) for url in unique[start : start + START_BATCH]]
            await asyncio.sleep(0)
        await asyncio.gather(*tasks)
        results.update(await self._recheck_doubted())
        self.probes.cancel_pending()
        return mark_home_redirects({url: results[url] for url in unique}, self.config.home_redirect_threshold)

    async def check(self, url: str) -> CheckResult:
        """The verdict on one URL, with the time and requests it took."""
        started = time.monotonic()
        counter = [0]
        REQUESTS.set(counter)
        try:
            result = await self._check(url)
        except Exception as error:  # noqa: BLE001 - one odd URL must not stop the run
            result = CheckResult(url=url, verdict=Verdict.BROKEN, error=f"{type(error).__name__}: {error}")
        return replace(result, elapsed=time.monotonic() - started, requests=counter[0])

    async def _check(self, url: str) -> CheckResult:
        if self.config.soft_404_probe:
            self.probes.start_first(url)
        followed = await self.fetcher.follow(url)
        result = judge(url, followed)
        answer = followed.outcome.answer
        if answer is None or result.verdict not in ALIVE or not self.config.soft_404_probe:
            return result
        base = probe_base(url, followed.final)
        # A page redirected to another name may be a catch-all's redirect: a host remembered honest is asked again.
        probe = await self.probes.probe(base, doubt=followed.final != base)
        if probe.remembered:
            self._on_memory[url] = PageSeen(host_key(url), followed.final, answer.title)
        why = await self._soft_404(base, followed.final, answer, probe)
        return replace(result, verdict=Verdict.SOFT_404, error=why) if why else result

    async def _soft_404(self, base: str, final: str, answer: Answer, probe: Probe) -> str | None:
        """Why the page looks like the host's answer for a page that does not exist, or None."""
        suspicion = after_probe(probe, base, final, answer)
        if not suspicion.compare:
            return suspicion.soft_404
        page = (await self.fetcher.fetch(final, want_body=True)).answer
        suspicion = after_full_page(page, probe)
        if not suspicion.compare or page is None:
            return suspicion.soft_404
        up = one_level_up_url(base)
        return SAME_AS_MADE_UP if same_as_one_level_up(page.body, up and await self.probes.probe(up)) else None

    async def _recheck_doubted(self) -> dict[str, CheckResult]:
        """Pages believed on an earlier run's word, checked again when this run doubts that word.

        Doubt comes from a fresh probe of the host that was not answered "not found" (after a redirect to another
        name), or from pages of the host sharing a title with another page of it (a host that has become a
        catch-all). Their hosts are forgotten, so the second check probes them as in a first run.
        """
        first = self.probes.first_probes()
        contradicted = {host for host, probe in first.items() if probe.answer is not None and not probe.honest}
        doubted = [url for url, page in self._on_memory.items() if page.host in contradicted]
        doubted += [url for url in shared_titles(self._on_memory) if url not in doubted]
        for url in doubted:
            self.probes.forget(host_key(url))
        return dict(zip(doubted, await asyncio.gather(*(self.check(url) for url in doubted)), strict=True))

    def learned(self) -> dict[str, HostFacts | None]:
        """What the run has to remember of each host it was told about or probed (None: forget the host).

        A host's first probe of the run, when answered, gives its facts; facts the run did not replace stand (with
        what a HEAD was worth, as last seen) unless the run doubted them or they expired.
        """
        learned: dict[str, HostFacts | None] = {}
        for host, probe in self.probes.first_probes().items():
            if probe.answer is not None:
                learned[host] = HostFacts(probe.honest, self._now, self.fetcher.head_worth(host))
        for host, facts in self._facts.items():
            standing = not self.config.soft_404_probe or not facts.honest or host in self.probes.remembered
            if host not in learned:
                learned[host] = replace(facts, head=self.fetcher.head_worth(host) or facts.head) if standing else None
        for host in self._expired:
            learned.setdefault(host, None)
        return learned


def check_urls(
    urls: Iterable[str],
    config: CheckConfig,
    progress: Callable[[CheckResult], None] | None = None,
    facts: Mapping[str, HostFacts] | None = None,
    now: dt.datetime | None = None,
) -> CheckRun:
    """Check URLs (each distinct URL once), with host facts from an earlier run if any."""

    async def checked() -> CheckRun:
        async with make_client(config) as client:
            checker = Checker(config, client, facts, now)
            results = await checker.check_all(urls, progress)
            return CheckRun(results, checker.fetcher.requests_sent, checker.learned())

    return asyncio.run(checked())
