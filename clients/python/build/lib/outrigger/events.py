"""What watches deliver: change events, and resyncs that replace the watcher's state
when its start revision was compacted."""

from dataclasses import dataclass
from typing import Any, List, Union

from .models import ConfigEntry, Instance, as_int, as_list, as_obj

PUT = "PUT"
DELETE = "DELETE"


@dataclass(frozen=True)
class ConfigEvent:
    """A change of one config key: ``type`` is ``"PUT"`` or ``"DELETE"`` (value empty)."""

    type: str
    key: str
    value: str
    mod_revision: int
    create_revision: int
    version: int
    revision: int
    """The revision of the batch the event came in (equal to ``mod_revision``)."""

    @staticmethod
    def from_json(obj: Any, revision: int) -> "ConfigEvent":
        o = as_obj(obj)
        return ConfigEvent(
            type=str(o.get("type") or PUT),
            key=str(o.get("key", "")),
            value=str(o.get("value", "")),
            mod_revision=as_int(o.get("modRevision")),
            create_revision=as_int(o.get("createRevision")),
            version=as_int(o.get("version")),
            revision=revision,
        )


@dataclass(frozen=True)
class ConfigResync:
    """The whole state under the watched prefix at ``revision``; events go on after it.

    Sent when the requested start revision was compacted: replace what you hold.
    """

    items: List[ConfigEntry]
    revision: int

    @staticmethod
    def from_json(obj: Any) -> "ConfigResync":
        o = as_obj(obj)
        return ConfigResync(
            items=[ConfigEntry.from_json(i) for i in as_list(o.get("items"))],
            revision=as_int(o.get("revision")),
        )


@dataclass(frozen=True)
class InstanceEvent:
    """A change of one instance; for ``"DELETE"`` only ``service`` and ``id`` are set."""

    type: str
    instance: Instance
    mod_revision: int
    revision: int

    @staticmethod
    def from_json(obj: Any, revision: int) -> "InstanceEvent":
        o = as_obj(obj)
        return InstanceEvent(
            type=str(o.get("type") or PUT),
            instance=Instance.from_json(o.get("instance")),
            mod_revision=as_int(o.get("modRevision")),
            revision=revision,
        )


@dataclass(frozen=True)
class InstancesResync:
    """Every instance of the service at ``revision``; events go on after it."""

    instances: List[Instance]
    revision: int

    @staticmethod
    def from_json(obj: Any) -> "InstancesResync":
        o = as_obj(obj)
        return InstancesResync(
            instances=[Instance.from_json(i) for i in as_list(o.get("instances"))],
            revision=as_int(o.get("revision")),
        )


ConfigChange = Union[ConfigEvent, ConfigResync]
InstanceChange = Union[InstanceEvent, InstancesResync]
