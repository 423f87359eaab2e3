"""Sessions kept alive on a daemon thread, telling their owner when they are lost."""

import logging
import threading
import time
from typing import Any, Callable, List, Optional

from . import _calls
from ._http import Transport
from ._liveness import DEFAULT_TTL, Liveness
from .errors import OutriggerError

log = logging.getLogger("outrigger")


class Session:
    """A session (etcd lease) created by this client and kept alive every ``ttl/3``.

    ``lost`` is set, and ``on_lost(session)`` (and every listener added) is called
    on the keep-alive thread, when a keep-alive answers 404 or none succeeded for
    longer than the TTL. Everything bound to the session (locks, leadership,
    registrations, ephemeral keys) is gone then. ``close()`` stops the keep-alives
    and deletes the session. Use it to bind several things to one session:
    ``client.lock(..., session=s)``, ``registry.register(..., session_id=s.id)``.
    """

    def __init__(
        self,
        transport: Transport,
        ttl: int = DEFAULT_TTL,
        on_lost: Optional[Callable[["Session"], Any]] = None,
    ) -> None:
        self._transport = transport
        self.ttl = ttl
        self.lost = threading.Event()
        self._listeners: List[Callable[["Session"], Any]] = [] if on_lost is None else [on_lost]
        self.lost_reason: Optional[str] = None
        self._stop = threading.Event()
        sent_at = time.monotonic()
        info = transport.call(_calls.session_create(ttl))
        self.id = info.id
        self.ttl = info.ttl_seconds or ttl
        self._liveness = Liveness(self.id, self.ttl, sent_at, transport.settings.timeout)
        self._thread = threading.Thread(target=self._keep_alive, name=f"outrigger-session-{self.id}", daemon=True)
        self._thread.start()

    def _keep_alive(self) -> None:
        try:
            self._keep_alive_until_stopped()
        finally:
            self._transport.close()  # this thread's connection

    def _keep_alive_until_stopped(self) -> None:
        live = self._liveness
        while live.lost_reason is None and not self._stop.wait(live.sleep_time(time.monotonic())):
            sent_at = time.monotonic()
            timeout = live.keepalive_timeout(sent_at)
            if timeout is None:
                continue
            error: Optional[OutriggerError] = None
            try:
                self._transport.call(_calls.session_keepalive(self.id), timeout=timeout)
            except OutriggerError as exc:
                error = exc
            live.record(sent_at, time.monotonic(), error)
        if live.lost_reason is not None and not self._stop.is_set():
            self._declare_lost(live.lost_reason)

    def _declare_lost(self, reason: str) -> None:
        self.lost_reason = reason
        log.warning("outrigger session %d lost: %s", self.id, reason)
        self.lost.set()
        for listener in list(self._listeners):
            try:
                listener(self)
            except Exception:
                log.exception("outrigger session %d: on_lost callback failed", self.id)

    def add_lost_listener(self, listener: Callable[["Session"], Any]) -> None:
        """Calls ``listener(session)`` on the keep-alive thread when the session is lost."""
        self._listeners.append(listener)

    def remove_lost_listener(self, listener: Callable[["Session"], Any]) -> None:
        """Stops calling a listener added before (no-op when it is not there)."""
        if listener in self._listeners:
            self._listeners.remove(listener)

    @property
    def alive(self) -> bool:
        """Whether the session is kept alive and not known to be lost."""
        return not self.lost.is_set() and not self._stop.is_set()

    def close(self, delete: bool = True) -> None:
        """Stops the keep-alives and (by default) deletes the session at once.

        Deleting releases everything the session holds; it is sent once, and a
        failure is raised (the session then expires by itself within its TTL).
        """
        self._stop.set()  # a keep-alive in flight may still answer; it is ignored
        if not delete:
            return
        try:
            self._transport.call(_calls.session_delete(self.id))
        except OutriggerError:
            if not self.lost.is_set():
                raise

    def __enter__(self) -> "Session":
        return self

    def __exit__(self, exc_type: Any, *rest: Any) -> None:
        close_quietly(self, exc_type is not None)


def close_quietly(session: Session, quiet: bool) -> None:
    """Closes a session; with ``quiet``, a failure is logged rather than raised
    (used on the way out of a block that already raised)."""
    try:
        session.close()
    except OutriggerError as exc:
        if not quiet:
            raise
        log.warning("outrigger session %d: delete failed: %s", session.id, exc)
