"""Locks: exclusion across threads and processes with growing fencing tokens,
LockNotAcquired, try_lock, and the lost notification."""

import multiprocessing
import os
import signal
import threading
import time
from typing import Callable, List, Tuple

import pytest

import outrigger
from outrigger import Client, Lock

from conftest import DEADLINE, eventually
from sidecar import Sidecar

HOLD_SECONDS = 0.05


def hold_and_record(client: Client, name: str, out: "List[Tuple[int, float, float]]", rounds: int) -> None:
    """Takes the lock ``rounds`` times, recording (fencing token, entered, left)."""
    try:
        for _ in range(rounds):
            with client.lock(name, ttl=10, wait=DEADLINE) as lock:
                entered = time.time()
                time.sleep(HOLD_SECONDS)
                assert lock.fencing_token is not None
                out.append((lock.fencing_token, entered, time.time()))
    finally:
        client.close()  # this thread's connection


def assert_exclusive(grants: "List[Tuple[int, float, float]]") -> None:
    """No two grants overlap in time, and tokens grow in the order of the grants."""
    by_time = sorted(grants, key=lambda g: g[1])
    for before, after in zip(by_time, by_time[1:]):
        assert before[2] <= after[1], f"holders overlap: {before} and {after}"
        assert before[0] < after[0], f"fencing token did not grow: {before} then {after}"


def test_exclusion_across_threads(client: Client, name: str) -> None:
    grants: List[Tuple[int, float, float]] = []
    threads = [threading.Thread(target=hold_and_record, args=(client, name, grants, 3)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(DEADLINE * 2)
        assert not t.is_alive()
    assert len(grants) == 12
    assert_exclusive(grants)


def _process_worker(client: Client, name: str, results: "multiprocessing.Queue[object]") -> None:
    grants: List[Tuple[int, float, float]] = []
    try:
        hold_and_record(client, name, grants, 3)
        results.put((os.getpid(), grants))
    except BaseException as exc:
        results.put((os.getpid(), repr(exc)))


def test_exclusion_across_forked_processes(client: Client, name: str) -> None:
    """Children forked with the parent's client (and its open connection) each open
    their own connections and take turns."""
    client.config.put(f"{name}/warm", "1")  # the parent's connection is open when it forks
    ctx = multiprocessing.get_context("fork")
    results: "multiprocessing.Queue[object]" = ctx.Queue()
    procs = [ctx.Process(target=_process_worker, args=(client, name, results)) for _ in range(3)]
    for p in procs:
        p.start()
    grants: List[Tuple[int, float, float]] = []
    try:
        for _ in procs:
            pid, outcome = results.get(timeout=DEADLINE * 2)
            assert isinstance(outcome, list), f"child {pid} failed: {outcome}"
            grants.extend(outcome)
    finally:
        for p in procs:
            p.join(DEADLINE)
            if p.is_alive():
                p.kill()
    assert len(grants) == 9
    assert_exclusive(grants)
    assert client.config.get(f"{name}/warm").value == "1"  # the parent's client still works


def test_lock_not_acquired_never_runs_the_block(client: Client, name: str) -> None:
    ran = False
    with client.lock(name, ttl=10, wait=1) as held:
        with pytest.raises(outrigger.LockNotAcquired):
            with client.lock(name, ttl=10, wait=0.5):
                ran = True
        assert client.lock_holder(name).fencing_token == held.fencing_token
    assert not ran


def test_try_lock(client: Client, name: str) -> None:
    first = client.try_lock(name, ttl=10)
    assert first is not None and first.held
    assert client.try_lock(name, ttl=10) is None
    first.release()
    second = client.try_lock(name, ttl=10)
    assert second is not None
    with second:
        assert second.fencing_token > first.fencing_token  # type: ignore[operator]
    with pytest.raises(outrigger.NotFound):
        client.lock_holder(name)


def test_lost_when_the_session_is_deleted(client: Client, name: str) -> None:
    lost_calls: List[Lock] = []
    with client.lock(name, ttl=3, wait=1, on_lost=lost_calls.append) as lock:
        assert not lock.lost.is_set()
        client.sessions.delete(lock.session_id)  # type: ignore[arg-type]
        assert lock.lost.wait(DEADLINE), "lock.lost was never set"
        eventually(lambda: lost_calls == [lock], "the on_lost callback")
        assert not lock.held
        # Someone else can take it now.
        with client.lock(name, ttl=3, wait=1) as other:
            assert other.fencing_token > lock.fencing_token  # type: ignore[operator]


def test_held_lock_survives_many_ttls(client: Client, name: str) -> None:
    with client.lock(name, ttl=2, wait=1) as lock:
        time.sleep(3)  # longer than the TTL: only keep-alives keep it
        assert lock.held and not lock.lost.is_set()
        assert client.lock_holder(name).session_id == lock.session_id


def test_lost_when_keepalives_go_unanswered_past_the_ttl(
    own_sidecar: Sidecar, name: str, make_client: Callable[..., Client]
) -> None:
    """A frozen sidecar answers nothing: after the TTL the holder is told."""
    client = make_client(own_sidecar.endpoint, timeout=5)
    lock = client.lock(name, ttl=2, wait=1).acquire()
    assert own_sidecar.proc is not None
    pid = own_sidecar.proc.pid
    os.kill(pid, signal.SIGSTOP)
    try:
        assert lock.lost.wait(DEADLINE), "lock.lost was never set"
        assert not lock.held
    finally:
        os.kill(pid, signal.SIGCONT)
    lock.release()  # the session may be gone already: releasing a lost lock does not raise
