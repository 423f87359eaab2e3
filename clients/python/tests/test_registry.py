"""Registry: registration, listing, watching, deregistration and expiry with the session."""

import queue
from typing import Any

from outrigger import Client, HealthCheck, InstanceEvent

from conftest import eventually
from test_watch import take


def test_register_list_watch_deregister(client: Client, name: str) -> None:
    seen: "queue.Queue[Any]" = queue.Queue()
    with client.registry.watch(name).in_background(seen.put):
        with client.session(ttl=10) as session:
            registered = client.registry.register(
                name, "i-1", "10.0.0.1", 8080, metadata={"zone": "a"}, session_id=session.id
            )
            assert (registered.service, registered.id, registered.session_id) == (name, "i-1", session.id)
            listed = client.registry.instances(name)
            assert [(i.id, i.address, i.port, dict(i.metadata)) for i in listed.instances] == [
                ("i-1", "10.0.0.1", 8080, {"zone": "a"})
            ]
            assert name in client.registry.services()
            put = take(seen, 1)[0]
            assert isinstance(put, InstanceEvent) and put.type == "PUT" and put.instance.address == "10.0.0.1"

            assert client.registry.deregister(name, "i-1")
            assert not client.registry.deregister(name, "i-1")
            gone = take(seen, 1)[0]
            assert (gone.type, gone.instance.service, gone.instance.id) == ("DELETE", name, "i-1")
    assert client.registry.instances(name).instances == []


def test_registration_expires_with_its_session(client: Client, name: str) -> None:
    """Registered with a TTL and never kept alive, the instance vanishes on its own."""
    seen: "queue.Queue[Any]" = queue.Queue()
    with client.registry.watch(name).in_background(seen.put):
        instance = client.registry.register(name, "short", "127.0.0.1", 9000, ttl=2)
        assert instance.session_id != 0
        assert take(seen, 1)[0].type == "PUT"
        assert [e.type for e in take(seen, 1)] == ["DELETE"]
    assert client.registry.instances(name).instances == []


def test_instance_goes_when_its_session_is_closed(client: Client, name: str) -> None:
    session = client.session(ttl=10)
    client.registry.register(name, "web", "127.0.0.1", 9001, session_id=session.id)
    session.close()
    eventually(lambda: client.registry.instances(name).instances == [], "the instance to go with its session")


def test_health_check_is_stored(client: Client, name: str) -> None:
    with client.session(ttl=10) as session:
        check = HealthCheck(http="http://127.0.0.1:1/health", interval_seconds=60)
        stored = client.registry.register(name, "hc", "127.0.0.1", 1, session_id=session.id, health_check=check)
        assert stored.health_check == check
