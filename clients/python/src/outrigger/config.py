"""``client.config``: config entries with compare-and-set, transactions, reads at a
revision, and resumable watches."""

from typing import Any, List, Optional, Sequence

from . import _calls
from ._http import Transport
from ._streams import DEFAULT_IDLE_TIMEOUT, config_decoder
from .events import ConfigChange
from .models import JSON, ConfigEntry, ConfigPage, DeleteResult, TxnResponse
from .watch import Watch


class ConfigAPI:
    """Config entries under ``/outrigger/config/`` (keys and values are UTF-8 strings)."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def get(
        self, key: str, *, revision: Optional[int] = None, serializable: bool = False, timeout: Optional[float] = None
    ) -> ConfigEntry:
        """Reads one entry, at the latest revision or at ``revision``.

        Raises NotFound when there is no such key, OutOfRange (Compacted) when the
        revision was compacted.
        """
        return self._transport.call(_calls.config_get(key, revision, serializable), timeout)

    def put(
        self,
        key: str,
        value: str,
        *,
        if_revision: Optional[int] = None,
        session_id: Optional[int] = None,
        if_lock_held: Any = None,
        timeout: Optional[float] = None,
    ) -> ConfigEntry:
        """Writes one entry and returns it as written.

        ``if_revision=0`` creates only; ``if_revision=N`` writes only if the key's
        mod revision is N (else Aborted, a Conflict). ``session_id`` makes the key
        ephemeral. ``if_lock_held`` (a held Lock, or a (name, fencing token) pair)
        writes only while that lock is held with that token (else Aborted).
        """
        fence = None if if_lock_held is None else _calls.fence_of(if_lock_held)
        return self._transport.call(_calls.config_put(key, value, if_revision, session_id, fence), timeout)

    def delete(self, key: str, *, prefix: bool = False, timeout: Optional[float] = None) -> DeleteResult:
        """Deletes a key, or with ``prefix=True`` every key that starts with it."""
        return self._transport.call(_calls.config_delete(key, prefix), timeout)

    def list_page(
        self,
        prefix: str = "",
        *,
        limit: Optional[int] = None,
        page_token: Optional[str] = None,
        revision: Optional[int] = None,
        timeout: Optional[float] = None,
    ) -> ConfigPage:
        """Reads one page of the entries under ``prefix``; pass ``next_page_token`` on."""
        return self._transport.call(_calls.config_list_page(prefix, limit, page_token, revision), timeout)

    def list(self, prefix: str = "", *, revision: Optional[int] = None, timeout: Optional[float] = None) -> ConfigPage:
        """Reads every entry under ``prefix``, all pages at the revision of the first.

        The answer's ``revision`` is where to start a watch: ``revision + 1``.
        """
        page = self.list_page(prefix, limit=1000, revision=revision, timeout=timeout)
        items: List[ConfigEntry] = list(page.items)
        while page.next_page_token:
            page = self.list_page(prefix, limit=1000, page_token=page.next_page_token, timeout=timeout)
            items.extend(page.items)
        return ConfigPage(items=items, revision=page.revision, next_page_token="")

    def txn(
        self,
        compare: Sequence[JSON] = (),
        then: Sequence[JSON] = (),
        otherwise: Sequence[JSON] = (),
        *,
        timeout: Optional[float] = None,
    ) -> TxnResponse:
        """Runs ``then`` if every compare holds, else ``otherwise``, as one transaction
        (build the parts with :mod:`outrigger.txn`)."""
        return self._transport.call(_calls.config_txn(compare, then, otherwise), timeout)

    def watch(
        self, prefix: str = "", *, start_revision: Optional[int] = None, idle_timeout: float = DEFAULT_IDLE_TIMEOUT
    ) -> "Watch[ConfigChange]":
        """Watches the keys under ``prefix`` from ``start_revision`` (None: from now).

        Yields :class:`ConfigEvent` per change and :class:`ConfigResync` when the
        start revision was compacted. See :class:`outrigger.watch.Watch`.
        """
        return Watch(self._transport, _calls.config_watch_target(prefix), config_decoder(start_revision), idle_timeout)
