"""Leader election: campaign, proclaim, resign, and observe the leader."""

import threading
from typing import Any, Callable, Optional

from . import _calls
from ._http import Transport
from ._streams import DEFAULT_IDLE_TIMEOUT, LeaderDecoder
from .errors import FailedPrecondition, NotFound
from .models import Leader
from .session import DEFAULT_TTL, Session, close_quietly
from .watch import Watch


class Election:
    """One named election, as seen by one candidate.

    ``campaign(value)`` runs for leader on a session kept alive on a daemon thread;
    once elected, ``lost`` is set and ``on_lost(election)`` called if the session
    (and so the leadership) is lost. ``resign()`` hands leadership to the next
    candidate. ``leader()`` and ``observe()`` work without campaigning.
    """

    def __init__(
        self,
        transport: Transport,
        name: str,
        *,
        ttl: int = DEFAULT_TTL,
        on_lost: Optional[Callable[["Election"], Any]] = None,
    ) -> None:
        self._transport = transport
        self.name = name
        self.ttl = ttl
        self.on_lost = on_lost
        self.term: Optional[int] = None
        self._session: Optional[Session] = None
        self._lost = threading.Event()

    @property
    def session_id(self) -> Optional[int]:
        """The campaigning session's id, None when not leader."""
        return None if self._session is None else self._session.id

    @property
    def lost(self) -> threading.Event:
        """Set when the leadership (of the latest campaign) was lost with its session."""
        return self._lost

    @property
    def is_leader(self) -> bool:
        """Whether this candidate won and its session is not known to be lost."""
        return self._session is not None and not self._session.lost.is_set()

    def _session_lost(self, _session: Session) -> None:
        if self.on_lost is not None:
            self.on_lost(self)

    def campaign(self, value: str, *, wait: Optional[float] = None) -> bool:
        """Runs for leader with ``value``; True once elected, False if not within
        ``wait`` seconds (None: as long as it takes). Campaigning again while leader
        keeps the leadership and sets the value."""
        session = self._session or Session(self._transport, self.ttl, on_lost=self._session_lost)
        try:
            for round_wait in _calls.server_waits(wait):
                result = self._transport.call(_calls.election_campaign(self.name, value, session.id, round_wait))
                if result.elected or session.lost.is_set():
                    break
        except BaseException:
            if session is not self._session:
                close_quietly(session, quiet=True)
            raise
        if not result.elected or session.lost.is_set():
            if session is not self._session:
                close_quietly(session, quiet=True)
            return False
        self.term = result.term
        self._lost = session.lost
        self._session = session
        return True

    def proclaim(self, value: str) -> Leader:
        """Changes the leader's value; raises FailedPrecondition when not leader."""
        if self._session is None:
            raise FailedPrecondition(f"election {self.name!r}: not the leader (campaign first)")
        return self._transport.call(_calls.election_proclaim(self.name, value, self._session.id))

    def resign(self) -> bool:
        """Gives up leadership and ends the campaign's session; False when not leader."""
        session, self._session = self._session, None
        if session is None:
            return False
        try:
            return self._transport.call(_calls.election_resign(self.name, session.id))
        finally:
            session.close()

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
        session, self._session = self._session, None
        if session is not None:
            close_quietly(session, quiet=exc_type is not None)
