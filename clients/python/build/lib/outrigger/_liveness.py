"""When to keep a session alive and when to call it lost, without doing I/O.

A session expires ``ttl`` seconds after its last keep-alive. Keep-alives go every
``ttl/3``; a failed one is retried sooner. The session counts as lost when a
keep-alive answers NOT_FOUND, or when no keep-alive succeeded for longer than the
TTL, counted from when the last successful one was *sent* (the server renewed the
lease no earlier than that).
"""

from typing import Optional

RETRY_FRACTION = 10
"""A failed keep-alive is retried after ttl/10 (at most 1 s)."""


class Liveness:
    """The keep-alive schedule and the lost verdict of one session."""

    def __init__(self, ttl: float, renewed_at: float) -> None:
        self.ttl = float(ttl)
        self.renewed_at = renewed_at
        self._next_at = renewed_at  # the first keep-alive goes at once
        self.lost_reason: Optional[str] = None

    @property
    def interval(self) -> float:
        """Seconds between keep-alives."""
        return self.ttl / 3

    @property
    def call_timeout(self) -> float:
        """How long one keep-alive may take."""
        return self.interval

    def next_wakeup(self) -> float:
        """When to act next: send a keep-alive or declare the session lost."""
        return min(self._next_at, self.renewed_at + self.ttl)

    def due(self, now: float) -> bool:
        """Whether a keep-alive should be sent now."""
        return now >= self._next_at

    def succeeded(self, sent_at: float) -> None:
        self.renewed_at = max(self.renewed_at, sent_at)
        self._next_at = self.renewed_at + self.interval

    def failed(self, now: float) -> None:
        self._next_at = now + min(1.0, self.ttl / RETRY_FRACTION)

    def not_found(self) -> None:
        self.lost_reason = "session not found (expired or deleted)"

    def check_expired(self, now: float) -> bool:
        """Whether the TTL passed without a successful keep-alive (then lost)."""
        if self.lost_reason is None and now - self.renewed_at > self.ttl:
            self.lost_reason = f"no successful keep-alive for {now - self.renewed_at:.1f}s (TTL {self.ttl:g}s)"
        return self.lost_reason is not None
