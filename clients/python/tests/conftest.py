"""Fixtures: the sidecar binary, a sidecar per test session, and clients of it."""

import os
import tempfile
import time
import uuid
from typing import Any, Callable, Iterator, List

import pytest

from outrigger import Client

from sidecar import Sidecar, build_binary

DEADLINE = 20.0
"""The longest any test waits for something to happen."""


@pytest.fixture(scope="session")
def binary() -> Iterator[str]:
    path = os.environ.get("OUTRIGGER_BIN")
    if path:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="outrigger-bin-") as out:
        yield build_binary(out)


def _running(binary: str, **kwargs: object) -> Iterator[Sidecar]:
    sidecar = Sidecar(binary, **kwargs)  # type: ignore[arg-type]
    try:
        sidecar.start()
        yield sidecar
    finally:
        sidecar.cleanup()


@pytest.fixture(scope="session")
def sidecar(binary: str) -> Iterator[Sidecar]:
    """The sidecar most tests share."""
    yield from _running(binary)


@pytest.fixture()
def own_sidecar(binary: str) -> Iterator[Sidecar]:
    """A sidecar for one test, which may stop and restart it."""
    yield from _running(binary, name="t2")


@pytest.fixture(scope="session")
def auth_sidecar(binary: str) -> Iterator[Sidecar]:
    """A sidecar with --api-token."""
    yield from _running(binary, name="t3", api_token="s3cret-token")


@pytest.fixture()
def client(sidecar: Sidecar) -> Iterator[Client]:
    c = Client(sidecar.endpoint, timeout=10)
    yield c
    c.close()


@pytest.fixture()
def make_client() -> Iterator[Callable[..., Client]]:
    """Makes clients (any arguments of Client) and closes them after the test."""
    made: List[Client] = []

    def make(*args: Any, **kwargs: Any) -> Client:
        made.append(Client(*args, **kwargs))
        return made[-1]

    yield make
    for c in made:
        c.close()


@pytest.fixture()
def name() -> str:
    """A name no other test uses (keys, locks, elections, services)."""
    return "t-" + uuid.uuid4().hex[:12]


def eventually(check: Callable[[], bool], what: str, deadline: float = DEADLINE) -> None:
    """Waits until ``check()`` is true, failing after the deadline."""
    end = time.monotonic() + deadline
    while not check():
        if time.monotonic() > end:
            pytest.fail(f"timed out after {deadline:g}s waiting for {what}")
        time.sleep(0.05)
