"""Async sessions, kept alive by a task, telling their owner when they are lost."""

import asyncio
import inspect
import logging
import time
from typing import Any, Callable, List, Optional

from .. import _calls
from .._liveness import DEFAULT_TTL, Liveness
from ..errors import OutriggerError
from ._http import AsyncTransport

log = logging.getLogger("outrigger")

Listener = Callable[["AsyncSession"], Any]


class AsyncSession:
    """A session kept alive every ``ttl/3`` by a task of the running loop.

    ``lost`` (an ``asyncio.Event``) is set and the listeners called when a keep-alive
    answers 404 or none succeeded for longer than the TTL. Create it with
    ``await client.session(...)``; ``await close()`` deletes it.
    """

    def __init__(self, transport: AsyncTransport, session_id: int, ttl: int, sent_at: float) -> None:
        self._transport = transport
        self.id = session_id
        self.ttl = ttl
        self.lost = asyncio.Event()
        self.lost_reason: Optional[str] = None
        self._listeners: List[Listener] = []
        self._liveness = Liveness(session_id, ttl, sent_at, transport.settings.timeout)
        self._task = asyncio.get_running_loop().create_task(self._keep_alive())

    @classmethod
    async def create(
        cls, transport: AsyncTransport, ttl: int = DEFAULT_TTL, on_lost: Optional[Listener] = None
    ) -> "AsyncSession":
        """Creates a session on the sidecar and starts keeping it alive."""
        sent_at = time.monotonic()
        info = await transport.call(_calls.session_create(ttl))
        session = cls(transport, info.id, info.ttl_seconds or ttl, sent_at)
        if on_lost is not None:
            session.add_lost_listener(on_lost)
        return session

    async def _keep_alive(self) -> None:
        live = self._liveness
        while live.lost_reason is None:
            await asyncio.sleep(live.sleep_time(time.monotonic()))
            sent_at = time.monotonic()
            timeout = live.keepalive_timeout(sent_at)
            if timeout is None:
                continue
            error: Optional[OutriggerError] = None
            try:
                await self._transport.call(_calls.session_keepalive(self.id), timeout=timeout)
            except OutriggerError as exc:
                error = exc
            live.record(sent_at, time.monotonic(), error)
        await self._declare_lost(live.lost_reason)

    async def _declare_lost(self, reason: str) -> None:
        self.lost_reason = reason
        log.warning("outrigger session %d lost: %s", self.id, reason)
        self.lost.set()
        for listener in list(self._listeners):
            try:
                result = listener(self)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                log.exception("outrigger session %d: on_lost callback failed", self.id)

    def add_lost_listener(self, listener: Listener) -> None:
        """Calls ``listener(session)`` (awaited if it returns an awaitable) when lost."""
        self._listeners.append(listener)

    def remove_lost_listener(self, listener: Listener) -> None:
        """Stops calling a listener added before (no-op when it is not there)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    @property
    def alive(self) -> bool:
        """Whether the session is kept alive and not known to be lost."""
        return not self.lost.is_set() and not self._task.done()

    async def close(self, delete: bool = True) -> None:
        """Stops the keep-alives and (by default) deletes the session at once."""
        self._task.cancel()
        await asyncio.wait([self._task])
        if not delete:
            return
        try:
            await self._transport.call(_calls.session_delete(self.id))
        except OutriggerError:
            if not self.lost.is_set():
                raise

    async def __aenter__(self) -> "AsyncSession":
        return self

    async def __aexit__(self, exc_type: Any, *rest: Any) -> None:
        await close_quietly(self, exc_type is not None)


async def close_quietly(session: AsyncSession, quiet: bool) -> None:
    """Closes a session; with ``quiet``, a failure is logged rather than raised."""
    try:
        await session.close()
    except OutriggerError as exc:
        if not quiet:
            raise
        log.warning("outrigger session %d: delete failed: %s", session.id, exc)
