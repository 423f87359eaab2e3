"""Sessions: the raw calls, and a session kept alive by the client."""

import time
from typing import List

import pytest

import outrigger
from outrigger import Client, Session

from conftest import DEADLINE, eventually


def test_raw_session_calls(client: Client) -> None:
    created = client.sessions.create(ttl=30)
    assert created.id > 0 and created.ttl_seconds == 30
    assert client.sessions.keepalive(created.id) == 30
    read = client.sessions.get(created.id)
    assert read.id == created.id and 0 < read.remaining_seconds <= 30
    assert client.sessions.delete(created.id)
    assert not client.sessions.delete(created.id)
    with pytest.raises(outrigger.NotFound):
        client.sessions.keepalive(created.id)


def test_kept_alive_session_outlives_its_ttl_and_reports_loss(client: Client) -> None:
    lost: List[Session] = []
    session = client.session(ttl=2, on_lost=lost.append)
    time.sleep(3)
    assert session.alive and client.sessions.get(session.id).id == session.id
    client.sessions.delete(session.id)
    assert session.lost.wait(DEADLINE)
    eventually(lambda: lost == [session], "the on_lost callback")
    assert "not found" in (session.lost_reason or "")
    session.close()  # closing a lost session does not raise
