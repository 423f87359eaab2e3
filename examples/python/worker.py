#!/usr/bin/env python3
"""A worker that registers itself, follows its config live, and runs its job only
while it holds a lock. Start several: they take turns, and each run writes its
result with the lock's fencing token, so a holder that lost the lock cannot write.

Config it follows (keys under ``worker/``):
    worker/interval   seconds between attempts (default 2)
    worker/message    what the job writes (default "hello")

Usage: python worker.py [--runs N] [--name NAME]
The sidecar is $OUTRIGGER_ENDPOINT (default http://127.0.0.1:7400).
"""

import argparse
import os
import signal
import socket
import sys
import threading
import time
from typing import Any, Callable, Dict, List

from outrigger import (
    Client,
    ConfigEvent,
    ConfigResync,
    Lock,
    LockNotAcquired,
    OutriggerError,
)

SERVICE = "worker"
CONFIG_PREFIX = "worker/"
LOCK_NAME = "worker-job"
DEFAULTS = {"interval": "2", "message": "hello"}


class LiveConfig:
    """The worker's config, kept current by a watch on a background thread."""

    def __init__(self, client: Client, on_failure: Callable[[str], None]) -> None:
        listing = client.config.list(CONFIG_PREFIX)
        self._values: Dict[str, str] = {e.key[len(CONFIG_PREFIX) :]: e.value for e in listing.items}
        self._guard = threading.Lock()
        watch = client.config.watch(CONFIG_PREFIX, start_revision=listing.revision + 1)
        self.subscription = watch.in_background(
            self._apply, on_error=lambda e: on_failure(f"config watch stopped: {e!r}")
        )

    def _apply(self, change: Any) -> None:
        with self._guard:
            if isinstance(change, ConfigResync):  # history was compacted: take the state it gives
                self._values = {e.key[len(CONFIG_PREFIX) :]: e.value for e in change.items}
            elif isinstance(change, ConfigEvent):
                name = change.key[len(CONFIG_PREFIX) :]
                if change.type == "DELETE":
                    self._values.pop(name, None)
                else:
                    self._values[name] = change.value
                print(f"config: {change.type} {name}={change.value!r}", flush=True)

    def get(self, name: str) -> str:
        with self._guard:
            return self._values.get(name, DEFAULTS[name])


def run_job(client: Client, lock: Lock, worker: str, message: str) -> None:
    """The work the lock protects: its result is written fenced by the lock."""
    for _ in range(3):
        if lock.lost.is_set():
            print("lock lost: stopping the job", flush=True)
            return
        time.sleep(0.2)
    client.config.put(
        "worker-results/last",
        f"{message} from {worker} (token {lock.fencing_token})",
        if_lock_held=lock,
    )
    print(f"job done by {worker} with fencing token {lock.fencing_token}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--runs",
        type=int,
        default=0,
        help="stop after this many jobs (0: run until stopped)",
    )
    parser.add_argument(
        "--name",
        default=f"{socket.gethostname()}-{os.getpid()}",
        help="this worker's instance id",
    )
    args = parser.parse_args()

    stop = threading.Event()
    failures: List[str] = []
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    def fail(reason: str) -> None:
        """Stops the worker with an error, for its supervisor to restart it."""
        print(reason, flush=True)
        failures.append(reason)
        stop.set()

    client = Client()
    session = client.session(
        ttl=10,
        on_lost=lambda s: fail(f"registration lost with its session: {s.lost_reason}"),
    )
    client.registry.register(
        SERVICE,
        args.name,
        "127.0.0.1",
        0,
        metadata={"pid": str(os.getpid())},
        session_id=session.id,
    )
    print(f"registered {SERVICE}/{args.name}", flush=True)
    config = LiveConfig(client, fail)

    runs = 0
    try:
        while not stop.is_set() and (args.runs == 0 or runs < args.runs):
            try:
                with client.lock(LOCK_NAME, ttl=10, wait=float(config.get("interval"))) as lock:
                    run_job(client, lock, args.name, config.get("message"))
                    runs += 1
            except LockNotAcquired:
                print("another worker holds the lock; waiting", flush=True)
                continue
            except OutriggerError as error:
                print(f"sidecar error: {error!r}; retrying", flush=True)
            stop.wait(float(config.get("interval")))
    finally:
        config.subscription.stop()
        try:
            session.close()  # deregisters at once
        except OutriggerError as error:
            print(
                f"could not deregister ({error}); the registration expires with its session",
                flush=True,
            )
        print(f"stopped after {runs} job(s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
