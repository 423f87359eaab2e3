"""Async locks: ``async with client.lock("name", ttl=15, wait=5) as lock:``."""

import asyncio
from typing import Any, Callable, Optional

from .. import _calls
from .._grant import Grant
from ..errors import NotFound
from ..lock import not_acquired
from ..session import DEFAULT_TTL
from ._hold import AsyncHold
from ._http import AsyncTransport
from .session import AsyncSession


class AsyncLock(Grant[asyncio.Event]):
    """A named lock, as :class:`outrigger.Lock` but for asyncio.

    Entering the block acquires it or raises LockNotAcquired (the block never runs
    without it); the session is kept alive by a task; ``lost`` is an
    ``asyncio.Event``; ``on_lost(lock)`` may be a function or a coroutine function.
    """

    def __init__(
        self,
        transport: AsyncTransport,
        name: str,
        *,
        ttl: int = DEFAULT_TTL,
        wait: Optional[float] = None,
        on_lost: Optional[Callable[["AsyncLock"], Any]] = None,
        session: Optional[AsyncSession] = None,
    ) -> None:
        super().__init__(name, ttl, on_lost, session, asyncio.Event)
        self._transport = transport
        self.wait = wait
        self.fencing_token: Optional[int] = None

    @property
    def held(self) -> bool:
        """Whether the lock is held and its session not known to be lost."""
        return self._active()

    async def _release_call(self, session_id: int) -> Any:
        return await self._transport.call(_calls.lock_release(self.name, session_id))

    async def _acquire_call(self, session_id: int, wait: float) -> Any:
        return await self._transport.call(_calls.lock_acquire(self.name, session_id, wait))

    async def acquire(self) -> "AsyncLock":
        """Acquires the lock within ``wait`` seconds (None: as long as it takes), or
        raises LockNotAcquired."""
        self._begin()
        hold = await AsyncHold.start(self._transport, self.ttl, self._given, self._release_call, self._session_lost)
        try:
            grant = await hold.wait_in_line(self.wait, self._acquire_call, lambda g: bool(g.acquired))
        except NotFound as exc:
            if hold.session.lost.is_set():
                raise not_acquired(self.name, self.wait, lost=True) from exc
            raise
        if grant is None:
            raise not_acquired(self.name, self.wait, hold.session.lost.is_set())
        self.fencing_token = grant.fencing_token
        self._hold = hold
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
