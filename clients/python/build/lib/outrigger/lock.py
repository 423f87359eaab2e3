"""Locks held by a kept-alive session, with fencing tokens and loss notification."""

import threading
from typing import Any, Callable, Optional

from . import _calls
from ._http import Transport
from .errors import LockNotAcquired, NotFound
from .session import DEFAULT_TTL, Session, close_quietly

LostCallback = Callable[[Any], Any]


def not_acquired(name: str, wait: Optional[float], lost: bool) -> LockNotAcquired:
    """The error for a lock that was not granted."""
    if lost:
        return LockNotAcquired(f"lock {name!r}: the session was lost while acquiring")
    return LockNotAcquired(f"lock {name!r} not acquired within {wait:g}s" if wait else f"lock {name!r} is held by another session")


class Lock:
    """A named lock. Use it as ``with client.lock("name", ttl=15, wait=5) as lock:``.

    Entering the block acquires the lock or raises :class:`LockNotAcquired`; the
    block never runs without it. While held, the lock's session is kept alive on a
    daemon thread; ``lost`` (a ``threading.Event``) is set and ``on_lost(lock)`` is
    called when the session is lost, which means the lock is no longer held. Pass
    ``fencing_token`` with every write the lock protects (``config.put(...,
    if_lock_held=lock)`` checks it in the same etcd transaction as the write).
    Leaving the block releases the lock by deleting its session.
    """

    def __init__(
        self,
        transport: Transport,
        name: str,
        *,
        ttl: int = DEFAULT_TTL,
        wait: Optional[float] = None,
        on_lost: Optional[LostCallback] = None,
    ) -> None:
        self._transport = transport
        self.name = name
        self.ttl = ttl
        self.wait = wait
        self.on_lost = on_lost
        self.fencing_token: Optional[int] = None
        self._session: Optional[Session] = None
        self._lost = threading.Event()

    @property
    def session_id(self) -> Optional[int]:
        """The id of the session that holds the lock, None when not held."""
        return None if self._session is None else self._session.id

    @property
    def lost(self) -> threading.Event:
        """Set when the lock (of the latest acquire) was lost with its session."""
        return self._lost

    @property
    def held(self) -> bool:
        """Whether the lock is held and its session not known to be lost."""
        return self._session is not None and not self._session.lost.is_set()

    def _session_lost(self, _session: Session) -> None:
        if self.on_lost is not None:
            self.on_lost(self)

    def acquire(self) -> "Lock":
        """Acquires the lock, waiting up to ``wait`` seconds (None: as long as it takes).

        Raises :class:`LockNotAcquired` when it was not granted in time.
        """
        if self._session is not None:
            raise RuntimeError(f"lock {self.name!r} is already held by this object")
        session = Session(self._transport, self.ttl, on_lost=self._session_lost)
        try:
            for wait in _calls.server_waits(self.wait):
                grant = self._transport.call(_calls.lock_acquire(self.name, session.id, wait))
                if grant.acquired or session.lost.is_set():
                    break
        except BaseException as exc:
            close_quietly(session, quiet=True)
            if isinstance(exc, NotFound) and session.lost.is_set():
                raise not_acquired(self.name, self.wait, lost=True) from exc
            raise
        if not grant.acquired or session.lost.is_set():
            close_quietly(session, quiet=True)
            raise not_acquired(self.name, self.wait, session.lost.is_set())
        self.fencing_token = grant.fencing_token
        self._lost = session.lost
        self._session = session
        return self

    def release(self) -> None:
        """Releases the lock at once by deleting its session (no-op when not held)."""
        session, self._session = self._session, None
        if session is not None:
            session.close()

    def __enter__(self) -> "Lock":
        if self._session is None:
            self.acquire()
        return self

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        session, self._session = self._session, None
        if session is not None:
            close_quietly(session, quiet=exc_type is not None)
