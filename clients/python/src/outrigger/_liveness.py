"""When to keep a session alive and when to call it lost, without doing I/O.

A session expires ``ttl`` seconds after its last keep-alive. Keep-alives go every
``ttl/3`` (the first one at once); a failed one is retried sooner. The session
counts as lost when a keep-alive answers NOT_FOUND, or when no keep-alive succeeded
for longer than the TTL, counted from when the last successful one was *sent* (the
server renewed the session no earlier than that).
"""

import logging
from typing import Optional

from .errors import NotFound, OutriggerError

log = logging.getLogger("outrigger")

DEFAULT_TTL = 15
"""Seconds a session lives without keep-alives when no TTL is given."""

RETRY_AFTER = 1.0
"""A failed keep-alive is retried after this many seconds (or ttl/10 if shorter)."""


class Liveness:
    """The keep-alive schedule and the lost verdict of one session."""

    def __init__(self, session_id: int, ttl: float, renewed_at: float, max_call_timeout: float) -> None:
        self.session_id = session_id
        self.ttl = float(ttl)
        self.renewed_at = renewed_at
        self.lost_reason: Optional[str] = None
        self._next_at = renewed_at
        self._max_call_timeout = max_call_timeout

    def sleep_time(self, now: float) -> float:
        """Seconds until the next thing to do: send a keep-alive or declare the session lost."""
        return max(0.0, min(self._next_at, self.renewed_at + self.ttl) - now)

    def keepalive_timeout(self, now: float) -> Optional[float]:
        """The timeout of a keep-alive to send now, or None when none is due (or the
        session just counted as lost: see ``lost_reason``). A keep-alive may take
        until the session would count as lost, so a slow renewal still counts."""
        if self.lost_reason is None and now - self.renewed_at > self.ttl:
            self.lost_reason = f"no successful keep-alive for {now - self.renewed_at:.1f}s (TTL {self.ttl:g}s)"
        if self.lost_reason is not None or now < self._next_at:
            return None
        return min(self._max_call_timeout, max(0.1, self.renewed_at + self.ttl - now))

    def record(self, sent_at: float, now: float, error: Optional[OutriggerError]) -> None:
        """Takes the outcome of the keep-alive sent at ``sent_at``."""
        if error is None:
            self.renewed_at = max(self.renewed_at, sent_at)
            self._next_at = self.renewed_at + self.ttl / 3
        elif isinstance(error, NotFound):
            self.lost_reason = "session not found (expired or deleted)"
        else:
            log.warning("outrigger session %d: keep-alive failed: %s", self.session_id, error)
            self._next_at = now + min(RETRY_AFTER, self.ttl / 10)
