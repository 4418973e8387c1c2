"""What makes the checker fast without making it less careful: reused connections, one DNS lookup per host,
the probe as each host's first HEAD, and the gates that decide which request goes next."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace

import pytest
from edition.links import check
from edition.links.check import PriorityGate, Verdict, check_urls
from link_servers import FAST, Server, ok, redirect


def test_connections_are_kept_alive_and_reused():
    ports: list[int] = []

    def page(h):
        ports.append(h.client_address[1])
        h.reply(200, b"A page", "Short enough to be read to its end.")

    with Server("127.0.0.1", {}, default=page) as server:
        urls = [f"{server.base}/page/{n}" for n in range(8)]
        results, requests = check_urls(urls, replace(FAST, per_host=1, soft_404_probe=False))
    assert {r.verdict for r in results.values()} == {Verdict.OK}
    assert len(ports) == requests
    assert len(set(ports)) == 1  # one connection for every request to the host


def test_a_host_is_resolved_once_per_run(monkeypatch):
    lookups: list[str] = []
    resolve = check.GuardedBackend._resolve

    async def counting(self, host, port, timeout):
        lookups.append(host)
        return await resolve(self, host, port, timeout)

    monkeypatch.setattr(check.GuardedBackend, "_resolve", counting)
    with Server("127.0.0.1", {}, default=ok()) as server:
        port = server.server_address[1]
        urls = [f"http://localhost:{port}/page/{n}" for n in range(6)]
        results, _ = check_urls(urls, replace(FAST, per_host=3, allow_private=True, soft_404_probe=False))
    assert {r.verdict for r in results.values()} == {Verdict.OK}
    assert lookups == ["localhost"]


def test_the_first_request_to_a_host_is_the_head_of_its_probe():
    # The made-up page next to the first cited URL is asked with HEAD; its HTML 404 shows the host answers in HTML
    # (read with GET for titles anyway) and says "not found" honestly, so the moved page costs no probe of its own.
    with Server("127.0.0.1", {"/old/7": redirect(301, "/new/7"), "/new/7": ok()}) as server:
        url = f"{server.base}/old/7"
        results, requests = check_urls([url], replace(FAST, per_host=1))
        hits = list(server.hits)
    assert results[url].verdict == Verdict.REDIRECTED
    probes = [(method, path) for (method, path) in hits if "/no-such-page-" in path]
    assert [method for method, _ in probes] == ["HEAD"] and probes[0][1].startswith("/old/no-such-page-")
    assert requests == 3 and ("HEAD", "/old/7") not in hits  # probe HEAD, GET /old/7, GET /new/7


def test_a_catch_all_redirect_is_still_caught_by_a_probe_next_to_the_cited_page():
    def catch_all(h):
        if h.path.startswith("/old/"):
            h.redirect(301, "/landing")
        else:
            h.reply(404, b"Not Found")

    with Server("127.0.0.1", {"/landing": ok(b"Our new site")}, default=catch_all) as server:
        url = f"{server.base}/old/article-7"
        result = check_urls([url], FAST)[0][url]
    assert result.verdict == Verdict.SOFT_404
    assert "made-up page" in result.error


def test_a_moved_page_on_a_catch_all_folder_is_still_soft_404():
    # /old/7 -> /new/7 keeps the name, and /new/ answers 200 with one page for any name.
    with Server(
        "127.0.0.1",
        {"/old/7": redirect(301, "/new/7")},
        default=ok(b"Welcome", "The front page, whatever you asked for."),
    ) as server:
        url = f"{server.base}/old/7"
        result = check_urls([url], FAST)[0][url]
    assert result.verdict == Verdict.SOFT_404


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
        results, _ = check_urls(urls, config)
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


@pytest.mark.parametrize("content_type, length, expected", [("application/pdf", 10_000_000, b"")])
def test_large_documents_are_not_read(content_type, length, expected):
    sent: list[int] = []

    def document(h):
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Content-Length", str(length))
        h.end_headers()
        if h.command == "GET":
            try:
                for _ in range(length // 65536):  # bounded: stops when the client hangs up
                    h.wfile.write(b"%" * 65536)
                    sent.append(65536)
            except OSError:
                pass

    with Server("127.0.0.1", {}, default=document) as server:
        url = f"{server.base}/report.pdf"
        results, _ = check_urls([url], replace(FAST, soft_404_probe=False))
    assert results[url].verdict == Verdict.OK
    assert sum(sent) < length  # the client hung up instead of taking the whole file


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An https server on 127.0.0.1 with a self-signed certificate (which verification must refuse)."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl not available")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = Server("127.0.0.1", {"/ok": ok()})
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with server:
        yield server


def test_https_is_verified_even_though_plain_http_loads_no_certificates(tls_server):
    url = f"https://127.0.0.1:{tls_server.server_address[1]}/ok"
    config = replace(FAST, retries=0, soft_404_probe=False)
    refused = check_urls([url], config)[0][url]
    assert refused.verdict == Verdict.BROKEN
    assert "certificate" in (refused.error or "").lower()
    unverified = check_urls([url], replace(config, verify_tls=False))[0][url]
    assert unverified.verdict == Verdict.OK
