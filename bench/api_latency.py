"""API latency with many pods: podd's API vs podman's REST API, same machine.

For N pods (each with its sandbox: pause + network), measure the median of:
create one pod, list all pods, get one pod. podman: ``POST /pods/create``,
``GET /pods/json``, ``GET /pods/{name}/json`` on ``podman system service``.

    bash scripts/as-user.sh poddtest .venv/bin/python bench/api_latency.py [-n 50]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import environment, podd_service, podman_service, report

PODS = "/api/v1/namespaces/default/pods"


def pod(name: str) -> dict[str, object]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {"containers": [{"name": "c", "image": "busybox:1.36"}]},
    }


def timed(fn, *args, **kw):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    r = fn(*args, **kw)
    return time.perf_counter() - t0, r


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--reads", type=int, default=50)
    args = ap.parse_args()
    rows = []
    podd_create: list[float] = []
    podd_list: list[float] = []
    podd_get: list[float] = []
    with podd_service() as podd, podd.client(timeout=120) as c:
        for i in range(args.n):
            dt, r = timed(c.post, PODS, json=pod(f"bench-{i}"))
            assert r.status_code == 201, r.text
            podd_create.append(dt)
        for i in range(args.reads):
            dt, r = timed(c.get, PODS)
            assert len(r.json()["items"]) == args.n
            podd_list.append(dt)
            dt, _ = timed(c.get, f"{PODS}/bench-{i % args.n}")
            podd_get.append(dt)
    pm_create: list[float] = []
    pm_list: list[float] = []
    pm_get: list[float] = []
    with podman_service() as pm:
        if pm is not None:
            try:
                for i in range(args.n):
                    dt, r = timed(pm.post, "/pods/create", json={"name": f"bench-{i}"})
                    assert r.status_code in (200, 201), r.text
                    pm_create.append(dt)
                for i in range(args.reads):
                    dt, r = timed(pm.get, "/pods/json")
                    pm_list.append(dt)
                    dt, _ = timed(pm.get, f"/pods/bench-{i % args.n}/json")
                    pm_get.append(dt)
            finally:
                for i in range(args.n):
                    pm.delete(f"/pods/bench-{i}", params={"force": "true"})
    rows.append(report(f"create pod (of {args.n})", podd_create, pm_create))
    rows.append(report(f"list {args.n} pods", podd_list, pm_list))
    rows.append(report("get one pod", podd_get, pm_get))
    print(json.dumps({"env": environment(), "results": rows}, indent=2))


if __name__ == "__main__":
    main()
