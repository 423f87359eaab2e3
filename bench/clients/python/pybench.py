"""Python clients side by side: Outrigger's stdlib client against the sidecar's
JSON API, and etcd3gw against the member's own JSON gateway (/v3/kv/*).

Run by the Go harness (bench/clients.go) in a venv with both installed; prints one
JSON object per line: {"kind": "kv", ...} and {"kind": "import", ...}.
"""

import argparse
import json
import random
import statistics
import string
import subprocess
import sys
import threading
import time


def run_closed(fn, threads, duration, keys):
    """Runs fn(key) from `threads` threads back to back for `duration` seconds."""
    lat = [[] for _ in range(threads)]
    errors = [0] * threads
    last_error = [""]
    deadline = time.perf_counter() + duration

    def worker(i):
        rnd = random.Random(i)
        fn_i = fn(i)
        while True:
            t = time.perf_counter()
            if t >= deadline:
                return
            try:
                fn_i(keys[rnd.randrange(len(keys))])
            except Exception as e:  # noqa: BLE001 - a benchmark counts failures
                errors[i] += 1
                last_error[0] = repr(e)[:300]
                continue
            lat[i].append(time.perf_counter() - t)

    start = time.perf_counter()
    ts = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    elapsed = time.perf_counter() - start
    all_lat = [x for li in lat for x in li]
    return all_lat, elapsed, sum(errors), last_error[0]


def import_time(module, runs=5):
    """Median wall time of `import module` in a fresh interpreter, in seconds."""
    code = "import time; t=time.perf_counter(); import %s; print(time.perf_counter()-t)" % module
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip()))
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--outrigger", required=True, help="sidecar JSON API URL")
    ap.add_argument("--etcd-host", required=True)
    ap.add_argument("--etcd-port", type=int, required=True)
    ap.add_argument("--duration", type=float, default=3.0)
    ap.add_argument("--value-size", type=int, default=1024)
    ap.add_argument("--keys", type=int, default=1000)
    ap.add_argument("--threads", default="1,8")
    args = ap.parse_args()

    import etcd3gw
    import outrigger

    value = "".join(random.choice(string.ascii_letters) for _ in range(args.value_size))
    keys = ["bench/py/%06d" % i for i in range(args.keys)]
    shared = outrigger.Client(endpoint=args.outrigger, timeout=10)
    for k in keys:
        shared.config.put(k, value)

    def etcd_client():
        return etcd3gw.client(host=args.etcd_host, port=args.etcd_port, timeout=10, api_path="/v3/")

    root = "/outrigger/config/"

    def etcd_op(op):
        def make(_):
            c = etcd_client()
            if op == "put":
                return lambda k: c.put(root + k, value)
            if op == "get":
                return lambda k: c.get(root + k)
            return lambda k: c.get(root + k, serializable=True)

        return make

    def outrigger_op(op):
        def make(_):
            if op == "put":
                return lambda k: shared.config.put(k, value)
            if op == "get":
                return lambda k: shared.config.get(k)
            return lambda k: shared.config.get(k, serializable=True)

        return make

    for threads in [int(x) for x in args.threads.split(",")]:
        for op in ("put", "get", "sget"):
            for client, make in (("etcd3gw", etcd_op(op)), ("outrigger", outrigger_op(op))):
                run_closed(make, threads, args.duration / 5, keys)  # warm-up
                lat, elapsed, errors, last = run_closed(make, threads, args.duration, keys)
                print(json.dumps({"kind": "kv", "client": client, "op": op, "threads": threads,
                                  "latencies_us": [round(x * 1e6) for x in lat], "elapsed_s": elapsed,
                                  "errors": errors, "last_error": last}), flush=True)
    for module in ("outrigger", "etcd3gw"):
        print(json.dumps({"kind": "import", "module": module, "seconds": import_time(module)}), flush=True)


if __name__ == "__main__":
    main()
