"""The link cache: when each URL was last found working and its run of failures; what each host's probe showed."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .facts import HostFacts
from .results import ALIVE, FAILING, CheckResult, Verdict

CACHE_VERSION = 1
FRESH_FOR = dt.timedelta(days=1)
HISTORY_LENGTH = 10


class CacheError(ValueError):
    """A cache file that cannot be read as a link cache."""


@dataclass(frozen=True)
class CacheEntry:
    """What the cache remembers about one URL."""

    url: str
    last_checked: dt.datetime | None = None
    last_verdict: str | None = None
    last_status: int | None = None
    last_ok: dt.datetime | None = None
    failures: int = 0
    history: tuple[tuple[str, str], ...] = ()  # (ISO time, verdict), newest last
    requests: int = 0  # requests its last check took (redirect hops, retries, a probe it began); 0: not known

    def to_dict(self) -> dict[str, Any]:
        return {
            "last_checked": self.last_checked.isoformat() if self.last_checked else None,
            "last_verdict": self.last_verdict,
            "last_status": self.last_status,
            "last_ok": self.last_ok.isoformat() if self.last_ok else None,
            "failures": self.failures,
            "history": [list(item) for item in self.history],
            "requests": self.requests,
        }

    @classmethod
    def from_dict(cls, url: str, data: dict[str, Any]) -> CacheEntry:
        def when(value: Any) -> dt.datetime | None:
            return dt.datetime.fromisoformat(value) if value else None

        return cls(
            url=url,
            last_checked=when(data.get("last_checked")),
            last_verdict=data.get("last_verdict"),
            last_status=data.get("last_status"),
            last_ok=when(data.get("last_ok")),
            failures=int(data.get("failures", 0)),
            history=tuple((str(t), str(v)) for t, v in data.get("history", [])),
            requests=int(data.get("requests", 0)),
        )


@dataclass(frozen=True)
class LinkCache:
    """URL entries (never a reason to skip a check beyond a day) and host facts (a reason to skip a probe)."""

    entries: dict[str, CacheEntry]
    hosts: dict[str, HostFacts] = field(default_factory=dict)

    def get(self, url: str) -> CacheEntry | None:
        return self.entries.get(url)

    def is_fresh_ok(self, url: str, now: dt.datetime, fresh_for: dt.timedelta = FRESH_FOR) -> bool:
        """Whether the URL was found working recently enough not to be fetched again."""
        entry = self.entries.get(url)
        return bool(entry and entry.last_ok and entry.last_verdict in ALIVE and now - entry.last_ok < fresh_for)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "version": CACHE_VERSION,
            "urls": {url: e.to_dict() for url, e in sorted(self.entries.items())},
        }
        if self.hosts:  # a cache without host facts reads as before, for older versions of this checker too
            data["hosts"] = {host: facts.to_dict() for host, facts in sorted(self.hosts.items())}
        return data


def load_cache(path: Path) -> LinkCache:
    """The cache in a file; an empty cache when the file does not exist."""
    path = Path(path)
    if not path.exists():
        return LinkCache({})
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != CACHE_VERSION:
            raise CacheError(f"{path}: unknown cache version {data.get('version')!r}")
        return LinkCache(
            {url: CacheEntry.from_dict(url, entry) for url, entry in data["urls"].items()},
            {host: HostFacts.from_dict(facts) for host, facts in data.get("hosts", {}).items()},
        )
    except (
        json.JSONDecodeError,
        KeyError,
        TypeError,
        AttributeError,
        ValueError,
    ) as error:
        if isinstance(error, CacheError):
            raise
        raise CacheError(f"{path}: not a link cache ({error})") from error


def save_cache(cache: LinkCache, path: Path) -> None:
    """Write the cache atomically (a crash never leaves half a file): a file of its own beside it, then renamed.

    Compact JSON: only the checker reads it, and without indentation Python's C encoder writes it (a thousand URLs
    in a few milliseconds instead of some twenty).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Named for this process: no two running checkers ever write the same file.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            # dumps, not dump: only a text made at once goes through the C encoder.
            handle.write(json.dumps(cache.to_dict(), ensure_ascii=False, separators=(",", ":")))
            handle.write("\n")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def record(
    cache: LinkCache,
    results: dict[str, CheckResult],
    now: dt.datetime,
    hosts: Mapping[str, HostFacts | None] | None = None,
) -> LinkCache:
    """The cache after a run: failing verdicts extend a URL's run of failures, working ones end it.

    ``unverifiable`` neither extends nor ends the run: it says nothing about the page.
    Results served from the cache are not recorded again. ``hosts`` are the facts the run learnt (None: forget).
    """
    entries = dict(cache.entries)
    stamp = now.isoformat(timespec="seconds")
    for url, result in results.items():
        if result.from_cache:
            continue
        entry = entries.get(url) or CacheEntry(url=url)
        failures = entry.failures
        last_ok = entry.last_ok
        if result.verdict in FAILING:
            failures += 1
        elif result.verdict in ALIVE:
            failures = 0
            last_ok = now
        entries[url] = replace(
            entry,
            last_checked=now,
            last_verdict=str(result.verdict),
            last_status=result.status,
            last_ok=last_ok,
            failures=failures,
            history=(*entry.history, (stamp, str(result.verdict)))[-HISTORY_LENGTH:],
            requests=result.requests,
        )
    facts = dict(cache.hosts)
    for host, learned in (hosts or {}).items():
        if learned is None:
            facts.pop(host, None)
        else:
            facts[host] = learned
    return LinkCache(entries, facts)


def aged(cache: LinkCache, by: dt.timedelta) -> LinkCache:
    """The cache as a run ``by`` later reads it: every date moved back (the benchmark's "a week later")."""

    def back(when: dt.datetime | None) -> dt.datetime | None:
        return when - by if when else None

    entries = {
        url: replace(entry, last_checked=back(entry.last_checked), last_ok=back(entry.last_ok))
        for url, entry in cache.entries.items()
    }
    hosts = {host: replace(facts, probed_at=facts.probed_at - by) for host, facts in cache.hosts.items()}
    return LinkCache(entries, hosts)


def expected_requests(cache: LinkCache | None, url: str) -> int:
    """The requests a URL's check is expected to take: as many as its last check took, else one."""
    entry = cache.get(url) if cache else None
    return max(entry.requests, 1) if entry else 1


def cached_result(entry: CacheEntry) -> CheckResult:
    """The result standing in for a URL not fetched because the cache found it working recently."""
    return CheckResult(
        url=entry.url,
        verdict=Verdict(entry.last_verdict or Verdict.OK),
        status=entry.last_status,
        final_url=None,
        from_cache=True,
    )
