"""One check run: cited URLs (+ cache) -> checked results -> report, and the updated cache."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence

from edition.citations.urls import CitedUrl
from edition.links.cache import LinkCache, cached_result, record
from edition.links.check import CheckConfig, CheckResult, check_urls, host_key
from edition.links.report import Report, ReportEntry


class NetworkUnavailableError(RuntimeError):
    """No host at all could be resolved: the checker's own network is down, the links are not dead."""


def run_check(
    cited: Sequence[CitedUrl],
    config: CheckConfig,
    cache: LinkCache | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Report, LinkCache | None]:
    """Check every distinct cited URL once (skipping ones the cache found working lately); report per citation."""
    now = now or dt.datetime.now(dt.UTC)
    distinct = list(dict.fromkeys(c.url for c in cited))
    results: dict[str, CheckResult] = {}
    to_fetch: list[str] = []
    for url in distinct:
        entry = cache.get(url) if cache else None
        if cache and entry and cache.is_fresh_ok(url, now):
            results[url] = cached_result(entry)
        else:
            to_fetch.append(url)
    done = len(results)
    if progress:
        progress(done, len(distinct))

    def on_result(_: CheckResult) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, len(distinct))

    started = time.monotonic()
    fetched, requests = check_urls(to_fetch, config, on_result) if to_fetch else ({}, 0)
    hosts = {host_key(url) for url in fetched}
    if len(hosts) >= 2 and all((r.error or "").startswith("unknown host") for r in fetched.values()):
        raise NetworkUnavailableError(f"none of {len(hosts)} hosts could be resolved: is the network down?")
    results.update(fetched)
    new_cache = record(cache, fetched, now) if cache is not None else None
    entries = tuple(
        ReportEntry(
            cited=c,
            result=results[c.url],
            failures=(new_cache.get(c.url).failures if new_cache and new_cache.get(c.url) else 0),
        )
        for c in cited
    )
    return Report(entries, requests=requests, elapsed=time.monotonic() - started, checked_at=now), new_cache
