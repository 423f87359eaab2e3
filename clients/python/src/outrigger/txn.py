"""Builders for transaction compares and operations (plain dicts in the API's JSON form).

from outrigger import txn
client.config.txn(
    compare=[txn.compare("animal", value="lion")],
    then=[txn.put("animal", "tiger")],
    otherwise=[txn.get("animal")],
)
"""

from typing import Any, Dict, Optional

from .models import JSON

OPS = ("EQUAL", "NOT_EQUAL", "LESS", "GREATER")


def compare(
    key: str,
    *,
    value: Optional[str] = None,
    mod_revision: Optional[int] = None,
    create_revision: Optional[int] = None,
    version: Optional[int] = None,
    exists: Optional[bool] = None,
    op: str = "EQUAL",
) -> JSON:
    """A condition on one key; give exactly one of the targets."""
    targets: Dict[str, Any] = {
        "value": value,
        "modRevision": None if mod_revision is None else str(mod_revision),
        "createRevision": None if create_revision is None else str(create_revision),
        "version": None if version is None else str(version),
        "exists": exists,
    }
    given = {k: v for k, v in targets.items() if v is not None}
    if len(given) != 1:
        raise ValueError(
            f"compare on {key!r} needs exactly one of value, mod_revision, create_revision, version, exists"
        )
    if op not in OPS:
        raise ValueError(f"compare op must be one of {', '.join(OPS)}, not {op!r}")
    return {"key": key, **given, "op": op}


def put(key: str, value: str, *, session_id: Optional[int] = None) -> JSON:
    """An operation that writes a key (ephemeral when bound to a session)."""
    body: Dict[str, Any] = {"key": key, "value": value}
    if session_id:
        body["sessionId"] = str(session_id)
    return {"put": body}


def delete(key: str, *, prefix: bool = False) -> JSON:
    """An operation that deletes a key, or every key under a prefix."""
    return {"delete": {"key": key, "prefix": prefix}}


def get(key: str, *, prefix: bool = False) -> JSON:
    """An operation that reads a key, or every key under a prefix."""
    return {"get": {"key": key, "prefix": prefix}}
