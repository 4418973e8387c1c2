"""HTTP/1.1 on one asyncio stream, framed by h11: a request sent, its answer's head and body read within limits."""

from __future__ import annotations

import asyncio
import zlib
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

import h11

READ_SIZE = 64 * 1024
# The most a status line and its headers may take together (h11's buffer limit): browsers allow about 256 KiB, and
# a head over it (one endless line or countless short ones) is refused before it can take more memory than that.
MAX_HEAD = 256 * 1024
# Informational (1xx) answers passed over before the final one: a server sending them for ever is not waited on.
MAX_INFORMATIONAL = 8
# The most bytes one piece of a compressed body inflates to: a small body may expand without limit (a gzip bomb).
INFLATE_PIECE = 256 * 1024
INFLATE_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


class ProtocolError(Exception):
    """An answer that does not read as HTTP/1.x, or breaks a limit."""


class NoAnswerError(ProtocolError):
    """The connection closed before a single byte of an answer (a kept-alive connection the server had closed)."""


@dataclass(frozen=True)
class Head:
    """The status line and headers of an answer."""

    status: int
    headers: dict[str, str]  # names in lower case; a repeated header's values joined by ", "
    cookies: tuple[str, ...]  # every Set-Cookie value


def _head(event: h11.Response) -> Head:
    headers: dict[str, str] = {}
    cookies: list[str] = []
    for raw_name, raw_value in event.headers:
        name, value = raw_name.decode("ascii"), raw_value.decode("latin-1")
        if name == "set-cookie":
            cookies.append(value)
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return Head(event.status_code, headers, tuple(cookies))


class Inflater:
    """Decompresses successive pieces of a body sent with a Content-Encoding (gzip or deflate; others pass)."""

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding.strip().lower()
        wbits = INFLATE_WBITS.get(self._encoding)
        self._inflate = zlib.decompressobj(wbits) if wbits is not None else None
        self._started = False

    @property
    def holding(self) -> bool:
        """Whether compressed input is still waiting for room in a piece (call again with b"" to get it)."""
        return self._inflate is not None and bool(self._inflate.unconsumed_tail)

    def __call__(self, data: bytes) -> bytes:
        """The next piece of decoded body, at most INFLATE_PIECE long (what does not fit waits, see ``holding``)."""
        if self._inflate is None:
            return data
        try:
            out = self._inflate.decompress(self._inflate.unconsumed_tail + data, INFLATE_PIECE)
        except zlib.error as error:
            # deflate should be zlib-wrapped, as the standard says; raw deflate is tried when that fails at once.
            if self._encoding != "deflate" or self._started:
                raise ProtocolError(f"undecodable {self._encoding} body: {error}") from error
            self._inflate, self._started = zlib.decompressobj(-zlib.MAX_WBITS), True
            return self(data)
        self._started = True
        return out


class Wire:
    """One connection: requests sent one after another, each answer read before the next request goes."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self._h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEAD)
        # Body pieces already framed by h11 and not yet read, ending with the error met framing them, if any.
        self._pending: deque[bytes | ProtocolError] = deque()
        self.complete = False  # the current answer has been read to its end
        self._first_bytes = b""
        self._head_read = False

    def _next_event(self) -> h11.Event | type[h11.NEED_DATA] | type[h11.PAUSED]:
        try:
            return self._h11.next_event()
        except h11.RemoteProtocolError as error:
            if error.error_status_hint == 431:  # h11's buffer limit, met only by a head
                raise ProtocolError(f"answer head over {MAX_HEAD // 1024} KiB") from error
            if not self._head_read and not self._first_bytes.startswith(b"HTTP/"):
                raise ProtocolError(f"not an HTTP/1.x answer ({error})") from error
            raise ProtocolError(str(error)) from error

    async def _event(self) -> h11.Event:
        """The next event of the answer, reading from the stream as h11 asks for more."""
        while (event := self._next_event()) is h11.NEED_DATA:
            data = await self.reader.read(READ_SIZE)
            if not data and not self._first_bytes:
                raise NoAnswerError("the server closed the connection without answering")
            if len(self._first_bytes) < len(b"HTTP/"):
                self._first_bytes += data[:5]
            self._h11.receive_data(data)  # b"" tells h11 of the close
        if event is h11.PAUSED:
            raise ProtocolError("data after the end of the answer")
        return event  # type: ignore[return-value]

    async def request(self, method: str, target: str, headers: Iterable[tuple[str, str]]) -> Head:
        """Send a request without a body; the answer's head, informational (1xx) answers passed over."""
        if self._h11.our_state is h11.DONE:
            self._h11.start_next_cycle()  # a kept-alive connection, its last answer read to its end
        self._pending.clear()
        self.complete = False
        self._first_bytes = b""  # the first bytes of the answer: "HTTP/" unless the server speaks something else
        self._head_read = False
        encoded = [(name.encode("ascii"), value.encode("latin-1")) for name, value in headers]
        try:
            data = self._h11.send(h11.Request(method=method, target=target, headers=encoded))
            data = (data or b"") + (self._h11.send(h11.EndOfMessage()) or b"")
        except (h11.LocalProtocolError, UnicodeEncodeError) as error:
            raise ProtocolError(f"request not sent: {error}") from error
        self.writer.write(data)
        await self.writer.drain()
        for _ in range(MAX_INFORMATIONAL + 1):
            event = await self._event()
            if isinstance(event, h11.Response):
                self._head_read = True
                self._take_buffered()
                return _head(event)
        raise ProtocolError(f"more than {MAX_INFORMATIONAL} informational answers")

    def _take_buffered(self) -> None:
        """Frame what is already received: a body without bytes (HEAD, 204, 304, length 0) ends here, unread."""
        try:
            while not self.complete and (event := self._next_event()) is not h11.NEED_DATA:
                if isinstance(event, h11.Data):
                    self._pending.append(bytes(event.data))
                else:  # the end of the answer (h11 raises on anything else)
                    self.complete = True
        except ProtocolError as error:
            # A body gone wrong fails whoever reads it, not the head: a caller that reads no body has its answer.
            self._pending.append(error)

    async def read(self) -> bytes:
        """The next piece of the answer's body as framed (length, chunks or close); b"" once it has all come."""
        if self._pending:
            piece = self._pending.popleft()
            if isinstance(piece, ProtocolError):
                raise piece
            return piece
        while not self.complete:
            event = await self._event()
            if isinstance(event, h11.Data):
                if event.data:
                    return bytes(event.data)
            else:
                self.complete = True  # EndOfMessage: h11 raises on a body cut short
        return b""

    @property
    def reusable(self) -> bool:
        """Whether another request may go on the connection: the answer read to its end, no close asked, nothing
        left over (h11 makes an HTTP/1.0 or "Connection: close" answer end the connection)."""
        connection = self._h11
        return (
            connection.our_state is h11.DONE and connection.their_state is h11.DONE and not connection.trailing_data[0]
        )

    def close(self) -> None:
        # Abort: a body left unread is not waited for, and the server stops sending it.
        self.writer.transport.abort()


class Body:
    """An answer's body, decoded piece by piece when compressed."""

    def __init__(self, wire: Wire, head: Head) -> None:
        self._wire = wire
        self._inflate = Inflater(head.headers.get("content-encoding", ""))

    async def read(self) -> bytes:
        """The next piece of the body, decoded; b"" once it has all been read."""
        while True:
            if self._inflate.holding:
                data = self._inflate(b"")  # what waits is inflated before more is read
            else:
                raw = await self._wire.read()
                if not raw:
                    return b""
                data = self._inflate(raw)
            if data:
                return data
