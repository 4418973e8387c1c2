"""Archived copies, verified: each URL's capture closest to its date, as an archive confirms it (never guessed).

The Wayback Machine's availability API (``{"archived_snapshots": {"closest": {"available": true, "url": ...,
"timestamp": "YYYYMMDDhhmmss", "status": "200"}}}``, or ``{"archived_snapshots": {}}`` for none) is asked first; the
Memento TimeTravel aggregator's JSON API (``{"original_uri": ..., "mementos": {"closest": {"datetime": ...,
"uri": [...]}}}``, 404 for none) next, when configured. The original is never fetched. An answer that fails, or that
does not confirm a capture of the URL asked (the capture's original the same URL but for scheme, "www." and a
trailing slash; status 200; a timestamp), is "unverified": no capture is claimed.

Requests go through the link checker's own fetch layer (``Fetcher.fetch``): the same per-host limits and spacing,
retries, backoff and Retry-After. The archives' addresses are trusted configuration: their hosts alone are let
through the address guard even when private (the tests' archives on 127.0.0.1).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit

from .config import CheckConfig
from .fetch import Fetcher, Outcome
from .pool import make_client
from .results import ArchiveLookup, ArchiveStatus, Capture
from .urls import Target

AVAILABILITY_API = "https://archive.org/wayback/available"
TIMETRAVEL_API = "https://timetravel.mementoweb.org/api/json"
# A Wayback address: /web/<14-digit timestamp><optional modifier such as id_>/<the original URL>.
WAYBACK_PATH = re.compile(r"/web/(\d{14})[a-z_]*/(.+)$")
DEFAULT_PORTS = {"http": 80, "https": 443}


class ArchiveAnswerError(ValueError):
    """An archive's answer that is malformed or confirms no capture of the URL asked."""


@dataclass(frozen=True)
class ArchiveConfig:
    """Which archives are asked: the availability API always, TimeTravel only when given."""

    availability_api: str = AVAILABILITY_API
    timetravel_api: str | None = None

    @property
    def apis(self) -> tuple[str, ...]:
        return (self.availability_api, *([self.timetravel_api] if self.timetravel_api else []))

    @property
    def hosts(self) -> frozenset[str]:
        """The archives' ``host:port`` pairs, allowed through the address guard even when private."""
        pairs = set()
        for api in self.apis:
            parts = urlsplit(api)
            pairs.add(f"{(parts.hostname or '').lower()}:{parts.port or DEFAULT_PORTS.get(parts.scheme.lower(), 80)}")
        return frozenset(pairs)


def _comparable(url: str) -> str:
    """A URL without what an archive may change: scheme, "www.", default port, trailing slash, host case."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port != DEFAULT_PORTS.get(parts.scheme.lower()) else ""
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{path}{query}"


def same_resource(asked: str, archived: str) -> bool:
    """Whether an archive's original URL is the URL asked, modulo scheme, "www." and a trailing slash."""
    return _comparable(asked) == _comparable(archived)


def _web_address(value: object) -> str:
    if not isinstance(value, str) or not value.startswith(("http://", "https://")) or any(c.isspace() for c in value):
        raise ArchiveAnswerError(f"capture address is not an http(s) URL: {value!r}")
    return value


def _archive_name(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def availability_url(api: str, url: str, date: dt.date | None) -> str:
    """The availability API's question for the capture of ``url`` closest to ``date`` (the latest without one)."""
    question = f"{api}?url={quote(url, safe='')}"
    return f"{question}&timestamp={date:%Y%m%d}" if date else question


def parse_availability(body: bytes, asked: str) -> Capture | None:
    """The availability API's answer -> the capture it confirms, None for none (ArchiveAnswerError if malformed)."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveAnswerError(f"not JSON: {error}") from None
    snapshots = data.get("archived_snapshots") if isinstance(data, dict) else None
    if not isinstance(snapshots, dict):
        raise ArchiveAnswerError("no archived_snapshots object")
    closest = snapshots.get("closest")
    if closest is None or closest == {}:
        return None
    if not isinstance(closest, dict):
        raise ArchiveAnswerError("closest is not an object")
    if closest.get("available") is not True:
        return None
    address = _web_address(closest.get("url"))
    if str(closest.get("status")) != "200":
        raise ArchiveAnswerError(f"closest capture has status {closest.get('status')!r}, not 200")
    stamp = closest.get("timestamp")
    if not isinstance(stamp, str) or not re.fullmatch(r"\d{14}", stamp):
        raise ArchiveAnswerError(f"bad timestamp {stamp!r}")
    try:
        when = dt.datetime.strptime(stamp, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    except ValueError:
        raise ArchiveAnswerError(f"bad timestamp {stamp!r}") from None
    path = WAYBACK_PATH.search(address)
    if path is None or path.group(1) != stamp:
        raise ArchiveAnswerError(f"capture address {address} does not carry its timestamp {stamp}")
    if not same_resource(asked, path.group(2)):
        raise ArchiveAnswerError(f"capture of another URL: {path.group(2)}")
    return Capture(address, when, _archive_name(address))


def timetravel_url(api: str, url: str, date: dt.date) -> str:
    """TimeTravel's question for the memento of ``url`` closest to ``date``."""
    return f"{api.rstrip('/')}/{date:%Y%m%d}/{url}"


def parse_timetravel(body: bytes, asked: str) -> Capture | None:
    """TimeTravel's JSON answer -> the closest memento, None for none (ArchiveAnswerError if malformed)."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveAnswerError(f"not JSON: {error}") from None
    if not isinstance(data, dict):
        raise ArchiveAnswerError("not a JSON object")
    original = data.get("original_uri")
    if not isinstance(original, str) or not same_resource(asked, original):
        raise ArchiveAnswerError(f"mementos of another URL: {original!r}")
    mementos = data.get("mementos")
    if not mementos:
        return None
    closest = mementos.get("closest") if isinstance(mementos, dict) else None
    if not isinstance(closest, dict):
        raise ArchiveAnswerError("no closest memento")
    uris = closest.get("uri")
    address = _web_address(uris[0] if isinstance(uris, list) and uris else uris)
    try:
        when = dt.datetime.strptime(str(closest.get("datetime")), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        raise ArchiveAnswerError(f"bad datetime {closest.get('datetime')!r}") from None
    return Capture(address, when, _archive_name(address))


Parser = Callable[[bytes, str], "Capture | None"]


def _judge(outcome: Outcome, parse: Parser, asked: str, none_statuses: frozenset[int]) -> tuple[Capture | None, str]:
    """One archive's answer -> its confirmed capture (or None) and, when it cannot be trusted, why."""
    answer = outcome.answer
    if answer is None:
        return None, outcome.error or "no answer"
    if answer.status in none_statuses:
        return None, ""
    if answer.status != 200:
        return None, f"HTTP {answer.status}"
    try:
        return parse(answer.body, asked), ""
    except ArchiveAnswerError as error:
        return None, str(error)


class ArchiveLookups:
    """Asks the configured archives about URLs through one fetcher (its gates, retries and Retry-After)."""

    def __init__(self, archives: ArchiveConfig, fetcher: Fetcher, now: dt.datetime) -> None:
        self.archives = archives
        self.fetcher = fetcher
        self.now = now

    async def lookup(self, url: str, date: dt.date | None) -> ArchiveLookup:
        """The capture of ``url`` closest to ``date``: the availability API's, else TimeTravel's (if configured)."""
        asked_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
        problems: list[str] = []
        questions: list[tuple[str, Parser, frozenset[int]]] = [
            (availability_url(self.archives.availability_api, url, date), parse_availability, frozenset())
        ]
        if self.archives.timetravel_api:
            day = date or self.now.date()
            questions.append(
                (timetravel_url(self.archives.timetravel_api, url, day), parse_timetravel, frozenset({404}))
            )
        for question, parse, none_statuses in questions:
            try:
                outcome = await self.fetcher.fetch(question, want_body=True)
                capture, problem = _judge(outcome, parse, url, none_statuses)
            except Exception as error:  # noqa: BLE001 - one odd answer must not stop the run
                capture, problem = None, f"{type(error).__name__}: {error}"
            if capture is not None:
                return ArchiveLookup(ArchiveStatus.FOUND, asked_at, capture)
            if problem:
                problems.append(f"{_archive_name(question)}: {problem}")
        if problems:
            return ArchiveLookup(ArchiveStatus.UNVERIFIED, asked_at, error="; ".join(problems))
        return ArchiveLookup(ArchiveStatus.NONE, asked_at)


def target_dates(targets: Sequence[Target]) -> dict[str, dt.date | None]:
    """Each distinct URL and the date it is asked for: its first citation's (the earliest note cites it first)."""
    dates: dict[str, dt.date | None] = {}
    for target in targets:
        if target.url not in dates or dates[target.url] is None:
            dates[target.url] = target.origin.date
    return dates


def archive_config(config: CheckConfig, archives: ArchiveConfig) -> CheckConfig:
    """The checker's limits for asking archives: the same politeness, the archives' hosts let through the guard."""
    return replace(config, allowed_hosts=config.allowed_hosts | archives.hosts)


def lookup_archives(
    targets: Sequence[Target],
    config: CheckConfig,
    archives: ArchiveConfig,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, ArchiveLookup], int]:
    """Ask the archives about every distinct URL once: URL -> what they said, and the requests sent."""
    now = now or dt.datetime.now(dt.UTC)
    dates = target_dates(targets)
    limits = archive_config(config, archives)
    done = 0

    async def asked() -> tuple[dict[str, ArchiveLookup], int]:
        nonlocal done
        async with make_client(limits) as client:
            fetcher = Fetcher(limits, client)
            lookups = ArchiveLookups(archives, fetcher, now)

            async def one(url: str) -> ArchiveLookup:
                nonlocal done
                result = await lookups.lookup(url, dates[url])
                done += 1
                if progress:
                    progress(done, len(dates))
                return result

            found = await asyncio.gather(*(one(url) for url in dates))
            return dict(zip(dates, found, strict=True)), fetcher.requests_sent

    return asyncio.run(asked())
