"""Every unary route of the JSON API as a :class:`Call`: what to send, how to read the
answer, and whether it is a write. The sync and asyncio transports both run them, so
the API is described once (docs/api.md, proto/outrigger/v1/http.yaml).
"""

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Generic, Iterator, List, Mapping, Optional, Sequence, Tuple, TypeVar
from urllib.parse import quote

from . import models
from .errors import InvalidArgument
from .models import JSON, HealthCheck

T = TypeVar("T")


@dataclass(frozen=True)
class Call(Generic[T]):
    """One request of the API and the parser of its answer.

    ``write`` marks calls that change state: they are never retried after an
    ambiguous failure. ``server_wait`` is how long the server may hold the call on
    purpose (``waitSeconds``); it is added to the client's timeout.
    """

    method: str
    path: str
    parse: Callable[[Any], T]
    query: Mapping[str, str] = field(default_factory=dict)
    body: Optional[JSON] = None
    write: bool = False
    server_wait: float = 0.0


def segment(name: str) -> str:
    """Escapes a name or a config key as one path segment, ``/`` included.

    A raw ``/`` would let the server's path cleaning redirect keys with ``//``, a
    leading ``/`` or ``.``/``..`` parts to other paths; escaped, every key is itself.
    """
    if not name:
        raise InvalidArgument("key or name: must not be empty")
    escaped = quote(name, safe="")
    return escaped.replace(".", "%2E") if escaped in (".", "..") else escaped


def _query(**params: Any) -> Dict[str, str]:
    """Builds a query from the parameters that are set, booleans as ``true``."""
    out: Dict[str, str] = {}
    for name, value in params.items():
        if value is None or value is False:
            continue
        out[name] = "true" if value is True else str(value)
    return out


def _drop_none(body: Dict[str, Any]) -> JSON:
    return {k: v for k, v in body.items() if v is not None}


# Config


def config_get(key: str, revision: Optional[int], serializable: bool) -> Call[models.ConfigEntry]:
    return Call(
        "GET",
        "/v1/config/" + segment(key),
        models.ConfigEntry.from_json,
        _query(revision=revision or None, serializable=serializable),
    )


def config_put(
    key: str,
    value: str,
    if_revision: Optional[int],
    session_id: Optional[int],
    if_lock_held: Optional[Sequence[Any]],
) -> Call[models.ConfigEntry]:
    body = _drop_none(
        {
            "value": value,
            "ifRevision": None if if_revision is None else str(if_revision),
            "sessionId": None if not session_id else str(session_id),
            "ifLockHeld": (
                None if if_lock_held is None else {"name": if_lock_held[0], "fencingToken": str(if_lock_held[1])}
            ),
        }
    )
    return Call("PUT", "/v1/config/" + segment(key), models.ConfigEntry.from_json, body=body, write=True)


def config_list_page(
    prefix: str, limit: Optional[int], page_token: Optional[str], revision: Optional[int]
) -> Call[models.ConfigPage]:
    return Call(
        "GET",
        "/v1/config",
        models.ConfigPage.from_json,
        _query(prefix=prefix or None, limit=limit, pageToken=page_token or None, revision=revision or None),
    )


def config_delete(key: str, prefix: bool) -> Call[models.DeleteResult]:
    return Call(
        "DELETE", "/v1/config/" + segment(key), models.DeleteResult.from_json, _query(prefix=prefix), write=True
    )


def config_txn(compare: Sequence[JSON], then: Sequence[JSON], otherwise: Sequence[JSON]) -> Call[models.TxnResponse]:
    body = {"compare": list(compare), "then": list(then), "else": list(otherwise)}
    return Call("POST", "/v1/config:txn", models.TxnResponse.from_json, body=body, write=True)


# Sessions


def session_create(ttl: Optional[int]) -> Call[models.SessionInfo]:
    return Call("POST", "/v1/sessions", models.SessionInfo.from_json, body={"ttlSeconds": ttl or 0}, write=True)


def session_keepalive(session_id: int) -> Call[int]:
    # A keep-alive only extends a lease: repeating it is harmless, yet it is sent once.
    return Call("POST", f"/v1/sessions/{session_id}:keepalive", models.int_field("ttlSeconds"), write=True)


def session_get(session_id: int) -> Call[models.SessionInfo]:
    return Call("GET", f"/v1/sessions/{session_id}", models.SessionInfo.from_json)


def session_delete(session_id: int) -> Call[bool]:
    return Call("DELETE", f"/v1/sessions/{session_id}", models.flag("deleted"), write=True)


# Registry


def instance_path(service: str, instance_id: str) -> str:
    return f"/v1/services/{segment(service)}/instances/{segment(instance_id)}"


def registry_register(
    service: str,
    instance_id: str,
    address: str,
    port: int,
    metadata: Optional[Mapping[str, str]],
    session_id: Optional[int],
    ttl: Optional[int],
    health_check: Optional[HealthCheck],
) -> Call[models.Instance]:
    body = _drop_none(
        {
            "address": address,
            "port": port,
            "metadata": dict(metadata) if metadata else None,
            "sessionId": str(session_id) if session_id else None,
            "ttlSeconds": ttl or None,
            "healthCheck": health_check.to_json() if health_check else None,
        }
    )
    return Call("PUT", instance_path(service, instance_id), models.Instance.from_json, body=body, write=True)


def registry_deregister(service: str, instance_id: str) -> Call[bool]:
    return Call("DELETE", instance_path(service, instance_id), models.flag("deregistered"), write=True)


def registry_services() -> Call[List[str]]:
    return Call("GET", "/v1/services", models.services_from_json)


def registry_instances(service: str) -> Call[models.InstanceList]:
    return Call("GET", f"/v1/services/{segment(service)}/instances", models.InstanceList.from_json)


# Locks


def lock_acquire(name: str, session_id: int, wait: float) -> Call[models.LockGrant]:
    body = {"sessionId": str(session_id), "waitSeconds": wait}
    return Call(
        "POST",
        f"/v1/locks/{segment(name)}:acquire",
        models.LockGrant.from_json,
        body=body,
        write=True,
        server_wait=wait,
    )


def lock_release(name: str, session_id: int) -> Call[bool]:
    body = {"sessionId": str(session_id)}
    return Call("POST", f"/v1/locks/{segment(name)}:release", models.flag("released"), body=body, write=True)


def lock_holder(name: str) -> Call[models.LockHolder]:
    return Call("GET", f"/v1/locks/{segment(name)}", models.LockHolder.from_json)


# Elections


def election_campaign(name: str, value: str, session_id: int, wait: float) -> Call[models.CampaignResult]:
    body = {"value": value, "sessionId": str(session_id), "waitSeconds": wait}
    return Call(
        "POST",
        f"/v1/elections/{segment(name)}:campaign",
        models.CampaignResult.from_json,
        body=body,
        write=True,
        server_wait=wait,
    )


def election_proclaim(name: str, value: str, session_id: int) -> Call[models.Leader]:
    body = {"value": value, "sessionId": str(session_id)}
    return Call("POST", f"/v1/elections/{segment(name)}:proclaim", models.Leader.from_json, body=body, write=True)


def election_resign(name: str, session_id: int) -> Call[bool]:
    body = {"sessionId": str(session_id)}
    return Call("POST", f"/v1/elections/{segment(name)}:resign", models.flag("resigned"), body=body, write=True)


def election_leader(name: str) -> Call[models.Leader]:
    return Call("GET", f"/v1/elections/{segment(name)}/leader", models.Leader.from_json)


# Cluster


def cluster_status() -> Call[JSON]:
    return Call("GET", "/v1/cluster", models.as_obj)


# Streams: the path and query of each watch, given the revision to start from.


def config_watch_target(prefix: str) -> Callable[[Optional[int]], Call[Any]]:
    def target(start: Optional[int]) -> Call[Any]:
        return Call("GET", "/v1/config:watch", models.as_obj, _query(prefix=prefix or None, startRevision=start))

    return target


def instances_watch_target(service: str) -> Callable[[Optional[int]], Call[Any]]:
    def target(start: Optional[int]) -> Call[Any]:
        return Call(
            "GET", f"/v1/services/{segment(service)}/instances:watch", models.as_obj, _query(startRevision=start)
        )

    return target


def election_observe_target(name: str) -> Callable[[Optional[int]], Call[Any]]:
    def target(start: Optional[int]) -> Call[Any]:
        return Call("GET", f"/v1/elections/{segment(name)}:observe", models.as_obj)

    return target


MAX_SERVER_WAIT = 600.0
"""The longest ``waitSeconds`` the server accepts."""


def server_waits(wait: Optional[float]) -> "Iterator[float]":
    """The ``waitSeconds`` of each attempt to acquire or campaign: one attempt for a
    finite wait (0 tries once), endless rounds of the longest wait for None."""
    if wait is not None:
        if wait < 0 or wait > MAX_SERVER_WAIT:
            raise ValueError(f"wait must be between 0 and {MAX_SERVER_WAIT:g} seconds, or None, not {wait!r}")
        yield float(wait)
        return
    while True:
        yield MAX_SERVER_WAIT


def fence_of(lock: Any) -> Tuple[str, int]:
    """The (name, fencing token) of a held lock object, or of a (name, token) pair."""
    if isinstance(lock, tuple):
        return str(lock[0]), int(lock[1])
    if lock.fencing_token is None:
        raise ValueError(f"lock {lock.name!r} is not held: no fencing token")
    return lock.name, int(lock.fencing_token)
