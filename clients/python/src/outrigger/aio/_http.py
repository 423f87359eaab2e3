"""The asyncio transport: HTTP/1.1 keep-alive connections on asyncio streams.

Idle connections are pooled per event loop and process; a pooled connection the
sidecar closed is dropped before a request is written on it. As in the blocking
transport, a write is never retried once it may have been sent.
"""

import asyncio
import os
import socket
import time
from typing import Any, List, Optional, Tuple, TypeVar

from .._calls import Call
from .._http import MAX_IDLE_SECONDS
from .._outcome import connect_error, decode_json, encode_body, exchange_error, result_of
from .._settings import Settings
from ..errors import ConnectionLost, Timeout, error_from_envelope
from ._wire import BodyReader, LineReader, keeps_alive, read_head, request_bytes

T = TypeVar("T")
MAX_POOLED = 16


class _Connection:
    """One connection with the loop and process it belongs to."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.loop = asyncio.get_running_loop()
        self.pid = os.getpid()
        self.last_used = time.monotonic()

    def usable(self) -> bool:
        return (
            self.pid == os.getpid()
            and self.loop is asyncio.get_running_loop()
            and time.monotonic() - self.last_used < MAX_IDLE_SECONDS
            and not self.reader.at_eof()
            and not self.writer.is_closing()
        )

    def close(self) -> None:
        if self.pid == os.getpid() and not self.loop.is_closed():
            self.writer.close()


class AsyncTransport:
    """Runs calls against the sidecar on pooled asyncio connections."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.where = f"{settings.host}:{settings.port}"
        self._idle: List[_Connection] = []

    async def _connect(self, timeout: float) -> _Connection:
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection(self.settings.host, self.settings.port), timeout
            )
        except (OSError, asyncio.TimeoutError) as exc:
            raise connect_error(exc, self.where) from exc
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return _Connection(reader, writer)

    async def _checkout(self, timeout: float) -> _Connection:
        while self._idle:
            conn = self._idle.pop()
            if conn.usable():
                return conn
            conn.close()
        return await self._connect(timeout)

    def _checkin(self, conn: _Connection) -> None:
        conn.last_used = time.monotonic()
        if len(self._idle) < MAX_POOLED:
            self._idle.append(conn)
        else:
            conn.close()

    async def _send(self, conn: _Connection, call: "Call[Any]", body: Optional[bytes], stream: bool) -> Tuple[int, Any]:
        headers = self.settings.headers(body, stream=stream)
        conn.writer.write(request_bytes(call.method, self.settings.target(call), self.where, headers, body))
        await conn.writer.drain()
        return await read_head(conn.reader)

    def _failure(self, conn: _Connection, exc: BaseException, call: "Call[Any]") -> BaseException:
        """Closes a connection an exchange failed on; the error to raise for it
        (cancellation and other BaseExceptions go on as they are)."""
        conn.close()
        if isinstance(exc, asyncio.TimeoutError):
            return exchange_error(TimeoutError(), call, self.where)
        if isinstance(exc, Exception):
            return exchange_error(exc, call, self.where)
        return exc

    async def call(self, call: "Call[T]", timeout: Optional[float] = None) -> T:
        """Sends one call and returns its parsed result, or raises its typed error."""
        seconds = self.settings.call_timeout(call, timeout)
        body = encode_body(call)
        conn = await self._checkout(seconds)

        async def exchange() -> Tuple[int, bytes, bool]:
            status, headers = await self._send(conn, call, body, stream=False)
            return status, await BodyReader(conn.reader, headers).read_all(), keeps_alive(headers)

        try:
            status, raw, reusable = await asyncio.wait_for(exchange(), seconds)
        except BaseException as exc:
            failure = self._failure(conn, exc, call)
            if failure is exc:
                raise
            raise failure from exc
        if reusable:
            self._checkin(conn)
        else:
            conn.close()
        return result_of(call, status, raw)

    async def open_stream(self, call: "Call[Any]", timeout: Optional[float] = None) -> "AsyncLineStream":
        """Opens a streaming route on a connection of its own."""
        seconds = self.settings.call_timeout(call, timeout)
        conn = await self._connect(seconds)
        try:
            status, headers = await asyncio.wait_for(self._send(conn, call, None, stream=True), seconds)
            body = BodyReader(conn.reader, headers)
            if status != 200:
                raw = await asyncio.wait_for(body.read_all(), seconds)
                raise error_from_envelope(decode_json(raw), status)
        except BaseException as exc:
            failure = self._failure(conn, exc, call)
            if failure is exc:
                raise
            raise failure from exc
        return AsyncLineStream(conn, LineReader(body))

    def close(self) -> None:
        """Closes the pooled connections."""
        idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()


class AsyncLineStream:
    """The lines of one open stream."""

    def __init__(self, conn: _Connection, lines: LineReader) -> None:
        self._conn = conn
        self._lines = lines

    async def read_line(self, idle_timeout: float) -> Optional[bytes]:
        """The next non-empty line, or None at the end of the stream."""
        try:
            return await asyncio.wait_for(self._lines.read_line(), idle_timeout)
        except asyncio.TimeoutError:
            raise Timeout(f"stream quiet for {idle_timeout:g}s: reconnecting") from None
        except (OSError, EOFError, asyncio.IncompleteReadError) as exc:
            raise ConnectionLost(f"stream broken: {exc!r}") from exc

    def close(self) -> None:
        self._conn.close()
