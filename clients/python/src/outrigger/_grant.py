"""What a lock and a leadership share, in both flavours: a name, the session behind
the grant (given or made for it), and the signal that it was lost."""

from typing import Any, Callable, Generic, Optional, TypeVar

E = TypeVar("E")  # threading.Event or asyncio.Event


class Grant(Generic[E]):
    """The state of one lock or leadership held through a session."""

    def __init__(
        self,
        name: str,
        ttl: int,
        on_lost: Optional[Callable[[Any], Any]],
        session: Optional[Any],
        new_event: Callable[[], E],
    ) -> None:
        self.name = name
        self.ttl = ttl
        self.on_lost = on_lost
        self._given = session
        self._hold: Optional[Any] = None
        self._new_event = new_event
        self._lost: Optional[E] = None

    @property
    def session_id(self) -> Optional[int]:
        """The id of the session holding the grant, None when not held."""
        return None if self._hold is None else int(self._hold.session.id)

    @property
    def lost(self) -> E:
        """Set when the grant (of the latest acquire or campaign) was lost with its session."""
        if self._lost is None:
            self._lost = self._new_event()
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
        self._lost = self._new_event()

    def _take_hold(self) -> Optional[Any]:
        """The hold to end (and forget), None when not held."""
        hold, self._hold = self._hold, None
        return hold
