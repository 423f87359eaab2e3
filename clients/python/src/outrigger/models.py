"""The values the API returns, as frozen dataclasses built from the JSON answers.

Each field reads the answer's lowerCamelCase field of the same name; 64-bit integers
arrive as JSON strings (``"modRevision": "42"``) and are Python ``int`` here.
"""

from dataclasses import dataclass, field, fields
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple, Type, TypeVar, Union

from .errors import ProtocolError

JSON = Dict[str, Any]
D = TypeVar("D", bound="Decodable")


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


def as_str(value: Any) -> str:
    """Reads a JSON string (null reads as "")."""
    return "" if value is None else str(value)


def as_str_map(value: Any) -> Dict[str, str]:
    """Reads a JSON object of strings (a proto map<string, string>)."""
    return {str(k): as_str(v) for k, v in as_obj(value).items()}


def list_of(parse: Callable[[Any], Any]) -> Callable[[Any], List[Any]]:
    """A reader of a JSON array whose elements ``parse`` reads."""
    return lambda value: [parse(item) for item in as_list(value)]


def optional(parse: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A reader of a field that may be null (or absent)."""
    return lambda value: None if value is None else parse(value)


_READERS: Dict[Any, Callable[[Any], Any]] = {int: as_int, str: as_str, bool: bool}


def read_as(reader: Callable[[Any], Any], **kwargs: Any) -> Any:
    """A dataclass field read from JSON with ``reader`` (for non-scalar fields)."""
    return field(metadata={"read": reader}, **kwargs)


def camel(name: str) -> str:
    """The lowerCamelCase JSON name of a snake_case field."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


class Decodable:
    """Base of the dataclasses read from JSON answers."""

    @classmethod
    def from_json(cls: Type[D], obj: Any, **given: Any) -> D:
        """Reads the proto3 JSON form; ``given`` fills fields that are not in it."""
        o = as_obj(obj)
        values = {}
        for f in fields(cls):  # type: ignore[arg-type]
            if f.name in given:
                values[f.name] = given[f.name]
            else:
                reader = f.metadata.get("read") or _READERS[f.type]
                values[f.name] = reader(o.get(camel(f.name)))
        return cls(**values)


@dataclass(frozen=True)
class ConfigEntry(Decodable):
    """One config key with its value and revisions (``session_id`` 0: not ephemeral)."""

    key: str
    value: str
    create_revision: int
    mod_revision: int
    version: int
    session_id: int = 0


@dataclass(frozen=True)
class ConfigPage(Decodable):
    """Config entries read at ``revision``; ``next_page_token`` is empty on the last page."""

    items: List[ConfigEntry] = read_as(list_of(ConfigEntry.from_json))
    revision: int = 0
    next_page_token: str = ""


@dataclass(frozen=True)
class DeleteResult(Decodable):
    """How many keys a delete removed, and the store's revision after it (0 in a txn)."""

    deleted: int
    revision: int = 0


@dataclass(frozen=True)
class PutResult(Decodable):
    """The outcome of a transaction's put."""

    key: str
    mod_revision: int


@dataclass(frozen=True)
class GetResult(Decodable):
    """The outcome of a transaction's get."""

    items: List[ConfigEntry] = read_as(list_of(ConfigEntry.from_json))


TxnResult = Union[PutResult, DeleteResult, GetResult]
_TXN_RESULTS: Tuple[Tuple[str, Type[Decodable]], ...] = (
    ("put", PutResult),
    ("delete", DeleteResult),
    ("get", GetResult),
)


def txn_result_from_json(obj: Any) -> TxnResult:
    """Reads one ``results`` element of a transaction answer."""
    o = as_obj(obj)
    for name, cls in _TXN_RESULTS:
        if o.get(name) is not None:
            return cls.from_json(o[name])  # type: ignore[return-value]
    raise ProtocolError(f"unknown transaction result {obj!r}")


@dataclass(frozen=True)
class TxnResponse(Decodable):
    """Whether the compares held, the revision after the transaction, and the results
    of the branch that ran, in order."""

    succeeded: bool
    revision: int
    results: List[TxnResult] = read_as(list_of(txn_result_from_json))


@dataclass(frozen=True)
class SessionInfo(Decodable):
    """A session (an etcd lease): its id, TTL and seconds left before it expires."""

    id: int
    ttl_seconds: int
    remaining_seconds: int


@dataclass(frozen=True)
class HealthCheck(Decodable):
    """An HTTP probe the sidecar runs against the app (any 2xx passes)."""

    http: str
    interval_seconds: int = 0

    def to_json(self) -> JSON:
        """The proto3 JSON form, as sent in a registration."""
        return {"http": self.http, "intervalSeconds": self.interval_seconds}


@dataclass(frozen=True)
class Instance(Decodable):
    """A registered instance of a service."""

    service: str
    id: str
    address: str = ""
    port: int = 0
    metadata: Mapping[str, str] = read_as(as_str_map, default_factory=dict)
    session_id: int = 0
    health_check: Optional[HealthCheck] = read_as(optional(HealthCheck.from_json), default=None)
    mod_revision: int = 0


@dataclass(frozen=True)
class InstanceList(Decodable):
    """The instances of one service, read at ``revision``."""

    instances: List[Instance] = read_as(list_of(Instance.from_json))
    revision: int = 0


@dataclass(frozen=True)
class LockGrant(Decodable):
    """The answer to a lock acquire: granted or not, with its fencing token."""

    acquired: bool
    fencing_token: int
    session_id: int
    key: str


@dataclass(frozen=True)
class LockHolder(Decodable):
    """The current holder of a lock; ``since`` is the grant time, RFC 3339."""

    name: str
    session_id: int
    fencing_token: int
    since: str


@dataclass(frozen=True)
class CampaignResult(Decodable):
    """The answer to a campaign: elected or not, with the term."""

    elected: bool
    term: int
    session_id: int


@dataclass(frozen=True)
class Leader(Decodable):
    """The leader of an election: its value, term (grows with every new leader) and session."""

    name: str
    value: str
    term: int
    session_id: int


def leader_or_none(obj: Any) -> Optional[Leader]:
    """Reads a leader field that may be null."""
    return None if obj is None else Leader.from_json(obj)


def flag(name: str) -> Callable[[Any], bool]:
    """A parser of an answer that reads one boolean field of it."""
    return lambda obj: bool(as_obj(obj).get(name))


def int_field(name: str) -> Callable[[Any], int]:
    """A parser of an answer that reads one integer field of it."""
    return lambda obj: as_int(as_obj(obj).get(name))


def services_from_json(obj: Any) -> List[str]:
    """Reads the service names of ``GET /v1/services``."""
    return [as_str(s) for s in as_list(as_obj(obj).get("services"))]
