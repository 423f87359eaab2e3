"""Turning what happened to a request into a result or a typed error; shared by the
sync and asyncio transports so both classify failures the same way."""

import json
import socket
from typing import Any, Optional, TypeVar

from ._calls import Call
from .errors import ConnectFailed, ConnectionLost, OutriggerError, ProtocolError, Timeout, error_from_envelope

T = TypeVar("T")


def encode_body(call: "Call[Any]") -> Optional[bytes]:
    """The JSON body of a call, or None when it has none."""
    if call.body is None:
        return b"{}" if call.method in ("POST", "PUT") else None
    return json.dumps(call.body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_json(raw: bytes) -> Any:
    """Parses a JSON answer, raising ProtocolError when it is not JSON."""
    try:
        return json.loads(raw.decode("utf-8")) if raw.strip() else None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(f"answer is not JSON: {raw[:200]!r}") from exc


def result_of(call: "Call[T]", status: int, raw: bytes) -> T:
    """The parsed result of a 2xx answer, or the typed error of any other."""
    if 200 <= status < 300:
        return call.parse(decode_json(raw))
    try:
        envelope = decode_json(raw)
    except ProtocolError:
        envelope = {"message": f"HTTP {status}: {raw[:200].decode('utf-8', 'replace')}"}
    raise error_from_envelope(envelope, status, write=call.write)


def connect_error(exc: BaseException, where: str) -> OutriggerError:
    """The error for a failure to connect: nothing was sent, so nothing happened."""
    return ConnectFailed(f"cannot connect to the sidecar at {where}: {exc}")


def exchange_error(exc: BaseException, call: "Call[Any]", where: str) -> OutriggerError:
    """The error for a failure after the request may have been sent: ambiguous for writes."""
    if isinstance(exc, OutriggerError):
        return exc
    what = f"{call.method} {call.path} to {where}"
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return Timeout(f"{what}: no answer in time", maybe_applied=call.write)
    return ConnectionLost(f"{what}: connection lost: {exc!r}", maybe_applied=call.write)
