"""Politeness: which request goes next (per-host limit and spacing, then an overall slot), busiest host first."""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import itertools
import time
from collections.abc import AsyncIterator
from typing import Any


class PriorityGate:
    """A semaphore whose waiters are served by priority (lower first), then in arrival order."""

    def __init__(self, slots: int) -> None:
        self._free = slots
        self._waiters: list[tuple[Any, int, asyncio.Future[None]]] = []
        self._arrivals = itertools.count()

    def _push(self, priority: Any, waiter: asyncio.Future[None]) -> None:
        heapq.heappush(self._waiters, (priority, next(self._arrivals), waiter))

    def _pop(self) -> asyncio.Future[None]:
        return heapq.heappop(self._waiters)[2]

    async def acquire(self, priority: Any = 0) -> None:
        if self._free > 0:  # a freed slot is handed to a live waiter first, so none is waiting now
            self._free -= 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._push(priority, waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # the slot was handed over just before the cancellation: pass it on
            raise

    def release(self) -> None:
        while self._waiters:
            waiter = self._pop()
            if not waiter.done():
                waiter.set_result(None)
                return
        self._free += 1

    @contextlib.asynccontextmanager
    async def slot(self, priority: Any = 0) -> AsyncIterator[None]:
        await self.acquire(priority)
        try:
            yield
        finally:
            self.release()


class BusiestFirstGate(PriorityGate):
    """The overall gate: a freed slot goes to the waiting host with the most work left.

    ``priority`` is the waiter's host gate, whose estimate is read when a slot frees (it changes as URLs finish),
    so the host that will take longest keeps its requests going and does not end the run alone (longest work
    first). Each host has at most one waiter here (it waits holding its host's lock), so the scan is short.
    """

    def _push(self, priority: Any, waiter: asyncio.Future[None]) -> None:
        self._waiters.append((priority, next(self._arrivals), waiter))

    def _pop(self) -> asyncio.Future[None]:
        best = max(range(len(self._waiters)), key=lambda i: (self._waiters[i][0].work_left, -self._waiters[i][1]))
        return self._waiters.pop(best)[2]


class HostGate:
    """One host's turn to send: its per-host limit, its spacing, then a slot of the overall gate.

    It also counts the host's work, which the overall gate reads: URLs still to check, checks begun, requests sent
    (redirect hops, retries and probes included).
    """

    def __init__(self, per_host: int, spacing: float, overall: BusiestFirstGate) -> None:
        self._slots = PriorityGate(max(per_host, 1))
        self._lock = asyncio.Lock()
        self._next_time = 0.0
        self._spacing = spacing
        self._overall = overall
        self.urls_left = 0
        self._begun = 0
        self._sent = 0

    @property
    def work_left(self) -> float:
        """Requests this host is still expected to need: URLs left times the requests a URL has taken so far."""
        return self.urls_left * (self._sent / self._begun if self._begun else 1.0)

    def count(self, first_of_its_url: bool) -> None:
        """A request is being sent (the first of a URL's check begins that check)."""
        self._sent += 1
        self._begun += first_of_its_url

    @contextlib.asynccontextmanager
    async def turn(self, begun: bool) -> AsyncIterator[None]:
        """Wait for the host's turn; a request for a URL whose check has ``begun`` goes ahead of new URLs."""
        # Begun checks (a redirect hop, a retry, a GET after HEAD, a probe) go first: checks finish in turn instead
        # of all waiting at the back of the host's queue.
        async with self._slots.slot(priority=0 if begun else 1):
            async with self._lock:
                wait = self._next_time - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                # The overall limit counts requests in flight, not URLs being checked: a URL waiting for its host
                # (or backing off) holds no slot, so a busy host never starves the others. Taken inside the host's
                # lock, so that the spacing runs from the moment the request really starts.
                await self._overall.acquire(self)
                self._next_time = time.monotonic() + self._spacing
            try:
                yield
            finally:
                self._overall.release()
