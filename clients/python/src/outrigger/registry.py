"""``client.registry``: service instances bound to sessions, listed and watched."""

from typing import List, Mapping, Optional

from . import _calls
from ._http import Transport
from ._streams import DEFAULT_IDLE_TIMEOUT, instances_decoder
from .events import InstanceChange
from .models import HealthCheck, Instance, InstanceList
from .watch import Watch


class RegistryAPI:
    """Register, deregister, list and watch service instances."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def register(
        self,
        service: str,
        instance_id: str,
        address: str,
        port: int,
        *,
        metadata: Optional[Mapping[str, str]] = None,
        session_id: Optional[int] = None,
        ttl: Optional[int] = None,
        health_check: Optional[HealthCheck] = None,
        timeout: Optional[float] = None,
    ) -> Instance:
        """Adds or replaces an instance.

        It belongs to ``session_id`` when given (e.g. ``client.session().id``); else
        to a new session of ``ttl`` seconds that you keep alive (``sessionId`` of the
        answer); else to the sidecar's own session, kept alive while the sidecar runs.
        """
        call = _calls.registry_register(service, instance_id, address, port, metadata, session_id, ttl, health_check)
        return self._transport.call(call, timeout)

    def deregister(self, service: str, instance_id: str, *, timeout: Optional[float] = None) -> bool:
        """Removes an instance; False when it was not registered."""
        return self._transport.call(_calls.registry_deregister(service, instance_id), timeout)

    def services(self, *, timeout: Optional[float] = None) -> List[str]:
        """Names every service with at least one instance."""
        return self._transport.call(_calls.registry_services(), timeout)

    def instances(self, service: str, *, timeout: Optional[float] = None) -> InstanceList:
        """Lists the instances of a service, with the revision they were read at."""
        return self._transport.call(_calls.registry_instances(service), timeout)

    def watch(
        self, service: str, *, start_revision: Optional[int] = None, idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    ) -> "Watch[InstanceChange]":
        """Watches a service's instances: :class:`InstanceEvent` per change and
        :class:`InstancesResync` when the start revision was compacted."""
        target = _calls.instances_watch_target(service)
        return Watch(self._transport, target, instances_decoder(start_revision), idle_timeout)
