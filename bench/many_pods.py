"""Many pods at once: N pods created together, time until every one is
Running (serving HTTP on its host port), podd vs podman, same machine, image
and runtime (runc).

podd: N concurrent POSTs. podman: N concurrent ``pod create -p`` + ``run -d
--pod`` pairs (its CLI is how podman users start pods; a thread each).
Reported: wall time and pods per second; the ratio is podd's rate over
podman's.

    bash scripts/as-user.sh poddtest .venv/bin/python bench/many_pods.py [-n 50]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import environment, podd_service
from bench.pod_start import PODS, Podman, podd_pod, wait_http
from tests.integration.pods.helpers import free_ports
from tests.support import oci_build as ob
from tests.support.registry import run_registry


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=50)
    ap.add_argument("--network", choices=["bridge", "slirp"], default="bridge")
    args = ap.parse_args()
    n = args.n
    reg_root = Path(tempfile.mkdtemp(prefix="podd-bench-reg-"))
    result: dict[str, object] = {"env": environment(), "pods": n, "podd_network": args.network}
    with run_registry(reg_root) as reg:
        ob.push(reg.url, "library/busybox", "1.36", ob.busybox_image())
        image = f"{reg.host}/library/busybox:1.36"
        ports = free_ports(2 * n)
        with (
            podd_service("--insecure-registry", reg.host, "--network", args.network) as podd,
            podd.client(timeout=120) as c,
        ):
            with c.stream("POST", "/podd/v1/images/pull", json={"image": image}) as r:
                r.read()
            t0 = time.perf_counter()
            with ThreadPoolExecutor(n) as pool:
                created = list(
                    pool.map(
                        lambda i: podd_post(podd.socket, podd_pod(f"m{i}", image, ports[i])),
                        range(n),
                    )
                )
                assert all(code == 201 for code in created), created
                list(pool.map(lambda i: wait_http(ports[i], 300), range(n)))
            took = time.perf_counter() - t0
            result["podd"] = {"seconds": round(took, 2), "pods_per_s": round(n / took, 2)}
            for i in range(n):
                c.delete(f"{PODS}/m{i}", params={"gracePeriodSeconds": "0"})
            deadline = time.monotonic() + 120
            while c.get(PODS).json()["items"] and time.monotonic() < deadline:
                time.sleep(0.2)
        podman = Podman()
        try:
            podman.run("pull", "-q", "--tls-verify=false", image)
            t0 = time.perf_counter()
            with ThreadPoolExecutor(n) as pool:
                list(pool.map(lambda i: podman.start_pod(f"m{i}", image, ports[n + i]), range(n)))
                list(pool.map(lambda i: wait_http(ports[n + i], 300), range(n)))
            took = time.perf_counter() - t0
            result["podman"] = {"seconds": round(took, 2), "pods_per_s": round(n / took, 2)}
        finally:
            podman.close()
    shutil.rmtree(reg_root, ignore_errors=True)
    rate = result["podd"]["pods_per_s"] / result["podman"]["pods_per_s"]  # type: ignore[index]
    result["rate_ratio"] = round(rate, 2)
    print(json.dumps(result, indent=2))


def podd_post(socket_path: Path, body: dict[str, object]) -> int:
    """One POST on a connection of its own (as N clients would)."""
    transport = httpx.HTTPTransport(uds=str(socket_path))
    with httpx.Client(transport=transport, base_url="http://podd", timeout=120) as c:
        return c.post(PODS, json=body).status_code


if __name__ == "__main__":
    main()
