"""Authentication with --api-token: argument, environment, and errors."""

from typing import Callable

import pytest

import outrigger
from outrigger import Client

from sidecar import Sidecar


def test_token_from_the_argument(auth_sidecar: Sidecar, make_client: Callable[..., Client]) -> None:
    client = make_client(auth_sidecar.endpoint, api_token=auth_sidecar.api_token)
    assert client.config.put("auth/k", "v").value == "v"
    with client.config.watch("auth/") as watch:
        assert watch.revision is not None


def test_missing_or_wrong_token_is_unauthenticated(
    auth_sidecar: Sidecar, monkeypatch: pytest.MonkeyPatch, make_client: Callable[..., Client]
) -> None:
    monkeypatch.delenv("OUTRIGGER_API_TOKEN", raising=False)
    for client in (make_client(auth_sidecar.endpoint), make_client(auth_sidecar.endpoint, api_token="wrong")):
        with pytest.raises(outrigger.Unauthenticated) as err:
            client.config.get("auth/k")
        assert err.value.http_status == 401 and "bearer token" in err.value.message
        with pytest.raises(outrigger.Unauthenticated):
            client.config.watch("auth/")  # a watch raises it at once, never retries it


def test_endpoint_and_token_from_the_environment(
    auth_sidecar: Sidecar, monkeypatch: pytest.MonkeyPatch, make_client: Callable[..., Client]
) -> None:
    monkeypatch.setenv("OUTRIGGER_ENDPOINT", auth_sidecar.endpoint)
    monkeypatch.setenv("OUTRIGGER_API_TOKEN", auth_sidecar.api_token or "")
    client = make_client()
    assert client.settings.port == auth_sidecar.http_port
    assert client.config.put("auth/env", "ok").value == "ok"
