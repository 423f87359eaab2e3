"""The example worker runs as examples/python/README.md says."""

import subprocess
import sys
from pathlib import Path

from outrigger import Client

from conftest import DEADLINE
from sidecar import REPO_ROOT, Sidecar, child_env

WORKER = Path(REPO_ROOT) / "examples" / "python" / "worker.py"


def test_two_workers_take_turns(sidecar: Sidecar, client: Client) -> None:
    env = {**child_env(), "OUTRIGGER_ENDPOINT": sidecar.endpoint}
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "--runs", "2", "--name", name],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name in ("w1", "w2")
    ]
    outputs = []
    try:
        for worker in workers:
            out, _ = worker.communicate(timeout=DEADLINE * 2)
            outputs.append(out)
            assert worker.returncode == 0, out
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
    for name, out in zip(("w1", "w2"), outputs):
        assert f"registered worker/{name}" in out
        assert out.count(f"job done by {name} with fencing token") == 2
        assert "stopped after 2 job(s)" in out
    tokens = sorted(int(line.rsplit(" ", 1)[1]) for out in outputs for line in out.splitlines() if "job done" in line)
    assert len(set(tokens)) == 4
    assert client.config.get("worker-results/last").value.endswith(f"(token {tokens[-1]})")
    assert client.registry.instances("worker").instances == []  # both deregistered on the way out
