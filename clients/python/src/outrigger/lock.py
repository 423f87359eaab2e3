"""Locks held by a kept-alive session, with fencing tokens and loss notification."""

import threading
from typing import Any, Callable, Optional

from . import _calls
from ._grant import Grant
from ._hold import Hold
from ._http import Transport
from .errors import LockNotAcquired, NotFound
from .session import DEFAULT_TTL, Session

LostCallback = Callable[[Any], Any]


def not_acquired(name: str, wait: Optional[float], lost: bool) -> LockNotAcquired:
    """The error for a lock that was not granted."""
    if lost:
        return LockNotAcquired(f"lock {name!r}: the session was lost while acquiring")
    if wait:
        return LockNotAcquired(f"lock {name!r} not acquired within {wait:g}s")
    return LockNotAcquired(f"lock {name!r} is held by another session")


class Lock(Grant[threading.Event]):
    """A named lock. Use it as ``with client.lock("name", ttl=15, wait=5) as lock:``.

    Entering the block acquires the lock or raises :class:`LockNotAcquired`; the
    block never runs without it. While held, the lock's session is kept alive on a
    daemon thread; ``lost`` (a ``threading.Event``) is set and ``on_lost(lock)`` is
    called when the session is lost, which means the lock is no longer held. Pass
    ``fencing_token`` with every write the lock protects (``config.put(...,
    if_lock_held=lock)`` checks it in the same etcd transaction as the write).
    Leaving the block releases the lock: by deleting the session made for it, or
    by a release call when the lock was taken on a ``session`` you gave.
    """

    def __init__(
        self,
        transport: Transport,
        name: str,
        *,
        ttl: int = DEFAULT_TTL,
        wait: Optional[float] = None,
        on_lost: Optional[LostCallback] = None,
        session: Optional[Session] = None,
    ) -> None:
        super().__init__(name, ttl, on_lost, session, threading.Event)
        self._transport = transport
        self.wait = wait
        self.fencing_token: Optional[int] = None

    @property
    def held(self) -> bool:
        """Whether the lock is held and its session not known to be lost."""
        return self._active()

    def _release_call(self, session_id: int) -> Any:
        return self._transport.call(_calls.lock_release(self.name, session_id))

    def _acquire_call(self, session_id: int, wait: float) -> Any:
        return self._transport.call(_calls.lock_acquire(self.name, session_id, wait))

    def acquire(self) -> "Lock":
        """Acquires the lock, waiting up to ``wait`` seconds (None: as long as it takes).

        Raises :class:`LockNotAcquired` when it was not granted in time.
        """
        self._begin()
        hold = Hold(self._transport, self.ttl, self._given, self._release_call, self._session_lost)
        try:
            grant = hold.wait_in_line(self.wait, self._acquire_call, lambda g: bool(g.acquired))
        except NotFound as exc:
            if hold.session.lost.is_set():
                raise not_acquired(self.name, self.wait, lost=True) from exc
            raise
        if grant is None:
            raise not_acquired(self.name, self.wait, hold.session.lost.is_set())
        self.fencing_token = grant.fencing_token
        self._hold = hold
        return self

    def release(self) -> None:
        """Releases the lock at once (no-op when not held)."""
        hold = self._take_hold()
        if hold is not None:
            hold.end(quiet=False)

    def __enter__(self) -> "Lock":
        if self._hold is None:
            self.acquire()
        return self

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        hold = self._take_hold()
        if hold is not None:
            hold.end(quiet=exc_type is not None)
