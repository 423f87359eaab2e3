"""Where the sidecar is and how to talk to it: endpoint, token and timeout, from the
arguments or the environment (``OUTRIGGER_ENDPOINT``, ``OUTRIGGER_API_TOKEN``)."""

import os
from dataclasses import dataclass
from typing import Any, Dict, Optional
from urllib.parse import urlencode, urlsplit

from ._calls import Call

DEFAULT_ENDPOINT = "http://127.0.0.1:7400"
DEFAULT_TIMEOUT = 10.0
"""Seconds a call may take, on top of any wait the call asks the server for."""

USER_AGENT = "outrigger-python/0.1"


@dataclass(frozen=True)
class Settings:
    """The resolved connection settings of a client."""

    host: str
    port: int
    base_path: str
    api_token: Optional[str]
    timeout: float

    @staticmethod
    def resolve(endpoint: Optional[str], api_token: Optional[str], timeout: Optional[float]) -> "Settings":
        """Fills what is not given from the environment, then from the defaults."""
        url = endpoint or os.environ.get("OUTRIGGER_ENDPOINT") or DEFAULT_ENDPOINT
        parts = urlsplit(url if "://" in url else "http://" + url)
        if parts.scheme != "http":
            raise ValueError(f"endpoint {url!r}: only http:// is supported (the sidecar is local)")
        if not parts.hostname:
            raise ValueError(f"endpoint {url!r} names no host")
        token = api_token if api_token is not None else os.environ.get("OUTRIGGER_API_TOKEN")
        seconds = DEFAULT_TIMEOUT if timeout is None else float(timeout)
        if seconds <= 0:
            raise ValueError(f"timeout must be positive, not {timeout!r}")
        return Settings(
            host=parts.hostname,
            port=parts.port or 80,
            base_path=parts.path.rstrip("/"),
            api_token=token or None,
            timeout=seconds,
        )

    def target(self, call: "Call[Any]") -> str:
        """The request target (path and query) of a call."""
        query = "?" + urlencode(dict(call.query)) if call.query else ""
        return self.base_path + call.path + query

    def headers(self, body: Optional[bytes], stream: bool = False) -> Dict[str, str]:
        """The headers of a request with this body."""
        headers = {
            "Accept": "application/x-ndjson" if stream else "application/json",
            "User-Agent": USER_AGENT,
        }
        if body is not None:
            headers["Content-Type"] = "application/json"
            headers["Content-Length"] = str(len(body))
        if self.api_token:
            headers["Authorization"] = "Bearer " + self.api_token
        return headers

    def call_timeout(self, call: "Call[Any]", timeout: Optional[float]) -> float:
        """How long a call may take: the given or default timeout plus the server wait."""
        return (self.timeout if timeout is None else timeout) + call.server_wait
