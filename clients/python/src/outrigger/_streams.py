"""Reading watch and observe streams without doing I/O: decoding lines, tracking the
revision to resume from, telling transient failures from fatal ones, and backing off.
The sync and asyncio watches drive these with their own sockets."""

import json
import logging
import random
from collections import deque
from typing import Any, Callable, Deque, Generic, List, Optional, TypeVar

from ._calls import Call
from .errors import (
    Cancelled,
    ConnectionLost,
    DeadlineExceeded,
    OutriggerError,
    ProtocolError,
    ResourceExhausted,
    Unavailable,
    error_from_envelope,
)
from .events import ConfigEvent, ConfigResync, InstanceEvent, InstancesResync
from .models import Leader, as_int, as_list, as_obj, leader_or_none

log = logging.getLogger("outrigger")

Item = TypeVar("Item")
Event = TypeVar("Event")
Resync = TypeVar("Resync")

TRANSIENT = (Unavailable, DeadlineExceeded, ResourceExhausted, Cancelled)
"""Errors after which a stream is opened again; any other error ends it."""


def is_transient(exc: BaseException) -> bool:
    """Whether a stream should reconnect after this failure rather than raise it."""
    if isinstance(exc, OutriggerError):
        return isinstance(exc, TRANSIENT)
    return isinstance(exc, (OSError, EOFError))


def parse_line(raw: bytes) -> Any:
    """One stream line as JSON; an ``error`` line raises its typed error."""
    try:
        obj = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProtocolError(f"stream line is not JSON: {raw[:200]!r}") from exc
    line = as_obj(obj)
    if line.get("error") is not None:
        raise error_from_envelope(line["error"])
    return line


class Decoder(Generic[Item]):
    """Turns stream lines into items and knows where to resume."""

    def resume_from(self) -> Optional[int]:
        """The start revision to ask for when (re)opening the stream."""
        raise NotImplementedError

    def feed(self, line: Any) -> List[Item]:
        """The items one decoded line delivers (often none)."""
        raise NotImplementedError


class RevisionDecoder(Decoder[Any], Generic[Event, Resync]):
    """Decodes a revision-ordered watch (config or registry).

    Remembers the last revision fully delivered, so a reopened stream starts right
    after it: nothing is missed and, as a batch is never delivered twice, nothing repeats.
    """

    def __init__(
        self,
        start_revision: Optional[int],
        parse_event: Callable[[Any, int], Event],
        parse_resync: Callable[[Any], Resync],
    ) -> None:
        self.last_revision: Optional[int] = start_revision - 1 if start_revision else None
        self._parse_event = parse_event
        self._parse_resync = parse_resync

    def resume_from(self) -> Optional[int]:
        return None if self.last_revision is None else self.last_revision + 1

    def _advance(self, revision: int) -> None:
        if self.last_revision is None or revision > self.last_revision:
            self.last_revision = revision

    def feed(self, line: Any) -> List[Any]:
        if line.get("progressRevision") is not None:
            self._advance(as_int(line["progressRevision"]))
            return []
        if line.get("resync") is not None:
            resync = self._parse_resync(line["resync"])
            self.last_revision = as_int(as_obj(line["resync"]).get("revision"))
            return [resync]
        revision = as_int(line.get("revision"))
        if self.last_revision is not None and revision <= self.last_revision:
            return []
        self._advance(revision)
        return [self._parse_event(event, revision) for event in as_list(line.get("events"))]


class LeaderDecoder(Decoder[Optional[Leader]]):
    """Decodes an election's observe stream into leader changes (None: no leader).

    A reopened stream starts with the current leader; it is delivered only if it
    differs from the last one delivered.
    """

    _UNSET = object()

    def __init__(self) -> None:
        self._last: Any = self._UNSET
        self.last_revision: Optional[int] = None

    def resume_from(self) -> Optional[int]:
        return None

    def feed(self, line: Any) -> List[Optional[Leader]]:
        if line.get("progressRevision") is not None:
            self.last_revision = as_int(line["progressRevision"])
            return []
        leader = leader_or_none(line.get("leader"))
        self.last_revision = as_int(line.get("revision"))
        if leader == self._last:
            return []
        self._last = leader
        return [leader]


class Backoff:
    """Exponential backoff with jitter between reconnects; reset once a stream works."""

    def __init__(self, first: float = 0.1, most: float = 5.0) -> None:
        self._first = first
        self._most = most
        self._next = first

    def reset(self) -> None:
        self._next = self._first

    def delay(self) -> float:
        """The pause before the next attempt; each call doubles the following one."""
        current = self._next
        self._next = min(self._most, self._next * 2)
        return current * (0.5 + random.random() / 2)


DEFAULT_IDLE_TIMEOUT = 30.0
"""Seconds without any line after which a stream counts as dead and is reopened
(the sidecar sends a progress line every ``--progress-interval``, 5 s by default)."""


def config_decoder(start_revision: Optional[int]) -> "RevisionDecoder[ConfigEvent, ConfigResync]":
    """The decoder of a config watch."""
    return RevisionDecoder(
        start_revision, lambda e, rev: ConfigEvent.from_json(e, revision=rev), ConfigResync.from_json
    )


def instances_decoder(start_revision: Optional[int]) -> "RevisionDecoder[InstanceEvent, InstancesResync]":
    """The decoder of a registry watch."""
    return RevisionDecoder(
        start_revision, lambda e, rev: InstanceEvent.from_json(e, revision=rev), InstancesResync.from_json
    )


class WatchCore(Generic[Item]):
    """The I/O-free part of a watch, shared by the blocking and asyncio ones: the
    decoder, the items not yet handed out, the open stream, the closed signal, the
    backoff, and what a failure means."""

    def __init__(
        self,
        target: Callable[[Optional[int]], "Call[Any]"],
        decoder: "Decoder[Item]",
        idle_timeout: float,
        closed: Any,
    ) -> None:
        self.target = target
        self.decoder = decoder
        self.idle_timeout = idle_timeout
        self.closed = closed  # a threading.Event or an asyncio.Event
        self.pending: Deque[Item] = deque()
        self.stream: Optional[Any] = None
        self.backoff = Backoff()

    @property
    def revision(self) -> Optional[int]:
        """The last revision whose changes were all received (None before any)."""
        return getattr(self.decoder, "last_revision", None)

    def next_call(self) -> "Call[Any]":
        """The call that (re)opens the stream where it left off."""
        return self.target(self.decoder.resume_from())

    def take(self, raw: Optional[bytes]) -> None:
        """Takes one line read from the stream (None: the stream ended)."""
        if raw is None:
            raise ConnectionLost("stream ended (sidecar stopped?)")
        self.pending.extend(self.decoder.feed(parse_line(raw)))
        self.backoff.reset()

    def drop_stream(self) -> None:
        stream, self.stream = self.stream, None
        if stream is not None:
            stream.close()

    def close(self) -> None:
        """Ends the watch; an iteration blocked on the stream wakes up and stops."""
        self.closed.set()
        self.drop_stream()

    def after_failure(self, exc: Exception) -> Optional[float]:
        """Drops the stream after ``exc``; returns the pause before reopening it, or
        None when the watch was closed. Raises ``exc`` when reopening cannot cure it."""
        self.drop_stream()
        if self.closed.is_set():
            return None
        if not is_transient(exc):
            self.closed.set()
            raise exc
        delay = self.backoff.delay()
        log.warning(
            "outrigger watch: %s; reconnecting in %.2fs from revision %s", exc, delay, self.decoder.resume_from()
        )
        return delay
