"""One check run: targets (+ cache) -> checked results -> report, and the updated cache; or the archives asked."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .archives import ArchiveConfig, lookup_archives
from .cache import LinkCache, cached_result, expected_requests, load_cache, record, save_cache
from .checker import check_urls
from .config import CheckConfig
from .fetch import host_key
from .report import Report, ReportEntry, render
from .results import CheckResult
from .urls import Target


class NetworkUnavailableError(RuntimeError):
    """No host at all could be resolved: the checker's own network is down, the links are not dead."""


def run_check(
    targets: Sequence[Target],
    config: CheckConfig,
    cache: LinkCache | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Report, LinkCache | None]:
    """Check every distinct URL once (skipping ones the cache found working lately); report per target.

    The cache's host facts stand in for probes of hosts found honest lately (never for a URL's check), and the
    facts the run learns go back into the cache.
    """
    now = now or dt.datetime.now(dt.UTC)
    distinct = list(dict.fromkeys(t.url for t in targets))
    results: dict[str, CheckResult] = {}
    to_fetch: list[str] = []
    for url in distinct:
        entry = cache.get(url) if cache else None
        if cache and entry and cache.is_fresh_ok(url, now):
            results[url] = cached_result(entry)
        else:
            to_fetch.append(url)
    # The longest checks first (a URL redirected last time takes two requests): begun late, one would end the run
    # alone. Stable, so that the order given holds among equals.
    to_fetch.sort(key=lambda url: -expected_requests(cache, url))
    done = len(results)
    if progress:
        progress(done, len(distinct))

    def on_result(_: CheckResult) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, len(distinct))

    started = time.monotonic()
    run = check_urls(to_fetch, config, on_result, cache.hosts if cache else None, now) if to_fetch else None
    fetched = run.results if run else {}
    hosts = {host_key(url) for url in fetched}
    if len(hosts) >= 2 and all((r.error or "").startswith("unknown host") for r in fetched.values()):
        raise NetworkUnavailableError(f"none of {len(hosts)} hosts could be resolved: is the network down?")
    results.update(fetched)
    new_cache = record(cache, fetched, now, run.facts if run else None) if cache is not None else None
    entries = tuple(
        ReportEntry(
            target=t,
            result=results[t.url],
            failures=(new_cache.get(t.url).failures if new_cache and new_cache.get(t.url) else 0),
        )
        for t in targets
    )
    report = Report(entries, requests=run.requests if run else 0, elapsed=time.monotonic() - started, checked_at=now)
    return report, new_cache


def archive_report(
    targets: Sequence[Target],
    config: CheckConfig,
    archives: ArchiveConfig,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """Ask the archives alone (no original is fetched): per target, the verified capture closest to its date."""
    now = now or dt.datetime.now(dt.UTC)
    started = time.monotonic()
    lookups, requests = lookup_archives(targets, config, archives, now, progress)
    entries = tuple(ReportEntry(target=t, result=None, archive=lookups[t.url]) for t in targets)
    return Report(entries, requests=requests, elapsed=time.monotonic() - started, archives_checked_at=now)


@dataclass(frozen=True)
class RunOutcome:
    """A finished run: its report, and the report as text in the format asked for."""

    report: Report
    text: str


def run(
    targets: Sequence[Target],
    config: CheckConfig,
    format_name: str = "table",
    cache_path: Path | None = None,
    output: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    archives_only: ArchiveConfig | None = None,
) -> RunOutcome:
    """The command line's one call: check, render, write the report to ``output`` (if given), update the cache.

    With ``archives_only``, the archives are asked instead (the cache is neither read nor written).
    """
    if archives_only is not None:
        report = archive_report(targets, config, archives_only, progress=progress)
        text = render(report, format_name)
        if output:
            output.write_text(text, encoding="utf-8")
        return RunOutcome(report, text)
    cache = load_cache(cache_path) if cache_path else None
    report, new_cache = run_check(targets, config, cache, progress=progress)
    text = render(report, format_name)
    if output:
        output.write_text(text, encoding="utf-8")
    if cache_path and new_cache is not None:
        save_cache(new_cache, cache_path)
    return RunOutcome(report, text)
