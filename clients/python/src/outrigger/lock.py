"""Locks held by a kept-alive session, with fencing tokens and loss notification."""

import threading
from typing import Any

from . import _calls
from ._grant import LockState
from ._hold import Hold
from ._http import Transport
from .errors import NotFound
from .models import LockGrant


class Lock(LockState[threading.Event, Transport]):
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

    new_event = threading.Event

    def _release_call(self, session_id: int) -> bool:
        return self._transport.call(_calls.lock_release(self.name, session_id))

    def _acquire_call(self, session_id: int, wait: float) -> LockGrant:
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
            raise self._not_found_while_acquiring(exc, hold) from exc
        self._keep(grant, hold)
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
