"""Async leader election, as :class:`outrigger.Election`."""

import asyncio
from typing import Any, Callable, Optional

from .. import _calls
from .._streams import DEFAULT_IDLE_TIMEOUT, LeaderDecoder
from ..errors import FailedPrecondition, NotFound
from ..models import Leader
from ..session import DEFAULT_TTL
from ._hold import AsyncHold
from ._http import AsyncTransport
from .session import AsyncSession
from .watch import AsyncWatch


class AsyncElection:
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
        self._transport = transport
        self.name = name
        self.ttl = ttl
        self.on_lost = on_lost
        self.term: Optional[int] = None
        self._given = session
        self._hold: Optional[AsyncHold] = None
        self._lost: Optional[asyncio.Event] = None

    @property
    def session_id(self) -> Optional[int]:
        """The campaigning session's id, None when not leader."""
        return None if self._hold is None else self._hold.session.id

    @property
    def lost(self) -> asyncio.Event:
        """Set when the leadership (of the latest campaign) was lost with its session."""
        if self._lost is None:
            self._lost = asyncio.Event()
        return self._lost

    @property
    def is_leader(self) -> bool:
        return self._hold is not None and not self.lost.is_set()

    def _session_lost(self) -> Any:
        self.lost.set()
        return None if self.on_lost is None else self.on_lost(self)

    async def _resign_call(self, session_id: int) -> bool:
        return await self._transport.call(_calls.election_resign(self.name, session_id))

    async def campaign(self, value: str, *, wait: Optional[float] = None) -> bool:
        """Runs for leader with ``value``; True once elected, False if not within
        ``wait`` seconds (None: as long as it takes)."""

        async def attempt(session_id: int, round_wait: float) -> Any:
            return await self._transport.call(_calls.election_campaign(self.name, value, session_id, round_wait))

        if self._hold is not None:
            return bool((await attempt(self._hold.session.id, 0)).elected)
        self._lost = asyncio.Event()
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
            raise FailedPrecondition(f"election {self.name!r}: not the leader (campaign first)")
        return await self._transport.call(_calls.election_proclaim(self.name, value, session.id))

    async def resign(self) -> bool:
        """Gives up leadership; False when not leader."""
        hold, self._hold = self._hold, None
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
        return await AsyncWatch.open(
            self._transport, _calls.election_observe_target(self.name), LeaderDecoder(), idle_timeout
        )

    async def __aenter__(self) -> "AsyncElection":
        return self

    async def __aexit__(self, exc_type: Any, *rest: Any) -> None:
        hold, self._hold = self._hold, None
        if hold is not None:
            await hold.end(quiet=exc_type is not None)
