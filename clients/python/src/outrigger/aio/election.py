"""Async leader election, as :class:`outrigger.Election`."""

import asyncio
from typing import Any, Optional

from .. import _calls
from .._grant import ElectionState
from .._streams import DEFAULT_IDLE_TIMEOUT, LeaderDecoder
from ..errors import NotFound
from ..models import CampaignResult, Leader
from ._hold import AsyncHold
from ._http import AsyncTransport
from .watch import AsyncWatch


class AsyncElection(ElectionState[asyncio.Event, AsyncTransport]):
    """One named election, as seen by one candidate (see :class:`outrigger.Election`)."""

    new_event = asyncio.Event

    async def _resign_call(self, session_id: int) -> bool:
        return await self._transport.call(_calls.election_resign(self.name, session_id))

    async def campaign(self, value: str, *, wait: Optional[float] = None) -> bool:
        """Runs for leader with ``value``; True once elected, False if not within
        ``wait`` seconds (None: as long as it takes)."""

        async def attempt(session_id: int, round_wait: float) -> CampaignResult:
            return await self._transport.call(_calls.election_campaign(self.name, value, session_id, round_wait))

        if self._hold is not None:
            return bool((await attempt(self._hold.session.id, 0)).elected)
        self._begin()
        hold = await AsyncHold.start(self._transport, self.ttl, self._given, self._resign_call, self._session_lost)
        result = await hold.wait_in_line(wait, attempt, lambda r: bool(r.elected))
        return self._keep(result, hold)

    async def proclaim(self, value: str) -> Leader:
        """Changes the leader's value; FailedPrecondition when not the leader."""
        return await self._transport.call(_calls.election_proclaim(self.name, value, self._leader_session_id()))

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
