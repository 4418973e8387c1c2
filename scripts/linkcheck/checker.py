"""Checking many URLs: each asked and followed, judged, and probed for a soft-404 when it looks alive."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from .config import CheckConfig
from .fetch import REQUESTS, Answer, Fetcher
from .pool import Client, make_client
from .results import ALIVE, CheckResult, Verdict
from .soft404 import Probe, Probes, one_level_up_url, probe_base
from .verdict import after_full_page, after_probe, judge, mark_home_redirects, same_as_one_level_up

SAME_AS_MADE_UP = "same page as a made-up address on the host"


@dataclass(frozen=True)
class CheckRun:
    """A run's verdicts by URL and the requests it sent."""

    results: dict[str, CheckResult]
    requests: int


class Checker:
    """Checks many URLs with one client, sharing per-host gates and probes."""

    def __init__(self, config: CheckConfig, client: Client) -> None:
        self.config = config
        self.fetcher = Fetcher(config, client)
        self.probes = Probes(self.fetcher)

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

        await asyncio.gather(*(one(url) for url in unique))
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
        probe = await self.probes.probe(base)
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


async def check_urls_async(
    urls: Iterable[str], config: CheckConfig, progress: Callable[[CheckResult], None] | None = None
) -> CheckRun:
    """Check URLs (each distinct URL once): the results by URL and the number of requests sent."""
    async with make_client(config) as client:
        checker = Checker(config, client)
        results = await checker.check_all(urls, progress)
        return CheckRun(results, checker.fetcher.requests_sent)


def check_urls(
    urls: Iterable[str], config: CheckConfig, progress: Callable[[CheckResult], None] | None = None
) -> CheckRun:
    """Synchronous entry point of :func:`check_urls_async`."""
    return asyncio.run(check_urls_async(urls, config, progress))
