"""The session behind one grant (a lock or a leadership): either given by the caller
or created for the grant and deleted with it."""

from typing import Any, Callable, Optional, TypeVar

from . import _calls
from ._http import Transport
from .session import Session, close_quietly

R = TypeVar("R")


class Hold:
    """Waits in line for a grant on a session and ends the grant again.

    ``leave(session_id)`` gives the grant up on a session the caller gave (release,
    resign); a session created here is simply deleted, which gives up everything.
    ``on_lost()`` is called when the session is lost while the hold lasts.
    """

    def __init__(
        self,
        transport: Transport,
        ttl: int,
        given: Optional[Session],
        leave: Callable[[int], Any],
        on_lost: Callable[[], Any],
    ) -> None:
        self.session = given if given is not None else Session(transport, ttl)
        self.owned = given is None
        self._leave = leave
        self._on_lost = on_lost
        self.session.add_lost_listener(self._lost)

    def _lost(self, _session: Session) -> None:
        self._on_lost()

    def wait_in_line(
        self, wait: Optional[float], attempt: Callable[[int, float], R], granted: Callable[[R], bool]
    ) -> Optional[R]:
        """Calls ``attempt(session_id, wait_seconds)`` in rounds until it is granted
        (or the wait ends); returns the granted result, or None after ending the hold."""
        try:
            for round_wait in _calls.server_waits(wait):
                result = attempt(self.session.id, round_wait)
                if granted(result) or self.session.lost.is_set():
                    break
        except BaseException:
            self.end(quiet=True)
            raise
        if granted(result) and not self.session.lost.is_set():
            return result
        self.end(quiet=True)
        return None

    def end(self, quiet: bool) -> None:
        """Gives the grant up; with ``quiet``, failures are logged, not raised."""
        self.session.remove_lost_listener(self._lost)
        if self.owned:
            close_quietly(self.session, quiet)
            return
        try:
            self._leave(self.session.id)
        except Exception:
            if not quiet:
                raise
