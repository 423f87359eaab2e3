"""Outrigger: a zero-dependency client for the local Outrigger sidecar.

    from outrigger import Client, LockNotAcquired

    client = Client()                      # $OUTRIGGER_ENDPOINT or http://127.0.0.1:7400
    client.config.put("app/mode", "fast")
    with client.lock("nightly-job", ttl=15, wait=5) as lock:
        run_job(fencing_token=lock.fencing_token)

The asyncio flavour is :class:`outrigger.aio.Client`, with the same surface.
"""

from . import txn
from .client import Client
from .election import Election
from .errors import (
    Aborted,
    AlreadyExists,
    Cancelled,
    Compacted,
    Conflict,
    ConnectFailed,
    ConnectionLost,
    DataLoss,
    DeadlineExceeded,
    FailedPrecondition,
    Internal,
    InvalidArgument,
    LockNotAcquired,
    NotFound,
    OutOfRange,
    OutriggerError,
    PermissionDenied,
    ProtocolError,
    ResourceExhausted,
    Timeout,
    Unauthenticated,
    Unavailable,
    Unimplemented,
    Unknown,
)
from .events import ConfigEvent, ConfigResync, InstanceEvent, InstancesResync
from .lock import Lock
from .models import (
    ConfigEntry,
    ConfigPage,
    DeleteResult,
    GetResult,
    HealthCheck,
    Instance,
    InstanceList,
    Leader,
    LockHolder,
    PutResult,
    SessionInfo,
    TxnResponse,
)
from .session import Session
from .watch import Subscription, Watch

__version__ = "0.1.0"

__all__ = [
    "Aborted",
    "AlreadyExists",
    "Cancelled",
    "Client",
    "Compacted",
    "ConfigEntry",
    "ConfigEvent",
    "ConfigPage",
    "ConfigResync",
    "Conflict",
    "ConnectFailed",
    "ConnectionLost",
    "DataLoss",
    "DeadlineExceeded",
    "DeleteResult",
    "Election",
    "FailedPrecondition",
    "GetResult",
    "HealthCheck",
    "Instance",
    "InstanceEvent",
    "InstanceList",
    "InstancesResync",
    "Internal",
    "InvalidArgument",
    "Leader",
    "Lock",
    "LockHolder",
    "LockNotAcquired",
    "NotFound",
    "OutOfRange",
    "OutriggerError",
    "PermissionDenied",
    "ProtocolError",
    "PutResult",
    "ResourceExhausted",
    "Session",
    "SessionInfo",
    "Subscription",
    "Timeout",
    "TxnResponse",
    "Unauthenticated",
    "Unavailable",
    "Unimplemented",
    "Unknown",
    "Watch",
    "txn",
]
