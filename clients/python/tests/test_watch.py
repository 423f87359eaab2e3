"""Watches: order, history, resume across a sidecar restart with nothing missed or
repeated, resync after compaction, and the callback form."""

import queue
import threading
from typing import Any, Callable, List

import pytest

import outrigger
from outrigger import Client, ConfigEvent, ConfigResync

from conftest import DEADLINE
from sidecar import Sidecar


def take(q: "queue.Queue[Any]", count: int) -> List[Any]:
    """The next ``count`` items of a subscription's queue, each within the deadline."""
    out = []
    for _ in range(count):
        try:
            out.append(q.get(timeout=DEADLINE))
        except queue.Empty:
            pytest.fail(f"got {len(out)} of {count} watch items within {DEADLINE:g}s: {out}")
    return out


def next_within(watch: "outrigger.Watch[Any]", deadline: float = DEADLINE) -> Any:
    """The watch's next item, failing the test if none comes within the deadline."""
    timer = threading.Timer(deadline, watch.close)  # closing ends a blocked iteration
    timer.start()
    try:
        return next(watch)
    except StopIteration:
        pytest.fail(f"no watch item within {deadline:g}s")
    finally:
        timer.cancel()


def test_events_arrive_in_revision_order(client: Client, name: str) -> None:
    with client.config.watch(f"{name}/") as watch:
        assert watch.revision is not None  # the watch is in place once returned
        a = client.config.put(f"{name}/a", "1")
        client.config.put(f"{name}/b", "2")
        client.config.delete(f"{name}/a")
        client.config.put("elsewhere/" + name, "not watched")
        events = [next_within(watch) for _ in range(3)]
    assert [(e.type, e.key, e.value) for e in events] == [
        ("PUT", f"{name}/a", "1"),
        ("PUT", f"{name}/b", "2"),
        ("DELETE", f"{name}/a", ""),
    ]
    assert events[0].revision == a.mod_revision
    assert events[0].revision < events[1].revision < events[2].revision


def test_watch_replays_history_from_a_start_revision(client: Client, name: str) -> None:
    first = client.config.put(f"{name}/k", "1")
    client.config.put(f"{name}/k", "2")
    with client.config.watch(f"{name}/", start_revision=first.mod_revision) as watch:
        assert [e.value for e in (next_within(watch), next_within(watch))] == ["1", "2"]


def test_watch_resumes_across_a_sidecar_restart(
    own_sidecar: Sidecar, name: str, make_client: Callable[..., Client]
) -> None:
    client = make_client(own_sidecar.endpoint, timeout=10)
    received: "queue.Queue[Any]" = queue.Queue()
    with client.config.watch(f"{name}/", idle_timeout=5).in_background(received.put) as subscription:
        for i in range(3):
            client.config.put(f"{name}/k", f"v{i}")
        assert [e.value for e in take(received, 3)] == ["v0", "v1", "v2"]

        own_sidecar.restart()
        # Written while the watch is still reconnecting: it must replay them.
        for i in range(3, 6):
            client.config.put(f"{name}/k", f"v{i}")
        client.config.put(f"{name}/end", "sentinel")
        rest = take(received, 4)
        assert subscription.running and subscription.error is None
    assert [(e.key, e.value) for e in rest] == [(f"{name}/k", f"v{i}") for i in range(3, 6)] + [
        (f"{name}/end", "sentinel")
    ]
    assert received.empty()  # nothing repeated
    assert all(isinstance(e, ConfigEvent) for e in rest)


def test_resync_after_compaction(client: Client, sidecar: Sidecar, name: str) -> None:
    start = client.config.put(f"{name}/a", "1")
    client.config.put(f"{name}/b", "2")
    client.config.put(f"{name}/a", "1b")
    now = client.config.delete(f"{name}/b")
    sidecar.compact(now.revision)

    with client.config.watch(f"{name}/", start_revision=start.mod_revision) as watch:
        resync = next_within(watch)
        assert isinstance(resync, ConfigResync)
        assert [(e.key, e.value) for e in resync.items] == [(f"{name}/a", "1b")]
        assert resync.revision >= now.revision
        later = client.config.put(f"{name}/c", "3")
        event = next_within(watch)
    assert isinstance(event, ConfigEvent) and (event.key, event.revision) == (f"{name}/c", later.mod_revision)


def test_a_bad_watch_raises_at_once(client: Client) -> None:
    with pytest.raises(outrigger.InvalidArgument):
        client.config.watch("p/", start_revision=-3)


def test_callback_errors_are_reported_not_swallowed(client: Client, name: str) -> None:
    errors: "queue.Queue[BaseException]" = queue.Queue()

    def callback(_event: Any) -> None:
        raise ValueError("callback broke")

    subscription = client.config.watch(f"{name}/").in_background(callback, on_error=errors.put)
    client.config.put(f"{name}/k", "v")
    error = errors.get(timeout=DEADLINE)
    assert isinstance(error, ValueError)
    with pytest.raises(ValueError):
        subscription.join(DEADLINE)
    assert not subscription.running


def test_a_watch_raises_what_reconnecting_cannot_cure(
    own_sidecar: Sidecar, name: str, make_client: Callable[..., Client]
) -> None:
    """The token changes while the sidecar restarts: the open watch reports it."""
    own_sidecar.api_token = "first-token"
    own_sidecar.restart()
    client = make_client(own_sidecar.endpoint, api_token="first-token")
    errors: "queue.Queue[BaseException]" = queue.Queue()
    subscription = client.config.watch(f"{name}/").in_background(lambda _: None, on_error=errors.put)
    own_sidecar.api_token = "second-token"
    own_sidecar.restart()
    error = errors.get(timeout=DEADLINE)
    assert isinstance(error, outrigger.Unauthenticated)
    subscription.stop()
    assert not subscription.running
