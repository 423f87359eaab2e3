"""The asyncio client."""

from typing import Any, Callable, Optional

from .. import _calls
from .._liveness import DEFAULT_TTL
from .._settings import Settings
from ..errors import LockNotAcquired
from ..models import JSON, LockHolder
from ._http import AsyncTransport
from .apis import AsyncConfigAPI, AsyncRegistryAPI, AsyncSessionsAPI
from .election import AsyncElection
from .lock import AsyncLock
from .session import AsyncSession


class Client:
    """The asyncio flavour of :class:`outrigger.Client`, with the same surface.

    Calls are coroutines; watches are ``async`` iterators; locks are ``async with``
    blocks; sessions are kept alive by tasks of the running loop (so keep the loop
    free to run). Everything is plain asyncio streams, no thread.
    """

    def __init__(
        self, endpoint: Optional[str] = None, api_token: Optional[str] = None, timeout: Optional[float] = None
    ) -> None:
        self.settings = Settings.resolve(endpoint, api_token, timeout)
        self._transport = AsyncTransport(self.settings)
        self.config = AsyncConfigAPI(self._transport)
        self.sessions = AsyncSessionsAPI(self._transport)
        self.registry = AsyncRegistryAPI(self._transport)

    async def session(
        self, ttl: int = DEFAULT_TTL, on_lost: Optional[Callable[[AsyncSession], Any]] = None
    ) -> AsyncSession:
        """Creates a session kept alive by a task until ``await session.close()``."""
        return await AsyncSession.create(self._transport, ttl, on_lost)

    def lock(
        self,
        name: str,
        ttl: int = DEFAULT_TTL,
        wait: Optional[float] = None,
        on_lost: Optional[Callable[[AsyncLock], Any]] = None,
        session: Optional[AsyncSession] = None,
    ) -> AsyncLock:
        """A lock for ``async with``; LockNotAcquired when not granted within ``wait``."""
        return AsyncLock(self._transport, name, ttl=ttl, wait=wait, on_lost=on_lost, session=session)

    async def try_lock(
        self,
        name: str,
        ttl: int = DEFAULT_TTL,
        on_lost: Optional[Callable[[AsyncLock], Any]] = None,
        session: Optional[AsyncSession] = None,
    ) -> Optional[AsyncLock]:
        """Tries once: the held lock, or None."""
        try:
            return await self.lock(name, ttl, 0, on_lost, session).acquire()
        except LockNotAcquired:
            return None

    async def lock_holder(self, name: str, *, timeout: Optional[float] = None) -> LockHolder:
        """The current holder of a lock; NotFound when it is free."""
        return await self._transport.call(_calls.lock_holder(name), timeout)

    def election(
        self,
        name: str,
        ttl: int = DEFAULT_TTL,
        on_lost: Optional[Callable[[AsyncElection], Any]] = None,
        session: Optional[AsyncSession] = None,
    ) -> AsyncElection:
        """The election ``name``."""
        return AsyncElection(self._transport, name, ttl=ttl, on_lost=on_lost, session=session)

    async def cluster(self, *, timeout: Optional[float] = None) -> JSON:
        """The cluster's members and this sidecar's view of it."""
        return await self._transport.call(_calls.cluster_status(), timeout)

    async def close(self) -> None:
        """Closes the pooled connections."""
        self._transport.close()

    async def __aenter__(self) -> "Client":
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self.close()
