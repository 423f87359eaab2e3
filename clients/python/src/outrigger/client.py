"""The blocking client."""

from typing import Any, Callable, Optional

from . import _calls
from ._http import Transport
from ._liveness import DEFAULT_TTL
from ._settings import Settings
from .config import ConfigAPI
from .election import Election
from .errors import LockNotAcquired
from .lock import Lock
from .models import JSON, LockHolder
from .registry import RegistryAPI
from .session import Session
from .sessions import SessionsAPI


class Client:
    """A client of the local Outrigger sidecar's JSON API.

    ``endpoint`` defaults to ``$OUTRIGGER_ENDPOINT``, then ``http://127.0.0.1:7400``;
    ``api_token`` to ``$OUTRIGGER_API_TOKEN``. ``timeout`` bounds every call (plus
    any wait the call asks the server for). Safe to share between threads (each
    thread gets its own keep-alive connection) and to use in a child after
    ``os.fork()`` (the child opens new connections).
    """

    def __init__(
        self, endpoint: Optional[str] = None, api_token: Optional[str] = None, timeout: Optional[float] = None
    ) -> None:
        self.settings = Settings.resolve(endpoint, api_token, timeout)
        self._transport = Transport(self.settings)
        self.config = ConfigAPI(self._transport)
        """Config entries: get, put, delete, list, txn, watch."""
        self.sessions = SessionsAPI(self._transport)
        """Raw session calls by id."""
        self.registry = RegistryAPI(self._transport)
        """Service instances: register, deregister, services, instances, watch."""

    def session(self, ttl: int = DEFAULT_TTL, on_lost: Optional[Callable[[Session], Any]] = None) -> Session:
        """Creates a session and keeps it alive on a daemon thread until ``close()``."""
        return Session(self._transport, ttl, on_lost)

    def lock(
        self,
        name: str,
        ttl: int = DEFAULT_TTL,
        wait: Optional[float] = None,
        on_lost: Optional[Callable[[Lock], Any]] = None,
        session: Optional[Session] = None,
    ) -> Lock:
        """A lock to use in ``with``: acquired on entry within ``wait`` seconds (None:
        as long as it takes, 0: try once), else :class:`LockNotAcquired`. It is held
        by a new session of ``ttl`` seconds, or by ``session`` when given."""
        return Lock(self._transport, name, ttl=ttl, wait=wait, on_lost=on_lost, session=session)

    def try_lock(
        self,
        name: str,
        ttl: int = DEFAULT_TTL,
        on_lost: Optional[Callable[[Lock], Any]] = None,
        session: Optional[Session] = None,
    ) -> Optional[Lock]:
        """Tries once: the held lock (release it, or use it in ``with``), or None."""
        try:
            return self.lock(name, ttl, 0, on_lost, session).acquire()
        except LockNotAcquired:
            return None

    def lock_holder(self, name: str, *, timeout: Optional[float] = None) -> LockHolder:
        """The current holder of a lock; NotFound when it is free."""
        return self._transport.call(_calls.lock_holder(name), timeout)

    def election(
        self,
        name: str,
        ttl: int = DEFAULT_TTL,
        on_lost: Optional[Callable[[Election], Any]] = None,
        session: Optional[Session] = None,
    ) -> Election:
        """The election ``name``, for campaigning (on a new session of ``ttl``
        seconds, or on ``session``), reading or observing its leader."""
        return Election(self._transport, name, ttl=ttl, on_lost=on_lost, session=session)

    def cluster(self, *, timeout: Optional[float] = None) -> JSON:
        """The cluster's members and this sidecar's view of it (GET /v1/cluster)."""
        return self._transport.call(_calls.cluster_status(), timeout)

    def close(self) -> None:
        """Closes this thread's connection."""
        self._transport.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()
