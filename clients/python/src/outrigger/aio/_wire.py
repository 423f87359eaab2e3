"""HTTP/1.1 on asyncio streams: writing a request, reading the status and headers,
and reading a body by Content-Length, chunked encoding, or to the end."""

import asyncio
from typing import Dict, List, Optional, Tuple

from ..errors import ProtocolError

MAX_HEAD_BYTES = 64 * 1024


def request_bytes(method: str, target: str, host: str, headers: Dict[str, str], body: Optional[bytes]) -> bytes:
    """The bytes of one request."""
    lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return head + (body or b"")


async def read_head(reader: asyncio.StreamReader) -> Tuple[int, Dict[str, str]]:
    """Reads the status line and headers (names lower-cased)."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionResetError("connection closed before the answer")
    parts = status_line.decode("latin-1").split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
        raise ProtocolError(f"bad status line {status_line[:100]!r}")
    headers: Dict[str, str] = {}
    size = len(status_line)
    while True:
        line = await reader.readline()
        size += len(line)
        if size > MAX_HEAD_BYTES:
            raise ProtocolError("answer headers too large")
        if line in (b"\r\n", b"\n"):
            return int(parts[1]), headers
        if not line:
            raise ConnectionResetError("connection closed inside the headers")
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()


def keeps_alive(headers: Dict[str, str]) -> bool:
    """Whether the connection may carry another request after this answer."""
    if headers.get("connection", "").lower() == "close":
        return False
    return "content-length" in headers or is_chunked(headers)


def is_chunked(headers: Dict[str, str]) -> bool:
    return "chunked" in headers.get("transfer-encoding", "").lower()


class BodyReader:
    """Reads an answer's body, decoding chunked transfer encoding."""

    def __init__(self, reader: asyncio.StreamReader, headers: Dict[str, str]) -> None:
        self._reader = reader
        self._chunked = is_chunked(headers)
        length = headers.get("content-length")
        self._left: Optional[int] = int(length) if length is not None and not self._chunked else None
        self._chunk_left = 0
        self.done = False

    async def read_some(self) -> bytes:
        """The next piece of the body; ``b""`` at its end."""
        if self.done:
            return b""
        if self._chunked:
            return await self._read_chunk()
        if self._left is not None:
            if self._left == 0:
                self.done = True
                return b""
            data = await self._reader.read(min(self._left, 65536))
            if not data:
                raise ConnectionResetError("connection closed inside the body")
            self._left -= len(data)
            return data
        data = await self._reader.read(65536)
        self.done = not data
        return data

    async def _read_chunk(self) -> bytes:
        if self._chunk_left == 0:
            size_line = await self._reader.readline()
            if not size_line:
                raise ConnectionResetError("connection closed inside a chunked body")
            try:
                self._chunk_left = int(size_line.split(b";", 1)[0].strip(), 16)
            except ValueError:
                raise ProtocolError(f"bad chunk size {size_line[:40]!r}") from None
            if self._chunk_left == 0:
                while (await self._reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                self.done = True
                return b""
        data = await self._reader.read(self._chunk_left)
        if not data:
            raise ConnectionResetError("connection closed inside a chunk")
        self._chunk_left -= len(data)
        if self._chunk_left == 0:
            await self._reader.readexactly(2)  # CRLF after the chunk
        return data

    async def read_all(self) -> bytes:
        parts: List[bytes] = []
        while True:
            data = await self.read_some()
            if not data:
                return b"".join(parts)
            parts.append(data)


class LineReader:
    """Splits a streamed body into lines."""

    def __init__(self, body: BodyReader) -> None:
        self._body = body
        self._buffer = b""

    async def read_line(self) -> Optional[bytes]:
        """The next non-empty line, or None at the end of the body."""
        while True:
            newline = self._buffer.find(b"\n")
            if newline >= 0:
                line, self._buffer = self._buffer[: newline + 1], self._buffer[newline + 1 :]
                if line.strip():
                    return line
                continue
            data = await self._body.read_some()
            if not data:
                if self._buffer.strip():
                    raise ConnectionResetError("stream cut in the middle of a line")
                return None
            self._buffer += data
