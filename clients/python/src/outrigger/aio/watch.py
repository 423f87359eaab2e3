"""Async watches: the same resuming, never-silent behaviour as the blocking ones."""

import asyncio
import inspect
import logging
from typing import Any, Callable, Generic, Optional, TypeVar

from .._calls import Call
from .._streams import Decoder, WatchCore
from ._http import AsyncTransport

log = logging.getLogger("outrigger")

Item = TypeVar("Item")


class AsyncWatch(Generic[Item]):
    """An open watch; ``async for`` it, ``close()`` it when done.

    In place once awaited; reconnects with backoff after disconnects, restarts and
    quiet streams, resuming after the last revision delivered; raises errors that
    reconnecting cannot cure. See :class:`outrigger.watch.Watch`.
    """

    def __init__(
        self,
        transport: AsyncTransport,
        target: Callable[[Optional[int]], "Call[Any]"],
        decoder: "Decoder[Item]",
        idle_timeout: float,
    ) -> None:
        self._transport = transport
        self._core = WatchCore(target, decoder, idle_timeout, asyncio.Event())

    @classmethod
    async def open(
        cls,
        transport: AsyncTransport,
        target: Callable[[Optional[int]], "Call[Any]"],
        decoder: "Decoder[Item]",
        idle_timeout: float,
    ) -> "AsyncWatch[Item]":
        """Opens the stream and waits for its first line: the watch is in place."""
        watch = cls(transport, target, decoder, idle_timeout)
        await watch._open()
        return watch

    @property
    def revision(self) -> Optional[int]:
        """The last revision whose changes were all received (None before any)."""
        return self._core.revision

    async def _open(self) -> None:
        self._core.stream = await self._transport.open_stream(self._core.next_call())
        await self._read_line()

    async def _read_line(self) -> None:
        stream = self._core.stream
        assert stream is not None
        self._core.take(await stream.read_line(self._core.idle_timeout))

    def __aiter__(self) -> "AsyncWatch[Item]":
        return self

    async def __anext__(self) -> Item:
        core = self._core
        while not core.pending:
            if core.closed.is_set():
                raise StopAsyncIteration
            try:
                await (self._read_line() if core.stream is not None else self._open())
            except Exception as exc:
                delay = core.after_failure(exc)
                if delay is None:
                    raise StopAsyncIteration from None
                try:
                    await asyncio.wait_for(core.closed.wait(), delay)
                except asyncio.TimeoutError:
                    pass
        return core.pending.popleft()

    def in_background(
        self, callback: Callable[[Item], Any], on_error: Optional[Callable[[BaseException], Any]] = None
    ) -> "AsyncSubscription[Item]":
        """Calls ``callback`` (a function or a coroutine function) with every change in a task."""
        return AsyncSubscription(self, callback, on_error)

    def close(self) -> None:
        """Ends the watch; a pending iteration stops."""
        self._core.close()

    async def __aenter__(self) -> "AsyncWatch[Item]":
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        self.close()


async def _call_maybe_async(fn: Callable[[Any], Any], arg: Any) -> None:
    result = fn(arg)
    if inspect.isawaitable(result):
        await result


class AsyncSubscription(Generic[Item]):
    """A watch whose changes go to a callback in a task; errors go to ``on_error``
    (or the log), are kept in ``error`` and raised by ``join()``."""

    def __init__(
        self,
        watch: AsyncWatch[Item],
        callback: Callable[[Item], Any],
        on_error: Optional[Callable[[BaseException], Any]],
    ) -> None:
        self.watch = watch
        self.error: Optional[BaseException] = None
        self._callback = callback
        self._on_error = on_error
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def _run(self) -> None:
        try:
            async for item in self.watch:
                await _call_maybe_async(self._callback, item)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # reported, never swallowed
            self.error = exc
            self.watch.close()
            if self._on_error is not None:
                await _call_maybe_async(self._on_error, exc)
            else:
                log.error("outrigger watch stopped: %r", exc)

    @property
    def running(self) -> bool:
        """Whether the callback task still runs."""
        return not self._task.done()

    async def join(self) -> None:
        """Waits for the subscription to end; raises the error that ended it."""
        await asyncio.shield(self._task)
        if self.error is not None:
            raise self.error

    async def stop(self) -> None:
        """Closes the watch and waits for the task to end."""
        self.watch.close()
        await asyncio.wait([self._task])

    async def __aenter__(self) -> "AsyncSubscription[Item]":
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.stop()
