"""Runs a real ``outrigger`` binary for the tests: free ports, a temp data dir, a
deadline on every wait, and a kill that always happens."""

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import List, Optional

READY_MARK = 'msg="outrigger ready"'
START_DEADLINE = 60.0
STOP_DEADLINE = 15.0
REPO_ROOT = Path(__file__).resolve().parents[3]


_given_ports: set[int] = set()


def free_port() -> int:
    """A loopback port that was free a moment ago and that this process was not given before.

    The kernel may hand a just-closed port out again; two flags of one sidecar given the
    same port would make it fail to start.
    """
    for _ in range(100):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port not in _given_ports:
            _given_ports.add(port)
            return port
    raise RuntimeError("no new free loopback port in 100 tries")


def build_binary(out_dir: str) -> str:
    """Builds the sidecar from this repo (when OUTRIGGER_BIN is not set)."""
    path = os.path.join(out_dir, "outrigger")
    subprocess.run(["go", "build", "-o", path, "./cmd/outrigger"], cwd=REPO_ROOT, check=True, timeout=600)
    return path


def child_env() -> dict:
    """The environment without OUTRIGGER_* (the sidecar reads its flags from there)."""
    return {k: v for k, v in os.environ.items() if not k.startswith("OUTRIGGER_")}


class Sidecar:
    """One sidecar process on fixed free ports, restartable on the same ports and data."""

    def __init__(self, binary: str, name: str = "t1", api_token: Optional[str] = None) -> None:
        self.binary = binary
        self.name = name
        self.api_token = api_token
        self.data_dir = tempfile.mkdtemp(prefix="outrigger-py-")
        self.http_port = free_port()
        self.etcd_client_url = f"http://127.0.0.1:{free_port()}"
        self.peer_url = f"http://127.0.0.1:{free_port()}"
        self.endpoint = f"http://127.0.0.1:{self.http_port}"
        self.proc: Optional[subprocess.Popen] = None
        self.log: List[str] = []
        self._log_reader: Optional[threading.Thread] = None

    def start(self) -> None:
        args = [
            self.binary,
            "run",
            "--name",
            self.name,
            "--data-dir",
            self.data_dir,
            "--http-addr",
            f"127.0.0.1:{self.http_port}",
            "--grpc-addr",
            "127.0.0.1:0",
            "--etcd-client-url",
            self.etcd_client_url,
            "--peer-url",
            self.peer_url,
            "--progress-interval",
            "1s",
        ]
        if self.api_token:
            args += ["--api-token", self.api_token]
        self.proc = subprocess.Popen(args, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=child_env())
        ready = threading.Event()
        self._log_reader = threading.Thread(target=self._read_log, args=(self.proc, ready), daemon=True)
        self._log_reader.start()
        deadline = time.monotonic() + START_DEADLINE
        while not ready.wait(0.05):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError("sidecar did not get ready:\n" + "".join(self.log[-40:]))

    def _read_log(self, proc: subprocess.Popen, ready: threading.Event) -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace")
            self.log.append(line)
            if READY_MARK in line:
                ready.set()

    def stop(self) -> None:
        """Stops gracefully (SIGTERM), killing after a deadline."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is not None:
            self._close_log(proc)
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(STOP_DEADLINE)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(STOP_DEADLINE)
        self._close_log(proc)

    def kill(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait(STOP_DEADLINE)
        if proc is not None:
            self._close_log(proc)

    def _close_log(self, proc: subprocess.Popen) -> None:
        """Closes the exited process's log pipe once its reader has read it all."""
        if self._log_reader is not None:
            self._log_reader.join(STOP_DEADLINE)
        if proc.stderr is not None:
            proc.stderr.close()

    def restart(self) -> None:
        self.stop()
        self.start()

    def compact(self, revision: int) -> None:
        """Compacts etcd's history up to ``revision`` through the member's own gateway."""
        body = json.dumps({"revision": str(revision), "physical": True}).encode()
        req = urllib.request.Request(self.etcd_client_url + "/v3/kv/compaction", data=body, method="POST")
        with urllib.request.urlopen(req, timeout=10) as resp:
            resp.read()

    def cleanup(self) -> None:
        if self.proc is not None and self.proc.poll() is not None:
            tail = "".join(self.log[-30:])
            print(f"\nsidecar {self.name} had exited with {self.proc.returncode}:\n{tail}", file=sys.stderr)
        self.kill()
        import shutil

        shutil.rmtree(self.data_dir, ignore_errors=True)
