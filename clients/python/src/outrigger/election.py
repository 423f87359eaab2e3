"""Leader election: campaign, proclaim, resign, and observe the leader."""

import threading
from typing import Any, Optional

from . import _calls
from ._grant import ElectionState
from ._hold import Hold
from ._http import Transport
from ._streams import DEFAULT_IDLE_TIMEOUT, LeaderDecoder
from .errors import NotFound
from .models import CampaignResult, Leader
from .watch import Watch


class Election(ElectionState[threading.Event, Transport]):
    """One named election, as seen by one candidate.

    ``campaign(value)`` runs for leader on a session kept alive on a daemon thread
    (made for the campaign, or the ``session`` you gave); once elected, ``lost`` is
    set and ``on_lost(election)`` called if the session, and so the leadership, is
    lost. ``resign()`` hands leadership to the next candidate. ``leader()`` and
    ``observe()`` work without campaigning.
    """

    new_event = threading.Event

    def _resign_call(self, session_id: int) -> bool:
        return self._transport.call(_calls.election_resign(self.name, session_id))

    def campaign(self, value: str, *, wait: Optional[float] = None) -> bool:
        """Runs for leader with ``value``; True once elected, False if not within
        ``wait`` seconds (None: as long as it takes). Campaigning again while leader
        keeps the leadership and sets the value."""

        def attempt(session_id: int, round_wait: float) -> CampaignResult:
            return self._transport.call(_calls.election_campaign(self.name, value, session_id, round_wait))

        if self._hold is not None:
            return bool(attempt(self._hold.session.id, 0).elected)
        self._begin()
        hold = Hold(self._transport, self.ttl, self._given, self._resign_call, self._session_lost)
        return self._keep(hold.wait_in_line(wait, attempt, lambda r: bool(r.elected)), hold)

    def proclaim(self, value: str) -> Leader:
        """Changes the leader's value; FailedPrecondition when not the leader."""
        return self._transport.call(_calls.election_proclaim(self.name, value, self._leader_session_id()))

    def resign(self) -> bool:
        """Gives up leadership (next candidate takes over); False when not leader."""
        hold = self._take_hold()
        if hold is None:
            return False
        hold.end(quiet=False)
        return True

    def leader(self) -> Optional[Leader]:
        """The current leader, None when there is none."""
        try:
            return self._transport.call(_calls.election_leader(self.name))
        except NotFound:
            return None

    def observe(self, *, idle_timeout: float = DEFAULT_IDLE_TIMEOUT) -> "Watch[Optional[Leader]]":
        """A watch of the leader: the current one first, then every change (None: no leader)."""
        return Watch(self._transport, _calls.election_observe_target(self.name), LeaderDecoder(), idle_timeout)

    def __enter__(self) -> "Election":
        return self

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        hold = self._take_hold()
        if hold is not None:
            hold.end(quiet=exc_type is not None)
