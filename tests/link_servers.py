"""Real HTTP servers on 127.0.0.x for the link checker's tests: one route per behaviour, every loop bounded."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from trump2_web_edition.linkcheck.checker import check_urls
from trump2_web_edition.linkcheck.config import CheckConfig
from trump2_web_edition.linkcheck.results import CheckResult

# The checker's settings against these servers: short waits, no spacing, 127.0.0.1 allowed as the first hop.
FAST = CheckConfig(
    timeout=0.5,
    retries=2,
    backoff_base=0.02,
    backoff_max=0.1,
    retry_after_max=0.3,
    host_spacing=0.0,
    allowed_addresses=frozenset({"127.0.0.1"}),
)


def check_one(url: str, config: CheckConfig = FAST) -> CheckResult:
    """The verdict on one URL, checked alone."""
    return check_urls([url], config).results[url]


PAGE = b"<html><head><title>%s</title></head><body>%s</body></html>"
HUGE_BYTES = 50 * 1024 * 1024
CHUNK = 64 * 1024

Route = Callable[["Handler"], None]


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, routes: dict[str, Route], default: Route | None = None) -> None:
        super().__init__((host, 0), Handler)
        self.routes = routes
        self.default = default
        self.hits: Counter[tuple[str, str]] = Counter()
        self.times: list[tuple[float, str]] = []
        self.bytes_sent = 0
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def count(self, path: str, method: str | None = None) -> int:
        return sum(n for (m, p), n in self.hits.items() if p == path and (method is None or m == method))

    def probes(self) -> list[tuple[str, str]]:
        """(method, path) of every made-up page asked for."""
        return [(method, path) for (method, path) in self.hits if "/no-such-page-" in path]

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def _serve(self) -> None:
        with self.server.lock:
            self.server.hits[(self.command, self.path)] += 1
            self.server.times.append((time.monotonic(), self.path))
        route = self.server.routes.get(self.path.split("?")[0], self.server.default)
        if route is None:
            self.reply(404, b"Not Found", "Nothing here")
        else:
            route(self)

    do_GET = _serve
    do_HEAD = _serve

    def reply(self, status: int, title: bytes, body: str = "", headers: dict[str, str] | None = None) -> None:
        content = PAGE % (title, body.encode())
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(content)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(content)

    def redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def hits(self) -> int:
        return self.server.count(self.path)


def ok(title: bytes = b"A real article", body: str = "The article text, long enough to be itself.") -> Route:
    return lambda h: h.reply(200, title, body)


def status(code: int, title: bytes = b"Error") -> Route:
    return lambda h: h.reply(code, title)


def redirect(code: int, location: str) -> Route:
    return lambda h: h.redirect(code, location)


def fails_then_ok(code: int, failures: int = 1, headers: dict[str, str] | None = None) -> Route:
    """Answers ``code`` to the first ``failures`` requests, then 200."""

    def route(h: Handler) -> None:
        if h.hits() <= failures:
            h.reply(code, b"Busy", headers=headers)
        else:
            h.reply(200, b"Back again", "Content after a hiccup.")

    return route


def head_not_allowed(h: Handler) -> None:
    if h.command == "HEAD":
        h.reply(405, b"Method Not Allowed", headers={"Allow": "GET"})
    else:
        h.reply(200, b"GET only", "Served to GET only.")


def slow(seconds: float) -> Route:
    def route(h: Handler) -> None:
        time.sleep(seconds)
        try:
            h.reply(200, b"Late")
        except OSError:
            pass

    return route


def huge(h: Handler) -> None:
    """50 MB of HTML to GET (HEAD refused), sent until the client hangs up."""
    if h.command == "HEAD":
        h.reply(405, b"No HEAD")
        return
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(HUGE_BYTES))
    h.end_headers()
    chunk = b"<html><head><title>Huge</title></head>" + b"x" * (CHUNK - 39)
    try:
        for _ in range(HUGE_BYTES // CHUNK):
            h.wfile.write(chunk)
            with h.server.lock:
                h.server.bytes_sent += len(chunk)
    except OSError:
        pass


def send(h: Handler, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    """Any body (JSON, say) with its status and headers."""
    h.send_response(status)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        h.send_header(name, value)
    h.end_headers()
    if h.command != "HEAD":
        h.wfile.write(body)
