"""Leader election: campaign, proclaim, resign, and observe the leader."""

import threading
from typing import Any, Callable, Optional

from . import _calls
from ._grant import Grant
from ._hold import Hold
from ._http import Transport
from ._streams import DEFAULT_IDLE_TIMEOUT, LeaderDecoder
from .errors import FailedPrecondition, NotFound
from .models import Leader
from .session import DEFAULT_TTL, Session
from .watch import Watch


def not_leader(name: str) -> FailedPrecondition:
    return FailedPrecondition(f"election {name!r}: not the leader (campaign first)")


class Election(Grant[threading.Event]):
    """One named election, as seen by one candidate.

    ``campaign(value)`` runs for leader on a session kept alive on a daemon thread
    (made for the campaign, or the ``session`` you gave); once elected, ``lost`` is
    set and ``on_lost(election)`` called if the session, and so the leadership, is
    lost. ``resign()`` hands leadership to the next candidate. ``leader()`` and
    ``observe()`` work without campaigning.
    """

    def __init__(
        self,
        transport: Transport,
        name: str,
        *,
        ttl: int = DEFAULT_TTL,
        on_lost: Optional[Callable[["Election"], Any]] = None,
        session: Optional[Session] = None,
    ) -> None:
        super().__init__(name, ttl, on_lost, session, threading.Event)
        self._transport = transport
        self.term: Optional[int] = None

    @property
    def is_leader(self) -> bool:
        """Whether this candidate won and its session is not known to be lost."""
        return self._active()

    def _resign_call(self, session_id: int) -> bool:
        return self._transport.call(_calls.election_resign(self.name, session_id))

    def campaign(self, value: str, *, wait: Optional[float] = None) -> bool:
        """Runs for leader with ``value``; True once elected, False if not within
        ``wait`` seconds (None: as long as it takes). Campaigning again while leader
        keeps the leadership and sets the value."""

        def attempt(session_id: int, round_wait: float) -> Any:
            return self._transport.call(_calls.election_campaign(self.name, value, session_id, round_wait))

        if self._hold is not None:
            return bool(attempt(self._hold.session.id, 0).elected)
        self._begin()
        hold = Hold(self._transport, self.ttl, self._given, self._resign_call, self._session_lost)
        result = hold.wait_in_line(wait, attempt, lambda r: bool(r.elected))
        if result is None:
            return False
        self.term = result.term
        self._hold = hold
        return True

    def proclaim(self, value: str) -> Leader:
        """Changes the leader's value; FailedPrecondition when not the leader."""
        session = self._hold.session if self._hold is not None else self._given
        if session is None:
            raise not_leader(self.name)
        return self._transport.call(_calls.election_proclaim(self.name, value, session.id))

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
