"""Async locks: ``async with client.lock("name", ttl=15, wait=5) as lock:``."""

import asyncio
from typing import Any

from .. import _calls
from .._grant import LockState
from ..errors import NotFound
from ..models import LockGrant
from ._hold import AsyncHold
from ._http import AsyncTransport


class AsyncLock(LockState[asyncio.Event, AsyncTransport]):
    """A named lock, as :class:`outrigger.Lock` but for asyncio.

    Entering the block acquires it or raises LockNotAcquired (the block never runs
    without it); the session is kept alive by a task; ``lost`` is an
    ``asyncio.Event``; ``on_lost(lock)`` may be a function or a coroutine function.
    """

    new_event = asyncio.Event

    async def _release_call(self, session_id: int) -> bool:
        return await self._transport.call(_calls.lock_release(self.name, session_id))

    async def _acquire_call(self, session_id: int, wait: float) -> LockGrant:
        return await self._transport.call(_calls.lock_acquire(self.name, session_id, wait))

    async def acquire(self) -> "AsyncLock":
        """Acquires the lock within ``wait`` seconds (None: as long as it takes), or
        raises LockNotAcquired."""
        self._begin()
        hold = await AsyncHold.start(self._transport, self.ttl, self._given, self._release_call, self._session_lost)
        try:
            grant = await hold.wait_in_line(self.wait, self._acquire_call, lambda g: bool(g.acquired))
        except NotFound as exc:
            raise self._not_found_while_acquiring(exc, hold) from exc
        self._keep(grant, hold)
        return self

    async def release(self) -> None:
        """Releases the lock at once (no-op when not held)."""
        hold = self._take_hold()
        if hold is not None:
            await hold.end(quiet=False)

    async def __aenter__(self) -> "AsyncLock":
        if self._hold is None:
            await self.acquire()
        return self

    async def __aexit__(self, exc_type: Any, *rest: Any) -> None:
        hold = self._take_hold()
        if hold is not None:
            await hold.end(quiet=exc_type is not None)
