"""The gates: requests to one host limited and spaced; the overall slots taken only by requests that can go."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import replace

from link_servers import FAST, Server, ok
from trump2_web_edition.linkcheck.checker import check_urls
from trump2_web_edition.linkcheck.gates import PriorityGate
from trump2_web_edition.linkcheck.results import Verdict


def test_requests_to_one_host_are_spaced_and_limited():
    with Server("127.0.0.1", {}, default=ok()) as server:
        urls = [f"{server.base}/ok?spaced={n}" for n in range(4)]
        config = replace(FAST, host_spacing=0.1, per_host=1, soft_404_probe=False)
        started = time.monotonic()
        run = check_urls(urls, config)
        assert {r.verdict for r in run.results.values()} == {Verdict.OK}
        assert run.requests == 5  # one HEAD shows the host serves HTML; then one GET per URL
        assert time.monotonic() - started >= 0.4
        times = sorted(t for t, path in server.times if "spaced=" in path)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.09


def test_urls_queued_behind_a_busy_host_hold_no_overall_slot():
    # Listed first, host A's URLs wait on its one-at-a-time limit; its first request hangs until host B has served all
    # of its pages. A checker that hands its overall slots to URLs in list order (lychee's buffered stream) would give
    # the second slot to A's second URL, which then waits on A: B never starts, and A's page answers only when the
    # bounded wait below runs out. Here a URL waiting for its host holds no overall slot, so B goes ahead.
    served_b: set[str] = set()
    released = threading.Event()

    def held(h):
        released.wait(timeout=5)  # bounded: a blocked checker still ends, and the order below shows it
        h.reply(200, b"A page held until host B is done", "Long enough to be a page of its own.")

    def page_b(h):
        h.reply(200, b"A page on host B", "Another page, long enough to be itself.")
        if h.command == "GET":
            served_b.add(h.path)
            if len(served_b) == 3:
                released.set()

    with Server("127.0.0.1", {}, default=held) as a, Server("127.0.0.2", {}, default=page_b) as b:
        urls = [f"{a.base}/a/{n}" for n in range(4)] + [f"{b.base}/b/{n}" for n in range(3)]
        config = replace(FAST, timeout=10.0, concurrency=2, per_host=1, soft_404_probe=False, allow_private=True)
        results = check_urls(urls, config).results
        a_times = sorted(t for t, _ in a.times)
        b_times = sorted(t for t, _ in b.times)
    assert {r.verdict for r in results.values()} == {Verdict.OK}
    assert released.is_set() and len(served_b) == 3
    assert b_times[-1] < a_times[1]  # all of B was served while A's first request was still waiting


def test_priority_gate_serves_begun_work_first_then_in_arrival_order():
    async def scenario() -> list[str]:
        gate = PriorityGate(1)
        order: list[str] = []
        await gate.acquire()

        async def waiter(name: str, priority: int) -> None:
            async with gate.slot(priority):
                order.append(name)

        tasks = [asyncio.ensure_future(waiter(n, p)) for n, p in (("fresh-1", 1), ("begun", 0), ("fresh-2", 1))]
        await asyncio.sleep(0)
        gate.release()
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=5)
        return order

    assert asyncio.run(scenario()) == ["begun", "fresh-1", "fresh-2"]


def test_priority_gate_passes_on_a_slot_whose_waiter_was_cancelled():
    async def scenario() -> bool:
        gate = PriorityGate(1)
        await gate.acquire()
        cancelled = asyncio.ensure_future(gate.acquire())
        second = asyncio.ensure_future(gate.acquire())
        await asyncio.sleep(0)
        cancelled.cancel()
        gate.release()
        await asyncio.wait_for(second, timeout=5)
        return cancelled.cancelled()

    assert asyncio.run(scenario())
