"""Watches that never stop silently: an iterator over changes that reopens its stream
after any disconnect or sidecar restart, resuming by revision, and a callback form
that runs the iterator on a daemon thread."""

import logging
import threading
from typing import Any, Callable, Generic, Iterator, Optional, TypeVar

from ._calls import Call
from ._http import Transport
from ._streams import Decoder, WatchCore

log = logging.getLogger("outrigger")

Item = TypeVar("Item")


class Watch(Generic[Item]):
    """An open watch; iterate it for changes, ``close()`` it when done.

    The stream is in place when the watch is returned: a change made after that is
    delivered. After a disconnect, a sidecar restart or a quiet stream, it reconnects
    with backoff from the revision after the last one delivered, so nothing is missed
    or repeated. Errors that reconnecting cannot cure (bad argument, wrong token) are
    raised from the iteration; the iteration ends only after ``close()``.
    """

    def __init__(
        self,
        transport: Transport,
        target: Callable[[Optional[int]], "Call[Any]"],
        decoder: "Decoder[Item]",
        idle_timeout: float,
    ) -> None:
        self._transport = transport
        self._core = WatchCore(target, decoder, idle_timeout, threading.Event())
        self._open()

    @property
    def revision(self) -> Optional[int]:
        """The last revision whose changes were all received (None before any)."""
        return self._core.revision

    def _open(self) -> None:
        self._core.stream = self._transport.open_stream(self._core.next_call())
        self._read_line()

    def _read_line(self) -> None:
        stream = self._core.stream
        assert stream is not None
        self._core.take(stream.read_line(self._core.idle_timeout))

    def __iter__(self) -> Iterator[Item]:
        return self

    def __next__(self) -> Item:
        core = self._core
        while not core.pending:
            if core.closed.is_set():
                raise StopIteration
            try:
                self._read_line() if core.stream is not None else self._open()
            except Exception as exc:
                delay = core.after_failure(exc)
                if delay is None:
                    raise StopIteration from None
                core.closed.wait(delay)
        return core.pending.popleft()

    def in_background(
        self, callback: Callable[[Item], Any], on_error: Optional[Callable[[BaseException], Any]] = None
    ) -> "Subscription[Item]":
        """Calls ``callback`` with every change on a daemon thread (the callback form)."""
        return Subscription(self, callback, on_error)

    def close(self) -> None:
        """Ends the watch; a blocked iteration in another thread stops."""
        self._core.close()

    def __enter__(self) -> "Watch[Item]":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


class Subscription(Generic[Item]):
    """A watch whose changes go to a callback on a daemon thread.

    A fatal error (or an exception from the callback) ends it: ``on_error`` is called
    with it, or it is logged at ERROR level when there is no ``on_error``; ``error``
    holds it and ``join()`` raises it.
    """

    def __init__(
        self,
        watch: Watch[Item],
        callback: Callable[[Item], Any],
        on_error: Optional[Callable[[BaseException], Any]],
    ) -> None:
        self.watch = watch
        self.error: Optional[BaseException] = None
        self._callback = callback
        self._on_error = on_error
        self._thread = threading.Thread(target=self._run, name="outrigger-watch", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            for item in self.watch:
                self._callback(item)
        except BaseException as exc:  # reported, never swallowed
            self.error = exc
            self.watch.close()
            if self._on_error is not None:
                self._on_error(exc)
            else:
                log.error("outrigger watch stopped: %r", exc)

    @property
    def running(self) -> bool:
        """Whether the callback thread still runs."""
        return self._thread.is_alive()

    def join(self, timeout: Optional[float] = None) -> None:
        """Waits for the subscription to end; raises the error that ended it."""
        self._thread.join(timeout)
        if self.error is not None:
            raise self.error

    def stop(self, timeout: Optional[float] = 5.0) -> None:
        """Closes the watch and waits (up to ``timeout``) for the thread to end."""
        self.watch.close()
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    def __enter__(self) -> "Subscription[Item]":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()
