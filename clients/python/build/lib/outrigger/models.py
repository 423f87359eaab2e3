"""The values the API returns, as frozen dataclasses built from the JSON answers.

64-bit integers arrive as JSON strings (``"modRevision": "42"``); they are Python
``int`` here. Every ``from_json`` accepts the proto3 JSON form of its message.
"""

from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from .errors import ProtocolError

JSON = Dict[str, Any]


def as_int(value: Any) -> int:
    """Reads a proto3 JSON integer: a number, a decimal string, or null (0)."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        raise ProtocolError(f"expected an integer, got {value!r}")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ProtocolError(f"expected an integer, got {value!r}") from None


def as_obj(value: Any) -> JSON:
    """Reads a JSON object (null reads as an empty one)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProtocolError(f"expected a JSON object, got {value!r}")
    return value


def as_list(value: Any) -> List[Any]:
    """Reads a JSON array (null reads as an empty one)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProtocolError(f"expected a JSON array, got {value!r}")
    return value


@dataclass(frozen=True)
class ConfigEntry:
    """One config key with its value and revisions."""

    key: str
    value: str
    create_revision: int
    mod_revision: int
    version: int
    session_id: int = 0

    @staticmethod
    def from_json(obj: Any) -> "ConfigEntry":
        o = as_obj(obj)
        return ConfigEntry(
            key=str(o.get("key", "")),
            value=str(o.get("value", "")),
            create_revision=as_int(o.get("createRevision")),
            mod_revision=as_int(o.get("modRevision")),
            version=as_int(o.get("version")),
            session_id=as_int(o.get("sessionId")),
        )


@dataclass(frozen=True)
class ConfigPage:
    """One page of a config listing, read at ``revision``."""

    items: List[ConfigEntry]
    revision: int
    next_page_token: str

    @staticmethod
    def from_json(obj: Any) -> "ConfigPage":
        o = as_obj(obj)
        return ConfigPage(
            items=[ConfigEntry.from_json(i) for i in as_list(o.get("items"))],
            revision=as_int(o.get("revision")),
            next_page_token=str(o.get("nextPageToken") or ""),
        )


@dataclass(frozen=True)
class DeleteResult:
    """How many keys a delete removed, and the store's revision after it."""

    deleted: int
    revision: int

    @staticmethod
    def from_json(obj: Any) -> "DeleteResult":
        o = as_obj(obj)
        return DeleteResult(deleted=as_int(o.get("deleted")), revision=as_int(o.get("revision")))


@dataclass(frozen=True)
class PutResult:
    """The outcome of a transaction's put."""

    key: str
    mod_revision: int


@dataclass(frozen=True)
class GetResult:
    """The outcome of a transaction's get."""

    items: List[ConfigEntry]


TxnResult = Union[PutResult, DeleteResult, GetResult]


def txn_result_from_json(obj: Any) -> TxnResult:
    """Reads one ``results`` element of a transaction answer."""
    o = as_obj(obj)
    if o.get("put") is not None:
        put = as_obj(o["put"])
        return PutResult(key=str(put.get("key", "")), mod_revision=as_int(put.get("modRevision")))
    if o.get("delete") is not None:
        return DeleteResult(deleted=as_int(as_obj(o["delete"]).get("deleted")), revision=0)
    if o.get("get") is not None:
        return GetResult(items=[ConfigEntry.from_json(i) for i in as_list(as_obj(o["get"]).get("items"))])
    raise ProtocolError(f"unknown transaction result {obj!r}")


@dataclass(frozen=True)
class TxnResponse:
    """Whether the compares held, the revision after the transaction, and the results
    of the branch that ran, in order."""

    succeeded: bool
    revision: int
    results: List[TxnResult]

    @staticmethod
    def from_json(obj: Any) -> "TxnResponse":
        o = as_obj(obj)
        return TxnResponse(
            succeeded=bool(o.get("succeeded")),
            revision=as_int(o.get("revision")),
            results=[txn_result_from_json(r) for r in as_list(o.get("results"))],
        )


@dataclass(frozen=True)
class SessionInfo:
    """A session (an etcd lease): its id, TTL and seconds left before it expires."""

    id: int
    ttl_seconds: int
    remaining_seconds: int

    @staticmethod
    def from_json(obj: Any) -> "SessionInfo":
        o = as_obj(obj)
        return SessionInfo(
            id=as_int(o.get("id")),
            ttl_seconds=as_int(o.get("ttlSeconds")),
            remaining_seconds=as_int(o.get("remainingSeconds")),
        )


@dataclass(frozen=True)
class HealthCheck:
    """An HTTP probe the sidecar runs against the app."""

    http: str
    interval_seconds: int = 0

    def to_json(self) -> JSON:
        return {"http": self.http, "intervalSeconds": self.interval_seconds}


@dataclass(frozen=True)
class Instance:
    """A registered instance of a service."""

    service: str
    id: str
    address: str
    port: int
    metadata: Mapping[str, str] = field(default_factory=dict)
    session_id: int = 0
    health_check: Optional[HealthCheck] = None
    mod_revision: int = 0

    @staticmethod
    def from_json(obj: Any) -> "Instance":
        o = as_obj(obj)
        check = o.get("healthCheck")
        return Instance(
            service=str(o.get("service", "")),
            id=str(o.get("id", "")),
            address=str(o.get("address", "")),
            port=as_int(o.get("port")),
            metadata={str(k): str(v) for k, v in as_obj(o.get("metadata")).items()},
            session_id=as_int(o.get("sessionId")),
            health_check=(
                HealthCheck(
                    http=str(as_obj(check).get("http", "")),
                    interval_seconds=as_int(as_obj(check).get("intervalSeconds")),
                )
                if check
                else None
            ),
            mod_revision=as_int(o.get("modRevision")),
        )


@dataclass(frozen=True)
class InstanceList:
    """The instances of one service, read at ``revision``."""

    instances: List[Instance]
    revision: int

    @staticmethod
    def from_json(obj: Any) -> "InstanceList":
        o = as_obj(obj)
        return InstanceList(
            instances=[Instance.from_json(i) for i in as_list(o.get("instances"))],
            revision=as_int(o.get("revision")),
        )


@dataclass(frozen=True)
class LockGrant:
    """The answer to a lock acquire: granted or not, with its fencing token."""

    acquired: bool
    fencing_token: int
    session_id: int
    key: str

    @staticmethod
    def from_json(obj: Any) -> "LockGrant":
        o = as_obj(obj)
        return LockGrant(
            acquired=bool(o.get("acquired")),
            fencing_token=as_int(o.get("fencingToken")),
            session_id=as_int(o.get("sessionId")),
            key=str(o.get("key", "")),
        )


@dataclass(frozen=True)
class LockHolder:
    """The current holder of a lock; ``since`` is the grant time, RFC 3339."""

    name: str
    session_id: int
    fencing_token: int
    since: str

    @staticmethod
    def from_json(obj: Any) -> "LockHolder":
        o = as_obj(obj)
        return LockHolder(
            name=str(o.get("name", "")),
            session_id=as_int(o.get("sessionId")),
            fencing_token=as_int(o.get("fencingToken")),
            since=str(o.get("since", "")),
        )


@dataclass(frozen=True)
class CampaignResult:
    """The answer to a campaign: elected or not, with the term."""

    elected: bool
    term: int
    session_id: int

    @staticmethod
    def from_json(obj: Any) -> "CampaignResult":
        o = as_obj(obj)
        return CampaignResult(
            elected=bool(o.get("elected")),
            term=as_int(o.get("term")),
            session_id=as_int(o.get("sessionId")),
        )


@dataclass(frozen=True)
class Leader:
    """The leader of an election: its value, term (grows with every new leader) and session."""

    name: str
    value: str
    term: int
    session_id: int

    @staticmethod
    def from_json(obj: Any) -> "Leader":
        o = as_obj(obj)
        return Leader(
            name=str(o.get("name", "")),
            value=str(o.get("value", "")),
            term=as_int(o.get("term")),
            session_id=as_int(o.get("sessionId")),
        )


def leader_or_none(obj: Any) -> Optional[Leader]:
    """Reads a leader field that may be null."""
    return None if obj is None else Leader.from_json(obj)


def flag(name: str) -> Any:
    """Returns a parser that reads one boolean field of an answer."""

    def parse(obj: Any) -> bool:
        return bool(as_obj(obj).get(name))

    return parse


def int_field(name: str) -> Any:
    """Returns a parser that reads one integer field of an answer."""

    def parse(obj: Any) -> int:
        return as_int(as_obj(obj).get(name))

    return parse


def services_from_json(obj: Any) -> Tuple[List[str], int]:
    """Reads the answer of ``GET /v1/services``: service names and revision."""
    o = as_obj(obj)
    return [str(s) for s in as_list(o.get("services"))], as_int(o.get("revision"))
