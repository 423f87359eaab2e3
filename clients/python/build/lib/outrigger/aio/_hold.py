"""The async counterpart of :mod:`outrigger._hold`: the session behind one grant."""

from typing import Any, Awaitable, Callable, Optional, TypeVar

from .. import _calls
from ._http import AsyncTransport
from .session import AsyncSession, close_quietly

R = TypeVar("R")


class AsyncHold:
    """Waits in line for a grant on a session (given, or made here) and ends it."""

    def __init__(
        self, session: AsyncSession, owned: bool, leave: Callable[[int], Awaitable[Any]], on_lost: Callable[[], Any]
    ) -> None:
        self.session = session
        self.owned = owned
        self._leave = leave
        self._on_lost = on_lost
        session.add_lost_listener(self._lost)

    @classmethod
    async def start(
        cls,
        transport: AsyncTransport,
        ttl: int,
        given: Optional[AsyncSession],
        leave: Callable[[int], Awaitable[Any]],
        on_lost: Callable[[], Any],
    ) -> "AsyncHold":
        session = given if given is not None else await AsyncSession.create(transport, ttl)
        return cls(session, given is None, leave, on_lost)

    def _lost(self, _session: AsyncSession) -> Any:
        return self._on_lost()

    async def wait_in_line(
        self, wait: Optional[float], attempt: Callable[[int, float], Awaitable[R]], granted: Callable[[R], bool]
    ) -> Optional[R]:
        """Calls ``attempt(session_id, wait_seconds)`` in rounds until granted; the
        granted result, or None after ending the hold."""
        try:
            for round_wait in _calls.server_waits(wait):
                result = await attempt(self.session.id, round_wait)
                if granted(result) or self.session.lost.is_set():
                    break
        except BaseException:
            await self.end(quiet=True)
            raise
        if granted(result) and not self.session.lost.is_set():
            return result
        await self.end(quiet=True)
        return None

    async def end(self, quiet: bool) -> None:
        """Gives the grant up; with ``quiet``, failures are logged, not raised."""
        self.session.remove_lost_listener(self._lost)
        if self.owned:
            await close_quietly(self.session, quiet)
            return
        try:
            await self._leave(self.session.id)
        except Exception:
            if not quiet:
                raise
