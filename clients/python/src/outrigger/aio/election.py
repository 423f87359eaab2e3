"""Async leader election, as :class:`outrigger.Election`."""

import asyncio
from typing import Any, Callable, Optional

from .. import _calls
from .._grant import Grant
from .._streams import DEFAULT_IDLE_TIMEOUT, LeaderDecoder
from ..election import not_leader
from ..errors import NotFound
from ..models import Leader
from ..session import DEFAULT_TTL
from ._hold import AsyncHold
from ._http import AsyncTransport
from .session import AsyncSession
from .watch import AsyncWatch


class AsyncElection(Grant[asyncio.Event]):
    """One named election, as seen by one candidate (see :class:`outrigger.Election`)."""

    def __init__(
        self,
        transport: AsyncTransport,
        name: str,
        *,
        ttl: int = DEFAULT_TTL,
        on_lost: Optional[Callable[["AsyncElection"], Any]] = None,
        session: Optional[AsyncSession] = None,
    ) -> None:
        super().__init__(name, ttl, on_lost, session, asyncio.Event)
        self._transport = transport
        self.term: Optional[int] = None

    @property
    def is_leader(self) -> bool:
        """Whether this candidate won and its session is not known to be lost."""
        return self._active()

    async def _resign_call(self, session_id: int) -> bool:
        return await self._transport.call(_calls.election_resign(self.name, session_id))

    async def campaign(self, value: str, *, wait: Optional[float] = None) -> bool:
        """Runs for leader with ``value``; True once elected, False if not within
        ``wait`` seconds (None: as long as it takes)."""

        async def attempt(session_id: int, round_wait: float) -> Any:
            return await self._transport.call(_calls.election_campaign(self.name, value, session_id, round_wait))

        if self._hold is not None:
            return bool((await attempt(self._hold.session.id, 0)).elected)
        self._begin()
        hold = await AsyncHold.start(self._transport, self.ttl, self._given, self._resign_call, self._session_lost)
        result = await hold.wait_in_line(wait, attempt, lambda r: bool(r.elected))
        if result is None:
            return False
        self.term = result.term
        self._hold = hold
        return True

    async def proclaim(self, value: str) -> Leader:
        """Changes the leader's value; FailedPrecondition when not the leader."""
        session = self._hold.session if self._hold is not None else self._given
        if session is None:
            raise not_leader(self.name)
        return await self._transport.call(_calls.election_proclaim(self.name, value, session.id))

    async def resign(self) -> bool:
        """Gives up leadership; False when not leader."""
        hold = self._take_hold()
        if hold is None:
            return False
        await hold.end(quiet=False)
        return True

    async def leader(self) -> Optional[Leader]:
        """The current leader, None when there is none."""
        try:
            return await self._transport.call(_calls.election_leader(self.name))
        except NotFound:
            return None

    async def observe(self, *, idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> "AsyncWatch[Optional[Leader]]":
        """A watch of the leader: the current one first, then every change."""
        target = _calls.election_observe_target(self.name)
        return await AsyncWatch.open(self._transport, target, LeaderDecoder(), idle_timeout)

    async def __aenter__(self) -> "AsyncElection":
        return self

    async def __aexit__(self, exc_type: Any, *rest: Any) -> None:
        hold = self._take_hold()
        if hold is not None:
            await hold.end(quiet=exc_type is not None)
