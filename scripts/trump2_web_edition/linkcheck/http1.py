"""HTTP/1.1 on one connection: a request's head written, an answer's head read, its body read as it is framed."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

READ_SIZE = 64 * 1024
# The longest status or header line accepted (the stream reader's limit), and the most header lines.
LINE_LIMIT = 64 * 1024
MAX_HEADER_LINES = 256
NO_BODY_STATUSES = frozenset({204, 304})


class ProtocolError(Exception):
    """An answer that does not read as HTTP/1.x."""


class NoAnswerError(ProtocolError):
    """The connection closed before a single byte of an answer (a kept-alive connection the server had closed)."""


@dataclass(frozen=True)
class Head:
    """The status line and headers of an answer."""

    status: int
    headers: dict[str, str]  # names in lower case; a repeated header's values joined by ", "
    cookies: tuple[str, ...]  # every Set-Cookie value
    keep_alive: bool


def request_head(method: str, target: str, headers: Iterable[tuple[str, str]]) -> bytes:
    """The bytes of a request without a body."""
    lines = [f"{method} {target} HTTP/1.1", *(f"{name}: {value}" for name, value in headers), "", ""]
    return "\r\n".join(lines).encode("latin-1")


async def _line(reader: asyncio.StreamReader) -> bytes:
    try:
        return await reader.readline()
    except ValueError as error:  # a line over the reader's limit
        raise ProtocolError("header line too long") from error


def _status(line: bytes) -> tuple[str, int]:
    parts = line.split(None, 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not (parts[1].isdigit() and len(parts[1]) == 3):
        raise ProtocolError(f"not an HTTP/1.x status line: {line[:80]!r}")
    return parts[0].decode("ascii", "replace"), int(parts[1])


async def _header_lines(reader: asyncio.StreamReader) -> tuple[dict[str, str], tuple[str, ...]]:
    headers: dict[str, str] = {}
    cookies: list[str] = []
    last = ""
    for _ in range(MAX_HEADER_LINES):
        line = await _line(reader)
        if not line:
            raise ProtocolError("connection closed in the middle of the headers")
        text = line.decode("latin-1").rstrip("\r\n")
        if not text:
            return headers, tuple(cookies)
        if text[0] in " \t" and last:  # an obsolete folded line continues the previous header
            headers[last] += " " + text.strip()
            continue
        name, colon, value = text.partition(":")
        if not colon:
            raise ProtocolError(f"not a header line: {text[:80]!r}")
        last, value = name.strip().lower(), value.strip()
        if last == "set-cookie":
            cookies.append(value)
        headers[last] = f"{headers[last]}, {value}" if last in headers else value
    raise ProtocolError(f"more than {MAX_HEADER_LINES} header lines")


async def read_head(reader: asyncio.StreamReader) -> Head:
    """The head of the next answer on the connection; informational (1xx) answers are passed over."""
    line = await _line(reader)
    if not line:
        raise NoAnswerError("the server closed the connection without answering")
    for _ in range(MAX_HEADER_LINES):
        if line.strip():
            version, status = _status(line)
            headers, cookies = await _header_lines(reader)
            if not (100 <= status < 200 and status != 101):
                tokens = {token.strip().lower() for token in headers.get("connection", "").split(",")}
                keep_alive = "keep-alive" in tokens if version == "HTTP/1.0" else "close" not in tokens
                return Head(status, headers, cookies, keep_alive)
        line = await _line(reader)  # after a 1xx answer, or a stray empty line before the status line
        if not line:
            raise ProtocolError("connection closed before the final answer")
    raise ProtocolError("too many informational answers")


class _Decoder:
    """Decompresses successive pieces of a body sent with a Content-Encoding (gzip or deflate; others pass)."""

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding.strip().lower()
        # deflate should be zlib-wrapped, as the standard says; raw deflate is tried when that fails at once.
        wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
        self._inflate = zlib.decompressobj(wbits[self._encoding]) if self._encoding in wbits else None
        self._started = False

    def __call__(self, data: bytes) -> bytes:
        if self._inflate is None:
            return data
        try:
            # Bounded output per piece (the rest waits in unconsumed_tail): a small body may expand without limit.
            out = self._inflate.decompress(self._inflate.unconsumed_tail + data, READ_SIZE * 4)
        except zlib.error as error:
            if self._encoding != "deflate" or self._started:
                raise ProtocolError(f"undecodable {self._encoding} body: {error}") from error
            self._inflate, self._started = zlib.decompressobj(-zlib.MAX_WBITS), True
            return self(data)
        self._started = True
        return out


class Body:
    """An answer's body, read as it is framed (a length, chunks, or up to the close), decoded when compressed."""

    def __init__(self, reader: asyncio.StreamReader, head: Head, method: str) -> None:
        self._reader = reader
        self._decode = _Decoder(head.headers.get("content-encoding", ""))
        self._chunked = head.headers.get("transfer-encoding", "").lower().rstrip().endswith("chunked")
        self._remaining = 0  # bytes left in the current chunk, or in the body when its length is given
        self._until_close = False
        self.complete = method == "HEAD" or head.status in NO_BODY_STATUSES or 100 <= head.status < 200
        # A body that runs to the close of the connection leaves nothing to reuse.
        self.reusable = head.keep_alive
        if self.complete or self._chunked:
            return
        length = head.headers.get("content-length")
        if length is None:
            self._until_close, self.reusable = True, False
        elif length.strip().isdigit():
            self._remaining = int(length)
            self.complete = self._remaining == 0
        else:
            raise ProtocolError(f"bad Content-Length {length!r}")

    async def read(self) -> bytes:
        """The next piece of the body, decoded; b"" once it has all been read."""
        while True:
            # Once the body is all read, what the decoder still holds comes out, piece by piece.
            data = self._decode(b"" if self.complete else await self._read_raw())
            if data or self.complete:
                return data

    async def _read_raw(self) -> bytes:
        if self._chunked and self._remaining == 0 and not await self._next_chunk():
            return b""
        if self._until_close:
            data = await self._reader.read(READ_SIZE)
            self.complete = not data
            return data
        data = await self._reader.read(min(self._remaining, READ_SIZE))
        if not data:
            raise ProtocolError("connection closed before the end of the body")
        self._remaining -= len(data)
        if self._remaining == 0:
            if self._chunked:
                await _line(self._reader)  # the line end after the chunk
            else:
                self.complete = True
        return data

    async def _next_chunk(self) -> bool:
        """Read the next chunk's size; at the last (empty) chunk, read the trailers and mark the body complete."""
        line = await _line(self._reader)
        size = line.split(b";", 1)[0].strip()
        try:
            self._remaining = int(size, 16)
        except ValueError:
            self._remaining = -1
        if self._remaining < 0:
            raise ProtocolError(f"bad chunk size {line[:40]!r}")
        if self._remaining > 0:
            return True
        for _ in range(MAX_HEADER_LINES):
            if not (await _line(self._reader)).strip():
                self.complete = True
                return False
        raise ProtocolError("too many trailer lines")
