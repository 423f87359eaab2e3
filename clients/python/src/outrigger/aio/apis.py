"""``client.config``, ``client.sessions`` and ``client.registry`` for asyncio: the
same calls as the blocking client (documented there), awaited."""

from typing import Any, List, Mapping, Optional, Sequence

from .. import _calls
from .._streams import DEFAULT_IDLE_TIMEOUT, config_decoder, instances_decoder
from ..events import ConfigChange, InstanceChange
from ..models import (
    JSON,
    ConfigEntry,
    ConfigPage,
    DeleteResult,
    HealthCheck,
    Instance,
    InstanceList,
    SessionInfo,
    TxnResponse,
)
from ._http import AsyncTransport
from .watch import AsyncWatch


class AsyncConfigAPI:
    """Config entries; see :class:`outrigger.config.ConfigAPI`."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def get(
        self, key: str, *, revision: Optional[int] = None, serializable: bool = False, timeout: Optional[float] = None
    ) -> ConfigEntry:
        """Reads one entry (NotFound, Compacted)."""
        return await self._transport.call(_calls.config_get(key, revision, serializable), timeout)

    async def put(
        self,
        key: str,
        value: str,
        *,
        if_revision: Optional[int] = None,
        session_id: Optional[int] = None,
        if_lock_held: Any = None,
        timeout: Optional[float] = None,
    ) -> ConfigEntry:
        """Writes one entry, optionally compare-and-set, ephemeral or fenced (Aborted)."""
        fence = None if if_lock_held is None else _calls.fence_of(if_lock_held)
        return await self._transport.call(_calls.config_put(key, value, if_revision, session_id, fence), timeout)

    async def delete(self, key: str, *, prefix: bool = False, timeout: Optional[float] = None) -> DeleteResult:
        """Deletes a key or a prefix."""
        return await self._transport.call(_calls.config_delete(key, prefix), timeout)

    async def list_page(
        self,
        prefix: str = "",
        *,
        limit: Optional[int] = None,
        page_token: Optional[str] = None,
        revision: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> ConfigPage:
        """Reads one page of a listing."""
        return await self._transport.call(_calls.config_list_page(prefix, limit, page_token, revision), timeout)

    async def list(
        self, prefix: str = "", *, revision: Optional[int] = None, timeout: Optional[float] = None
    ) -> ConfigPage:
        """Reads every entry under a prefix, all pages at one revision."""
        pages = [await self.list_page(prefix, limit=1000, revision=revision, timeout=timeout)]
        while pages[-1].next_page_token:
            pages.append(
                await self.list_page(prefix, limit=1000, page_token=pages[-1].next_page_token, timeout=timeout)
            )
        items: List[ConfigEntry] = [item for page in pages for item in page.items]
        return ConfigPage(items=items, revision=pages[-1].revision, next_page_token="")

    async def txn(
        self,
        compare: Sequence[JSON] = (),
        then: Sequence[JSON] = (),
        otherwise: Sequence[JSON] = (),
        *,
        timeout: Optional[float] = None,
    ) -> TxnResponse:
        """Runs a transaction (build its parts with :mod:`outrigger.txn`)."""
        return await self._transport.call(_calls.config_txn(compare, then, otherwise), timeout)

    async def watch(
        self, prefix: str = "", *, start_revision: Optional[int] = None, idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    ) -> "AsyncWatch[ConfigChange]":
        """Watches a prefix; in place once awaited; ``async for`` the changes."""
        target = _calls.config_watch_target(prefix)
        return await AsyncWatch.open(self._transport, target, config_decoder(start_revision), idle_timeout)


class AsyncSessionsAPI:
    """Raw session calls; see :class:`outrigger.sessions.SessionsAPI`."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def create(self, ttl: Optional[int] = None, *, timeout: Optional[float] = None) -> SessionInfo:
        """Creates a session of ``ttl`` seconds (None: 15); you keep it alive."""
        return await self._transport.call(_calls.session_create(ttl), timeout)

    async def keepalive(self, session_id: int, *, timeout: Optional[float] = None) -> int:
        """Renews a session and returns its TTL; NotFound once it has expired."""
        return await self._transport.call(_calls.session_keepalive(session_id), timeout)

    async def get(self, session_id: int, *, timeout: Optional[float] = None) -> SessionInfo:
        """Reads a session's TTL and remaining seconds; NotFound once it has expired."""
        return await self._transport.call(_calls.session_get(session_id), timeout)

    async def delete(self, session_id: int, *, timeout: Optional[float] = None) -> bool:
        """Ends a session, releasing all it holds; False if it did not exist."""
        return await self._transport.call(_calls.session_delete(session_id), timeout)


class AsyncRegistryAPI:
    """Service instances; see :class:`outrigger.registry.RegistryAPI`."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def register(
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
        """Adds or replaces an instance (bound to a session)."""
        call = _calls.registry_register(service, instance_id, address, port, metadata, session_id, ttl, health_check)
        return await self._transport.call(call, timeout)

    async def deregister(self, service: str, instance_id: str, *, timeout: Optional[float] = None) -> bool:
        """Removes an instance; False when it was not registered."""
        return await self._transport.call(_calls.registry_deregister(service, instance_id), timeout)

    async def services(self, *, timeout: Optional[float] = None) -> List[str]:
        """Names every service with at least one instance."""
        return await self._transport.call(_calls.registry_services(), timeout)

    async def instances(self, service: str, *, timeout: Optional[float] = None) -> InstanceList:
        """Lists the instances of a service, with the revision they were read at."""
        return await self._transport.call(_calls.registry_instances(service), timeout)

    async def watch(
        self, service: str, *, start_revision: Optional[int] = None, idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    ) -> "AsyncWatch[InstanceChange]":
        """Watches a service's instances; in place once awaited."""
        target = _calls.instances_watch_target(service)
        return await AsyncWatch.open(self._transport, target, instances_decoder(start_revision), idle_timeout)
