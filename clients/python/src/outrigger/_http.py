"""The blocking transport: ``http.client`` keep-alive connections, one per thread.

A connection is reused only in the thread and the process that opened it: after
``os.fork()`` the child opens its own. A pooled connection that the sidecar already
closed is noticed before a request is written on it, so a write is never sent on a
dead connection; once a write is sent, a failure is reported, never retried.
"""

import http.client
import os
import select
import socket
import threading
import time
from typing import Any, Optional, TypeVar

from ._calls import Call
from ._outcome import connect_error, decode_json, encode_body, exchange_error, result_of
from ._settings import Settings
from .errors import ConnectionLost, Timeout, error_from_envelope

T = TypeVar("T")

MAX_IDLE_SECONDS = 60.0
"""A connection idle this long is replaced (the sidecar drops idle ones after 2 minutes)."""


def _is_dropped(conn: http.client.HTTPConnection) -> bool:
    """Whether a pooled connection was closed by the peer (it reads as ready: EOF)."""
    sock = conn.sock
    if sock is None:
        return True
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


class _Pooled:
    """A thread's connection, with the process that opened it and its last use."""

    def __init__(self, conn: http.client.HTTPConnection) -> None:
        self.conn = conn
        self.pid = os.getpid()
        self.last_used = time.monotonic()


class Transport:
    """Runs calls against the sidecar over one keep-alive connection per thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.where = f"{settings.host}:{settings.port}"
        self._local = threading.local()

    def _new_connection(self, timeout: float) -> http.client.HTTPConnection:
        conn = http.client.HTTPConnection(self.settings.host, self.settings.port, timeout=timeout)
        try:
            conn.connect()
        except OSError as exc:
            conn.close()
            raise connect_error(exc, self.where) from exc
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    def _checkout(self, timeout: float) -> http.client.HTTPConnection:
        """This thread's live connection, or a new one."""
        pooled: Optional[_Pooled] = getattr(self._local, "pooled", None)
        self._local.pooled = None
        if pooled is not None:
            fresh = pooled.pid == os.getpid() and time.monotonic() - pooled.last_used < MAX_IDLE_SECONDS
            if fresh and not _is_dropped(pooled.conn):
                assert pooled.conn.sock is not None
                pooled.conn.sock.settimeout(timeout)
                return pooled.conn
            if pooled.pid == os.getpid():
                pooled.conn.close()
            # In a forked child the socket is the parent's: leave it to the parent.
        return self._new_connection(timeout)

    def _checkin(self, conn: http.client.HTTPConnection) -> None:
        self._local.pooled = _Pooled(conn)

    def call(self, call: "Call[T]", timeout: Optional[float] = None) -> T:
        """Sends one call and returns its parsed result, or raises its typed error."""
        seconds = self.settings.call_timeout(call, timeout)
        body = encode_body(call)
        conn = self._checkout(seconds)
        try:
            conn.request(call.method, self.settings.target(call), body=body, headers=self.settings.headers(body))
            response = conn.getresponse()
            raw = response.read()
        except Exception as exc:
            conn.close()
            raise exchange_error(exc, call, self.where) from exc
        if response.will_close:
            conn.close()
        else:
            self._checkin(conn)
        return result_of(call, response.status, raw)

    def open_stream(self, call: "Call[Any]", timeout: Optional[float] = None) -> "LineStream":
        """Opens a streaming route on a connection of its own."""
        seconds = self.settings.call_timeout(call, timeout)
        conn = self._new_connection(seconds)
        try:
            conn.request(call.method, self.settings.target(call), headers=self.settings.headers(None, stream=True))
            response = conn.getresponse()
            if response.status != 200:
                raw = response.read()
                conn.close()
                envelope = decode_json(raw)
                raise error_from_envelope(envelope, response.status)
        except Exception as exc:
            conn.close()
            raise exchange_error(exc, call, self.where) from exc
        return LineStream(conn, response)

    def close(self) -> None:
        """Closes this thread's pooled connection (others close when their thread ends)."""
        pooled: Optional[_Pooled] = getattr(self._local, "pooled", None)
        self._local.pooled = None
        if pooled is not None and pooled.pid == os.getpid():
            pooled.conn.close()


class LineStream:
    """The lines of one open stream; ``close`` may be called from any thread."""

    def __init__(self, conn: http.client.HTTPConnection, response: http.client.HTTPResponse) -> None:
        self._conn = conn
        self._sock = conn.sock
        self._response = response

    def read_line(self, idle_timeout: float) -> Optional[bytes]:
        """The next non-empty line, or None at the end of the stream.

        Raises ``socket.timeout`` when nothing arrives for ``idle_timeout`` seconds.
        """
        if self._sock is not None:
            self._sock.settimeout(idle_timeout)
        try:
            while True:
                line = self._response.readline()
                if not line:
                    return None
                if not line.endswith(b"\n"):
                    raise ConnectionLost("stream cut in the middle of a line")
                if line.strip():
                    return line
        except (socket.timeout, TimeoutError):
            raise Timeout(f"stream quiet for {idle_timeout:g}s: reconnecting") from None
        except (OSError, ValueError, http.client.HTTPException) as exc:
            raise ConnectionLost(f"stream broken: {exc!r}") from exc

    def close(self) -> None:
        """Ends the stream, waking a reader blocked in another thread."""
        sock = self._sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._conn.close()
