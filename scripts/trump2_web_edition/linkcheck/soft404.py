"""The made-up-sibling probe: where the made-up page goes, what its answer means, and the run's probes per folder.

A host is probed once first. When that made-up page is answered "not found" (404 or 410), the host is taken to
say so honestly and its other folders are not asked; otherwise (a 200, a redirect, no answer) every folder gets a
probe of its own, since a host may send missing pages home in one folder and not another. A host found honest by
an earlier run (its facts, within their lifetime) is believed without a probe until the run gives a reason to doubt.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from .fetch import DEAD_STATUSES, Answer, Fetcher, host_key


def sibling_probe_url(url: str) -> str:
    """A made-up path next to the URL's own, on the same host, that should not exist."""
    parts = urlsplit(url)
    directory = parts.path.rsplit("/", 1)[0] if "/" in parts.path else ""
    return urlunsplit((parts.scheme, parts.netloc, f"{directory}/no-such-page-{os.urandom(6).hex()}", "", ""))


def folder_key(url: str) -> str:
    """The scheme, host and folder of a URL: what one probe answers for."""
    return f"{host_key(url)}{urlsplit(url).path.rsplit('/', 1)[0]}"


def last_segment(url: str) -> str:
    """The last name of a URL's path (``16`` for ``/articles/16`` and ``/articles/16/``)."""
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


def probe_base(url: str, final: str) -> str:
    """Where the made-up page goes: next to the cited URL, so that a catch-all redirect shows (the made-up page is
    sent where the cited one was). A redirect that keeps the page's own name (``/old/16`` to ``/new/16``, http to
    https, a trailing slash) is a move, not a catch-all: then next to the final URL, whose folder's probe other URLs
    often share, and no request is spent on the redirect."""
    return final if final != url and last_segment(final) == last_segment(url) != "" else url


def one_level_up_url(url: str) -> str | None:
    """A made-up page one folder above ``url``'s, or None when ``url``'s folder is the host's root."""
    parts = urlsplit(url)
    folder = parts.path.rsplit("/", 1)[0]
    if not folder.strip("/"):
        return None
    return urlunsplit((parts.scheme, parts.netloc, f"{folder.rsplit('/', 1)[0]}/_", "", ""))


def similar(a: bytes, b: bytes) -> bool:
    """Two bodies that are the same page apart from small variable parts."""
    if not a or not b:
        return a == b
    if abs(len(a) - len(b)) > 0.1 * max(len(a), len(b)):
        return False
    tokens_a = set(re.findall(rb"\w+", a))
    tokens_b = set(re.findall(rb"\w+", b))
    union = tokens_a | tokens_b
    return not union or len(tokens_a & tokens_b) / len(union) > 0.9


@dataclass(frozen=True)
class Probe:
    """A made-up page's answer (None when it got none), and where its redirects ended (None without any)."""

    answer: Answer | None
    final: str | None = None
    remembered: bool = False  # not asked: the host was found honest by an earlier run

    @property
    def honest(self) -> bool:
        """The made-up page was answered "not found": the host's other answers can be believed."""
        return self.remembered or (self.answer is not None and self.answer.status in DEAD_STATUSES)


REMEMBERED_HONEST = Probe(answer=None, remembered=True)


class Probes:
    """The probes of one run: one per folder, started when first needed and shared by the folder's URLs."""

    def __init__(self, fetcher: Fetcher, honest_hosts: Iterable[str] = ()) -> None:
        self._fetcher = fetcher
        self._tasks: dict[str, asyncio.Task[Probe]] = {}
        self._first: dict[str, str] = {}  # host -> the folder of its first probe
        self.remembered = set(honest_hosts)  # hosts believed honest on an earlier run's word, until doubted

    def start_first(self, url: str) -> None:
        """Send the host's first request: a HEAD for a made-up page next to the first URL checked there.

        Its answer serves twice: as the probe of the host's pages, and to learn what a HEAD is worth here (refused,
        or HTML whose title is read with GET anyway). It holds the host's first HEAD, so until it is answered the
        host's URLs ask with GET, as they do while any first HEAD is out; a HEAD of a cited page that would be
        followed by a GET for its title is not sent. A host remembered honest is not probed.
        """
        key = host_key(url)
        if key in self._first or key in self.remembered:
            return
        head = self._fetcher.host(url).head
        if head.worth is None:
            head.pending = True
        self._first[key] = folder_key(url)
        self._task(url)

    async def probe(self, url: str, doubt: bool = False) -> Probe:
        """What the host answers for a made-up page next to ``url`` (shared by URLs in the same folder).

        With ``doubt`` (the page was redirected to another name: a catch-all may redirect), a host remembered honest
        is asked again like a host never probed.
        """
        host = host_key(url)
        if host in self.remembered:
            if not doubt:
                return REMEMBERED_HONEST
            self.remembered.discard(host)
        key = folder_key(url)
        first = self._first.setdefault(host, key)
        if first != key:
            probe = await self._tasks[first]
            if probe.honest:
                return probe
        return await self._task(url)

    def forget(self, host: str) -> None:
        """Stop believing an earlier run's word for the host: its URLs are probed from now on."""
        self.remembered.discard(host)

    def _task(self, url: str) -> asyncio.Task[Probe]:
        """The probe of ``url``'s folder, started when first asked for."""
        key = folder_key(url)
        if key not in self._tasks:
            self._tasks[key] = asyncio.ensure_future(self._run(sibling_probe_url(url)))
        return self._tasks[key]

    async def _run(self, probe_url: str) -> Probe:
        try:
            followed = await self._fetcher.follow(probe_url, probe=True)
        except Exception:  # noqa: BLE001 - an address that cannot be asked for (its URL's check says why)
            return Probe(answer=None)
        return Probe(followed.outcome.answer, followed.final if followed.hops and not followed.problem else None)

    def first_probes(self) -> Mapping[str, Probe]:
        """Each host's first probe of this run, if it has been answered or has failed."""
        done = {host: self._tasks[folder] for host, folder in self._first.items()}
        return {host: task.result() for host, task in done.items() if task.done() and not task.cancelled()}

    def cancel_pending(self) -> None:
        for task in self._tasks.values():
            if not task.done():  # pragma: no cover - every probe is awaited by its URL
                task.cancel()
