"""Typed exceptions, mapped from the sidecar's error envelope.

Every error the sidecar answers has one envelope, ``{"code", "message", "details"}``,
with a gRPC status code. :func:`error_from_envelope` turns it into the matching
subclass of :class:`OutriggerError`, which carries the server's message.
"""

from typing import Any, Dict, List, Optional, Type


class OutriggerError(Exception):
    """Base class of every error this client raises.

    Attributes:
        code: the gRPC status code (``2`` UNKNOWN when the server sent none).
        message: the server's message, or a description of the local failure.
        details: the envelope's ``details`` list, as sent.
        http_status: the HTTP status of the answer, ``None`` when there was none.
        maybe_applied: ``True`` when the failed call was a write that may still
            have taken effect (timeout, connection lost after sending, 503, 504).
            Such a write is never retried by this client; check and decide.
    """

    code = 2

    def __init__(
        self,
        message: str,
        *,
        details: Optional[List[Any]] = None,
        http_status: Optional[int] = None,
        maybe_applied: bool = False,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details: List[Any] = list(details or [])
        self.http_status = http_status
        self.maybe_applied = maybe_applied

    def __str__(self) -> str:
        suffix = " (the write may or may not have taken effect)" if self.maybe_applied else ""
        return f"{self.message}{suffix}"


class Cancelled(OutriggerError):
    """CANCELLED (1): the call was cancelled."""

    code = 1


class Unknown(OutriggerError):
    """UNKNOWN (2): an error the server could not classify."""

    code = 2


class InvalidArgument(OutriggerError):
    """INVALID_ARGUMENT (3): bad input; the message names the field."""

    code = 3


class DeadlineExceeded(OutriggerError):
    """DEADLINE_EXCEEDED (4): the cluster, or the sidecar, did not answer in time."""

    code = 4


class Timeout(DeadlineExceeded):
    """The client's own timeout ran out before the sidecar answered."""


class NotFound(OutriggerError):
    """NOT_FOUND (5): no such key, session, lock holder or leader."""

    code = 5


class Conflict(OutriggerError):
    """Base of the errors answered with HTTP 409: the state was not as required."""

    code = 10


class AlreadyExists(Conflict):
    """ALREADY_EXISTS (6)."""

    code = 6


class PermissionDenied(OutriggerError):
    """PERMISSION_DENIED (7)."""

    code = 7


class ResourceExhausted(OutriggerError):
    """RESOURCE_EXHAUSTED (8): too many requests queued."""

    code = 8


class FailedPrecondition(Conflict):
    """FAILED_PRECONDITION (9): the caller is not in the needed state (e.g. not leader)."""

    code = 9


class Aborted(Conflict):
    """ABORTED (10): a compare-and-set or a fenced write did not hold."""

    code = 10


class OutOfRange(OutriggerError):
    """OUT_OF_RANGE (11): a read at a compacted revision; the message names the oldest one."""

    code = 11


Compacted = OutOfRange
"""The name for :class:`OutOfRange` when it means "that revision was compacted"."""


class Unimplemented(OutriggerError):
    """UNIMPLEMENTED (12): no such route or method."""

    code = 12


class Internal(OutriggerError):
    """INTERNAL (13): a bug in the sidecar."""

    code = 13


class Unavailable(OutriggerError):
    """UNAVAILABLE (14): no quorum, member not ready, sidecar stopping or unreachable."""

    code = 14


class ConnectFailed(Unavailable):
    """The sidecar could not be reached: nothing was sent, so nothing took effect."""


class ConnectionLost(Unavailable):
    """The connection broke after the request was sent, before a full answer came."""


class DataLoss(OutriggerError):
    """DATA_LOSS (15)."""

    code = 15


class Unauthenticated(OutriggerError):
    """UNAUTHENTICATED (16): the API token is missing or wrong."""

    code = 16


class LockNotAcquired(OutriggerError):
    """The lock was not granted within the wait; the ``with`` block did not run."""

    code = 0


class ProtocolError(OutriggerError):
    """The sidecar's answer did not follow the API (not JSON, wrong shape)."""

    code = 13


_BY_CODE: Dict[int, Type[OutriggerError]] = {
    cls.code: cls
    for cls in (
        Cancelled,
        Unknown,
        InvalidArgument,
        DeadlineExceeded,
        NotFound,
        AlreadyExists,
        PermissionDenied,
        ResourceExhausted,
        FailedPrecondition,
        Aborted,
        OutOfRange,
        Unimplemented,
        Internal,
        Unavailable,
        DataLoss,
        Unauthenticated,
    )
}

_BY_HTTP_STATUS: Dict[int, Type[OutriggerError]] = {
    400: InvalidArgument,
    401: Unauthenticated,
    403: PermissionDenied,
    404: NotFound,
    409: Conflict,
    410: OutOfRange,
    429: ResourceExhausted,
    499: Cancelled,
    501: Unimplemented,
    503: Unavailable,
    504: DeadlineExceeded,
}

AMBIGUOUS_CODES = frozenset({DeadlineExceeded.code, Unavailable.code})
"""Codes after which a write may or may not have taken effect."""


def error_from_envelope(envelope: Any, http_status: Optional[int] = None, *, write: bool = False) -> OutriggerError:
    """Builds the typed error for an error envelope (or for a bare HTTP status).

    ``write`` says whether the failed call was a write, which makes UNAVAILABLE and
    DEADLINE_EXCEEDED ambiguous (``maybe_applied``).
    """
    code: Optional[int] = None
    message = ""
    details: List[Any] = []
    if isinstance(envelope, dict):
        raw_code = envelope.get("code")
        code = raw_code if isinstance(raw_code, int) else None
        message = str(envelope.get("message") or "")
        raw_details = envelope.get("details")
        details = raw_details if isinstance(raw_details, list) else []
    cls = _BY_CODE.get(code) if code is not None else None
    if cls is None:
        cls = _BY_HTTP_STATUS.get(http_status or 0, Internal if (http_status or 500) >= 500 else Unknown)
    if not message:
        message = f"HTTP {http_status}" if http_status else "error without a message"
    return cls(
        message,
        details=details,
        http_status=http_status,
        maybe_applied=write and cls.code in AMBIGUOUS_CODES,
    )
