"""What a lock and a leadership hold, in both flavours (blocking and asyncio): a name,
the session behind the grant (given, or made for it), the signal that it was lost,
and the fencing token or term. The flavours add only the calls."""

from typing import Any, Callable, ClassVar, Generic, Optional, TypeVar

from ._liveness import DEFAULT_TTL
from .errors import FailedPrecondition, LockNotAcquired, NotFound
from .models import CampaignResult, LockGrant

E = TypeVar("E")  # threading.Event or asyncio.Event
T = TypeVar("T")  # the transport: Transport or AsyncTransport


def not_acquired(name: str, wait: Optional[float], lost: bool) -> LockNotAcquired:
    """The error for a lock that was not granted."""
    if lost:
        return LockNotAcquired(f"lock {name!r}: the session was lost while acquiring")
    if wait:
        return LockNotAcquired(f"lock {name!r} not acquired within {wait:g}s")
    return LockNotAcquired(f"lock {name!r} is held by another session")


class Grant(Generic[E, T]):
    """The state of one lock or leadership held through a session."""

    new_event: ClassVar[Callable[[], Any]]

    def __init__(
        self,
        transport: T,
        name: str,
        *,
        ttl: int = DEFAULT_TTL,
        on_lost: Optional[Callable[[Any], Any]] = None,
        session: Optional[Any] = None,
    ) -> None:
        self._transport = transport
        self.name = name
        self.ttl = ttl
        self.on_lost = on_lost
        self._given = session
        self._hold: Optional[Any] = None
        self._lost: Optional[E] = None

    @property
    def session_id(self) -> Optional[int]:
        """The id of the session holding the grant, None when not held."""
        return None if self._hold is None else int(self._hold.session.id)

    @property
    def lost(self) -> E:
        """Set when the grant (of the latest acquire or campaign) was lost with its session."""
        if self._lost is None:
            self._lost = type(self).new_event()
        return self._lost

    def _active(self) -> bool:
        return self._hold is not None and not self.lost.is_set()  # type: ignore[attr-defined]

    def _session_lost(self) -> Any:
        """Called when the session is lost: sets ``lost``, then calls ``on_lost(self)``
        (its result is awaited by the async session when it is awaitable)."""
        self.lost.set()  # type: ignore[attr-defined]
        return None if self.on_lost is None else self.on_lost(self)

    def _begin(self) -> None:
        """Prepares a new acquire or campaign: a fresh ``lost`` signal."""
        if self._hold is not None:
            raise RuntimeError(f"{self.name!r} is already held by this object")
        self._lost = type(self).new_event()

    def _take_hold(self) -> Optional[Any]:
        """The hold to end (and forget), None when not held."""
        hold, self._hold = self._hold, None
        return hold


class LockState(Grant[E, T]):
    """A lock's state: the wait, and the fencing token of the grant."""

    def __init__(
        self,
        transport: T,
        name: str,
        *,
        ttl: int = DEFAULT_TTL,
        wait: Optional[float] = None,
        on_lost: Optional[Callable[[Any], Any]] = None,
        session: Optional[Any] = None,
    ) -> None:
        super().__init__(transport, name, ttl=ttl, on_lost=on_lost, session=session)
        self.wait = wait
        self.fencing_token: Optional[int] = None

    @property
    def held(self) -> bool:
        """Whether the lock is held and its session not known to be lost."""
        return self._active()

    def _not_found_while_acquiring(self, exc: NotFound, hold: Any) -> BaseException:
        """A NOT_FOUND from acquire is a lost session when the keep-alives say so."""
        return not_acquired(self.name, self.wait, lost=True) if hold.session.lost.is_set() else exc

    def _keep(self, grant: Optional[LockGrant], hold: Any) -> None:
        """Keeps a granted lock, or raises LockNotAcquired."""
        if grant is None:
            raise not_acquired(self.name, self.wait, hold.session.lost.is_set())
        self.fencing_token = grant.fencing_token
        self._hold = hold


class ElectionState(Grant[E, T]):
    """A candidate's state: the term of its leadership."""

    term: Optional[int] = None
    """The leader key's create revision once elected; grows with every new leader."""

    @property
    def is_leader(self) -> bool:
        """Whether this candidate won and its session is not known to be lost."""
        return self._active()

    def _keep(self, result: Optional[CampaignResult], hold: Any) -> bool:
        """Keeps a won leadership; False when not elected."""
        if result is None:
            return False
        self.term = result.term
        self._hold = hold
        return True

    def _leader_session_id(self) -> int:
        """The session to proclaim with; FailedPrecondition when there is none."""
        session = self._hold.session if self._hold is not None else self._given
        if session is None:
            raise FailedPrecondition(f"election {self.name!r}: not the leader (campaign first)")
        return int(session.id)
