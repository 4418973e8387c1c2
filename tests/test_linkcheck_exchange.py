"""HTTP/1.1 framed by h11: answers read from bytes, then hostile servers, each given a verdict in bounded memory."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterable
from dataclasses import replace

import pytest
from link_servers import FAST, Handler, Server, check_one
from trump2_web_edition.linkcheck.exchange import MAX_HEAD, Body, NoAnswerError, ProtocolError, Wire
from trump2_web_edition.linkcheck.results import CheckResult, Verdict


class Sink:
    """The writing end of a connection whose answer is given in advance."""

    def __init__(self) -> None:
        self.sent = bytearray()

    def write(self, data: bytes) -> None:
        self.sent += data

    async def drain(self) -> None:
        pass


def read(raw: bytes, method: str = "GET") -> tuple[int, dict[str, str], bytes, bool, bool]:
    """Status, headers, body, whether the body was read to its end, and whether the connection can be reused."""

    async def go():
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        reader.feed_eof()
        wire = Wire(reader, Sink())  # type: ignore[arg-type]
        head = await wire.request(method, "/", [("Host", "x.example")])
        body = Body(wire, head)
        pieces = []
        while piece := await body.read():
            pieces.append(piece)
        return head.status, head.headers, b"".join(pieces), wire.complete, wire.reusable

    return asyncio.run(go())


def test_a_request_head():
    async def go():
        reader = asyncio.StreamReader()
        reader.feed_data(b"HTTP/1.1 204 No Content\r\n\r\n")
        sink = Sink()
        wire = Wire(reader, sink)  # type: ignore[arg-type]
        await wire.request("HEAD", "/a?b", [("Host", "x.example"), ("Accept", "*/*")])
        return bytes(sink.sent)

    assert asyncio.run(go()) == b"HEAD /a?b HTTP/1.1\r\nHost: x.example\r\nAccept: */*\r\n\r\n"


def test_content_length_body_and_headers():
    raw = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\nX-A: 1\r\nx-a: 2\r\n\r\nhello"
    status, headers, body, complete, reusable = read(raw)
    assert (status, body, complete, reusable) == (200, b"hello", True, True)
    assert headers["content-type"] == "text/html" and headers["x-a"] == "1, 2"


def test_bytes_after_the_answer_leave_the_connection_unused():
    raw = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA"
    assert read(raw)[2:] == (b"hello", True, False)


def test_chunked_body_with_extensions_and_trailers():
    raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-T: 1\r\n\r\n"
    assert read(raw)[2:] == (b"hello world", True, True)


def test_a_body_up_to_the_close_leaves_no_connection_to_reuse():
    raw = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\nall of it"
    assert read(raw)[2:] == (b"all of it", True, False)


@pytest.mark.parametrize("status", [204, 304])
def test_answers_without_a_body(status):
    raw = b"HTTP/1.1 %d Nothing\r\nContent-Length: 10\r\n\r\n" % status
    assert read(raw)[2:4] == (b"", True)


def test_a_head_answer_has_no_body_whatever_its_length():
    assert read(b"HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n", "HEAD")[2:] == (b"", True, True)


def test_informational_answers_are_passed_over():
    raw = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 404 Not Found\r\n\r\n"
    assert read(raw)[0] == 404


def test_set_cookie_values_are_kept_apart():
    raw = b"HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Expires=Wed, 21 Oct 2099\r\nSet-Cookie: b=2\r\n\r\n"

    async def go():
        reader = asyncio.StreamReader()
        reader.feed_data(raw)
        return await Wire(reader, Sink()).request("GET", "/", [("Host", "x.example")])  # type: ignore[arg-type]

    assert asyncio.run(go()).cookies == ("a=1; Expires=Wed, 21 Oct 2099", "b=2")


def test_folded_header_lines_and_connection_close():
    raw = b"HTTP/1.1 200 OK\r\nX-Long: one\r\n two\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    _, headers, _, complete, reusable = read(raw)
    assert headers["x-long"] == "one two" and (complete, reusable) == (True, False)


@pytest.mark.parametrize("compress", [gzip.compress, zlib.compress, lambda data: zlib.compress(data)[2:-4]])
def test_compressed_bodies_are_decoded(compress):
    page = b"<html><head><title>Compressed</title></head>" + b"text " * 100_000 + b"</html>"
    encoding = b"gzip" if compress is gzip.compress else b"deflate"
    data = compress(page)
    raw = b"HTTP/1.1 200 OK\r\nContent-Encoding: %s\r\nContent-Length: %d\r\n\r\n%s" % (encoding, len(data), data)
    assert read(raw)[2] == page


@pytest.mark.parametrize(
    "raw, error",
    [
        (b"", NoAnswerError),
        (b"SSH-2.0-OpenSSH\r\n\r\n", ProtocolError),
        (b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", ProtocolError),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", ProtocolError),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", ProtocolError),
        (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", ProtocolError),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd", ProtocolError),
        (b"HTTP/1.1 200 OK\r\nX-Long: " + b"x" * 2 * MAX_HEAD + b"\r\n\r\n", ProtocolError),
        (b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 4\r\n\r\nnope", ProtocolError),
        (b"HTTP/1.1 103 Early Hints\r\n\r\n" * 20 + b"HTTP/1.1 200 OK\r\n\r\n", ProtocolError),
    ],
)
def test_what_is_not_http_is_a_protocol_error(raw, error):
    with pytest.raises(error):
        read(raw)


# Hostile servers. Each route is a real server's answer on 127.0.0.1; every loop is bounded and ends when the
# checker hangs up. The checker answers each with a verdict, within its timeout and in bounded memory.

CHUNK = 64 * 1024
BOMB_MB = 200
# The most the checker (and the test's own server) may hold at once, measured by tracemalloc: the hostile answers
# run to megabytes (or, inflated, 200 MB), the checker keeps a few times its limits (a 256 KiB head or body).
MEMORY_BOUND = 4 * 1024 * 1024
CONFIG = replace(FAST, timeout=0.5, retries=0, soft_404_probe=False)


def send(h: Handler, pieces: Callable[[], Iterable[bytes]], pause: float = 0.0) -> int:
    """Write each piece the generator gives (pausing after each) until it ends or the checker hangs up."""
    sent = 0
    h.close_connection = True
    try:
        for piece in pieces():
            h.wfile.write(piece)
            sent += len(piece)
            time.sleep(pause)
    except OSError:
        pass
    return sent


def html_head(h: Handler, *headers: str) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    for header in headers:
        name, _, value = header.partition(": ")
        h.send_header(name, value)
    h.end_headers()


def drip_body(h: Handler) -> None:
    """A page whose body comes one byte a second."""
    page = b"<html><head><title>Slow</title></head></html>"
    html_head(h, f"Content-Length: {len(page)}")
    if h.command == "GET":
        send(h, lambda: (page[n : n + 1] for n in range(len(page))), pause=1.0)


def drip_head(h: Handler) -> None:
    """An answer whose header lines come one a second."""
    lines = (b"X-Drip-%d: %d\r\n" % (n, n) for n in range(30))
    send(h, lambda: itertools.chain([b"HTTP/1.1 200 OK\r\n"], lines), pause=1.0)


def long_header_line(h: Handler) -> None:
    """A 2 MB header line."""
    send(h, lambda: itertools.chain([b"HTTP/1.1 200 OK\r\nX-Long: "], (b"x" * CHUNK for _ in range(32)), [b"\r\n\r\n"]))


def many_header_lines(h: Handler) -> None:
    """100,000 header lines."""
    batch = b"".join(b"X-Many-%d: %d\r\n" % (n, n) for n in range(1000))
    send(h, lambda: itertools.chain([b"HTTP/1.1 200 OK\r\n"], (batch for _ in range(100)), [b"\r\n"]))


ENDLESS = 16_000  # chunks of 64 KiB: 1 GB before the loop gives up


def endless_chunks(sent: list[int], done: threading.Event) -> Callable[[Handler], None]:
    """An HTML body without a title, in chunks that never end; what GET was sent is told once the checker hangs up."""
    piece = b"%x\r\n%s\r\n" % (CHUNK, b"<p>" + b"x" * (CHUNK - 3))

    def route(h: Handler) -> None:
        html_head(h, "Transfer-Encoding: chunked")
        if h.command == "GET":
            sent.append(send(h, lambda: (piece for _ in range(ENDLESS))))
            done.set()

    return route


def bad_chunk_size(h: Handler) -> None:
    html_head(h, "Transfer-Encoding: chunked")
    if h.command == "GET":
        send(h, lambda: (b"zz\r\nhello\r\n0\r\n\r\n",))


def http_0_9(h: Handler) -> None:
    """No status line, no headers: the page alone, then the close."""
    send(h, lambda: (b"<html><head><title>Before HTTP/1.0</title></head><body>Old.</body></html>",))


def informational(status: bytes, *headers: bytes) -> Callable[[Handler], None]:
    """An informational answer (100 Continue, 103 Early Hints) before the page."""
    page = b"<html><head><title>Hinted</title></head></html>"
    final = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (len(page), page)

    def route(h: Handler) -> None:
        send(h, lambda: (b"HTTP/1.1 %s\r\n%s\r\n" % (status, b"".join(headers)), final))

    route.__name__ = status.decode().replace(" ", "_").lower()
    return route


def two_lengths(h: Handler) -> None:
    send(h, lambda: (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",))


def measured(route: Callable[[Handler], None], config=CONFIG) -> tuple[CheckResult, Server, int]:
    """The verdict on a URL served by the route, the server, and the most memory traced during the check."""
    with Server("127.0.0.1", {}, default=route) as server:
        tracemalloc.start()
        try:
            result = check_one(f"{server.base}/page", config)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    return result, server, peak


@pytest.mark.parametrize(
    "route, verdict, error",
    [
        (drip_body, Verdict.TIMEOUT, "timed out"),
        (drip_head, Verdict.TIMEOUT, "timed out"),
        (long_header_line, Verdict.BROKEN, "answer head over 256 KiB"),
        (many_header_lines, Verdict.BROKEN, "answer head over 256 KiB"),
        (bad_chunk_size, Verdict.BROKEN, "chunk"),
        (http_0_9, Verdict.BROKEN, "not an HTTP/1.x answer"),
        (two_lengths, Verdict.BROKEN, "Content-Length"),
        (informational(b"100 Continue"), Verdict.OK, None),
        (informational(b"103 Early Hints", b"Link: </style.css>; rel=preload\r\n"), Verdict.OK, None),
    ],
    ids=lambda value: getattr(value, "__name__", None) if callable(value) else None,
)
def test_a_hostile_answer_gets_a_verdict(route, verdict, error):
    result, _, peak = measured(route)
    assert result.verdict == verdict
    assert error in (result.error or "") if error else result.error is None
    assert peak < MEMORY_BOUND


def test_an_endless_chunked_body_is_read_up_to_the_cap():
    sent: list[int] = []
    done = threading.Event()
    result, _, peak = measured(endless_chunks(sent, done), replace(CONFIG, timeout=10))
    assert (result.verdict, result.status) == (Verdict.OK, 200)
    assert peak < MEMORY_BOUND
    assert done.wait(60)  # the server's loop ends (a bound on waiting, not a measure of speed)
    # Hung up on after the body cap (256 KiB) and what the sockets' buffers held: not the whole gigabyte.
    assert sum(sent) < 32 * 1024 * 1024


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """200 MB of zeros, gzipped (about 200 KB), compressed a megabyte at a time: the test never holds 200 MB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    return b"".join(packer.compress(zeros) for _ in range(BOMB_MB)) + packer.flush()


def test_a_gzip_bomb_is_inflated_only_up_to_the_cap(gzip_bomb):
    assert len(gzip_bomb) < BOMB_MB * 1024 * 1024 / 500

    def bomb(h: Handler) -> None:
        html_head(h, "Content-Encoding: gzip", f"Content-Length: {len(gzip_bomb)}")
        if h.command == "GET":
            send(h, lambda: (gzip_bomb[n : n + CHUNK] for n in range(0, len(gzip_bomb), CHUNK)))

    result, _, peak = measured(bomb, replace(CONFIG, timeout=10))
    assert (result.verdict, result.status) == (Verdict.OK, 200)
    assert peak < MEMORY_BOUND
