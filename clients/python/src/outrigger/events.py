"""What watches deliver: change events, and resyncs that replace the watcher's state
when its start revision was compacted."""

from dataclasses import dataclass
from typing import List, Union

from .models import ConfigEntry, Decodable, Instance, list_of, read_as

PUT = "PUT"
DELETE = "DELETE"


@dataclass(frozen=True)
class ConfigEvent(Decodable):
    """A change of one config key: ``type`` is ``"PUT"`` or ``"DELETE"`` (value empty).

    ``revision`` is the revision of the batch the event came in (its ``mod_revision``).
    """

    type: str
    key: str
    value: str
    mod_revision: int
    create_revision: int
    version: int
    revision: int


@dataclass(frozen=True)
class ConfigResync(Decodable):
    """The whole state under the watched prefix at ``revision``; events go on after it.

    Sent when the requested start revision was compacted: replace what you hold.
    """

    items: List[ConfigEntry] = read_as(list_of(ConfigEntry.from_json))
    revision: int = 0


@dataclass(frozen=True)
class InstanceEvent(Decodable):
    """A change of one instance; for ``"DELETE"`` only ``service`` and ``id`` are set."""

    type: str
    instance: Instance = read_as(Instance.from_json)
    mod_revision: int = 0
    revision: int = 0


@dataclass(frozen=True)
class InstancesResync(Decodable):
    """Every instance of the service at ``revision``; events go on after it."""

    instances: List[Instance] = read_as(list_of(Instance.from_json))
    revision: int = 0


ConfigChange = Union[ConfigEvent, ConfigResync]
InstanceChange = Union[InstanceEvent, InstancesResync]
