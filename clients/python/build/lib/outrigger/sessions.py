"""``client.sessions``: the raw session calls (``client.session()`` keeps one alive)."""

from typing import Optional

from . import _calls
from ._http import Transport
from .models import SessionInfo


class SessionsAPI:
    """Create, keep alive, read and delete sessions by id."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def create(self, ttl: Optional[int] = None, *, timeout: Optional[float] = None) -> SessionInfo:
        """Creates a session of ``ttl`` seconds (2 to 86400; None: 15). You keep it alive."""
        return self._transport.call(_calls.session_create(ttl), timeout)

    def keepalive(self, session_id: int, *, timeout: Optional[float] = None) -> int:
        """Renews a session and returns its TTL; NotFound once it has expired."""
        return self._transport.call(_calls.session_keepalive(session_id), timeout)

    def get(self, session_id: int, *, timeout: Optional[float] = None) -> SessionInfo:
        """Reads a session's TTL and remaining seconds; NotFound once it has expired."""
        return self._transport.call(_calls.session_get(session_id), timeout)

    def delete(self, session_id: int, *, timeout: Optional[float] = None) -> bool:
        """Ends a session, releasing all it holds at once; False if it did not exist."""
        return self._transport.call(_calls.session_delete(session_id), timeout)
