"""Pod to pod, and pod to Service, podd vs podman: same machine, image
(busybox) and runtime (runc), the same client commands in both.

podd: a server pod and a client pod on the pod network; the client fetches
by the server's pod IP and by a Service's clusterIP. podman (its default
rootless network: a slirp4netns per pod) has no path between pods but a
published port: the server pod publishes 127.0.0.1:P, the client pod
(slirp4netns allow_host_loopback) fetches 10.0.2.2:P.

Throughput: ``wget -O /dev/null`` of a 256 MiB file, best of 3. Latency:
200 sequential fetches of a small file, per request (wget's own start-up is
in both sides alike).

    bash scripts/as-user.sh poddtest .venv/bin/python bench/pod_network.py
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import environment, podd_service
from bench.pod_start import PODS, Podman
from tests.integration.pods.helpers import free_ports
from tests.support import oci_build as ob
from tests.support.registry import run_registry

SERVE = (
    "mkdir -p /www && dd if=/dev/zero of=/www/big bs=1M count=256 2>/dev/null"
    " && echo hi > /www/small && exec httpd -f -p 8080 -h /www"
)
# Timed inside the client pod by /proc/uptime (10 ms steps; busybox's date
# has no nanoseconds), so neither exec path's own cost is counted.
CLOCK = "cut -d' ' -f1 /proc/uptime"
FETCH_BIG = f"a=$({CLOCK}); wget -qO /dev/null http://{{addr}}/big; echo $a $({CLOCK})"
FETCH_SMALL = (
    f"a=$({CLOCK}); for i in $(seq 200); do wget -qO /dev/null http://{{addr}}/small; done;"
    f" echo $a $({CLOCK})"
)


def seconds(text: str) -> float:
    start, end = (float(x) for x in text.split())
    return max(end - start, 0.01)


def measure(run: object, addr: str) -> dict[str, float]:
    big = min(seconds(run(FETCH_BIG.format(addr=addr))) for _ in range(3))  # type: ignore[operator]
    small = seconds(run(FETCH_SMALL.format(addr=addr)))  # type: ignore[operator]
    return {"MiB_per_s": round(256 / big, 1), "ms_per_request": round(small / 200 * 1000, 3)}


def main() -> None:
    reg_root = Path(tempfile.mkdtemp(prefix="podd-bench-reg-"))
    out: dict[str, object] = {"env": environment()}
    with run_registry(reg_root) as reg:
        ob.push(reg.url, "library/busybox", "1.36", ob.busybox_image())
        image = f"{reg.host}/library/busybox:1.36"
        port = free_ports(1)[0]
        with podd_service("--insecure-registry", reg.host) as podd, podd.client(timeout=300) as c:
            for name, cmd in (("server", SERVE), ("client", "sleep 3600")):
                body = {
                    "apiVersion": "v1",
                    "kind": "Pod",
                    "metadata": {"name": name, "labels": {"app": name}},
                    "spec": {
                        "terminationGracePeriodSeconds": 0,
                        "containers": [{"name": "c", "image": image, "command": ["sh", "-c", cmd]}],
                    },
                }
                assert c.post(PODS, json=body).status_code == 201
            svc = {
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {"name": "server"},
                "spec": {
                    "selector": {"app": "server"},
                    "ports": [{"port": 80, "targetPort": 8080}],
                },
            }
            cluster_ip = c.post("/api/v1/namespaces/default/services", json=svc).json()["spec"][
                "clusterIP"
            ]
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                pods = {p["metadata"]["name"]: p for p in c.get(PODS).json()["items"]}
                if all(p.get("status", {}).get("phase") == "Running" for p in pods.values()):
                    break
                time.sleep(0.2)
            server_ip = pods["server"]["status"]["podIP"]
            time.sleep(2)  # the 64 MiB file written, the endpoints ready

            def run(script: str) -> str:
                r = c.post(
                    "/podd/v1/namespaces/default/pods/client/exec",
                    json={"command": ["sh", "-c", script]},
                )
                return str(r.json()["stdout"]).strip()

            out["podd_pod_to_pod"] = measure(run, f"{server_ip}:8080")
            out["podd_pod_to_service"] = measure(run, f"{cluster_ip}:80")
        podman = Podman()
        try:
            podman.run("pull", "-q", "--tls-verify=false", image)
            podman.run("pod", "create", "--name", "server", "-p", f"127.0.0.1:{port}:8080")
            podman.run(
                "run", "-d", "--pod", "server", "--name", "server-c", image, "sh", "-c", SERVE
            )
            podman.run(
                "pod",
                "create",
                "--name",
                "client",
                "--network",
                "slirp4netns:allow_host_loopback=true",
            )
            podman.run("run", "-d", "--pod", "client", "--name", "client-c", image, "sleep", "3600")
            time.sleep(3)

            def prun(script: str) -> str:
                return podman.run("exec", "client-c", "sh", "-c", script).strip()

            out["podman_pod_to_published_port"] = measure(prun, f"10.0.2.2:{port}")
        finally:
            podman.close()
    shutil.rmtree(reg_root, ignore_errors=True)
    p2p, svc_, pm = (
        out["podd_pod_to_pod"],
        out["podd_pod_to_service"],
        out["podman_pod_to_published_port"],
    )
    out["throughput_ratio_pod"] = round(p2p["MiB_per_s"] / pm["MiB_per_s"], 2)  # type: ignore[index]
    out["throughput_ratio_service"] = round(svc_["MiB_per_s"] / pm["MiB_per_s"], 2)  # type: ignore[index]
    out["latency_ratio_pod"] = round(p2p["ms_per_request"] / pm["ms_per_request"], 2)  # type: ignore[index]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
