"""HTTP/1.1 framed by h11: answers read from bytes, framed by length, chunks or close, decompressed."""

from __future__ import annotations

import asyncio
import gzip
import zlib

import pytest
from trump2_web_edition.linkcheck.exchange import MAX_HEAD, Body, NoAnswerError, ProtocolError, Wire


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
