"""Exec round trips and port-forward throughput: podd vs podman, same
machine, same image, same OCI runtime (runc).

exec: ``true`` run N times in a running container — podd's exec endpoint
(WebSocket v5, in process), ``kubectl exec`` through podd (TLS), ``podd
exec`` (the CLI) and ``podman exec``. port-forward: a 100 MB file fetched
from httpd in the pod through ``kubectl port-forward`` (SPDY/3.1 over a
WebSocket), ``podd port-forward`` (v4 channels), the pod's hostPort
(slirp4netns) and podman's published port (rootlessport).

    bash scripts/as-user.sh poddtest .venv/bin/python bench/streams.py [-n 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import environment, podd_service
from bench.pod_start import Podman
from tests.e2e.conftest import KUBECTLS, write_kubeconfig
from tests.integration.pods.helpers import free_ports
from tests.support import oci_build as ob
from tests.support.registry import run_registry

PODS = "/api/v1/namespaces/default/pods"
SIZE = 100 * 1000 * 1000
SERVE = f"mkdir -p /www && head -c {SIZE} /dev/zero > /www/big && exec httpd -f -p 8080 -h /www"


def timed(fn: Callable[[], object], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


def fetch_mbps(url: str, runs: int = 3) -> float:
    speeds = []
    for _ in range(runs):
        t0 = time.perf_counter()
        size = 0
        with httpx.stream("GET", url, timeout=300) as r:
            for chunk in r.iter_bytes(1 << 20):
                size += len(chunk)
        assert size == SIZE, size
        speeds.append(SIZE / 1e6 / (time.perf_counter() - t0))
    return round(statistics.median(speeds), 1)


def until_up(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(url)


def forward(argv: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    found = re.search(r"127\.0\.0\.1:(\d+) ->", proc.stdout.readline())
    assert found, "no Forwarding line"
    return proc, int(found.group(1))


async def ws_exec(sock: Path, n: int) -> list[float]:
    from websockets.asyncio.client import unix_connect

    path = f"{PODS}/web/exec?command=true&stdout=true&stderr=true"
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        async with unix_connect(
            str(sock), f"ws://podd{path}", subprotocols=["v5.channel.k8s.io"]
        ) as ws:
            async for _msg in ws:
                pass
        out.append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=20)
    args = ap.parse_args()
    results: dict[str, object] = {"env": environment()}
    host_port, podman_port = free_ports(2)
    with run_registry(Path(tempfile.mkdtemp(prefix="podd-bench-reg-"))) as reg:
        ob.push(reg.url, "library/busybox", "1.36", ob.busybox_image())
        image = f"{reg.host}/library/busybox:1.36"
        podman = Podman()
        try:
            podman.run("pull", "-q", "--tls-verify=false", image)
            podman.run(
                "run",
                "-d",
                "--name",
                "web",
                "-p",
                f"127.0.0.1:{podman_port}:8080",
                image,
                "sh",
                "-c",
                SERVE,
            )
            with podd_service("--listen", "127.0.0.1:0", "--insecure-registry", reg.host) as podd:
                base = Path(tempfile.mkdtemp(prefix="podd-bench-kc-"))
                kc = write_kubeconfig(podd, base / "kubeconfig").path
                pod = {
                    "apiVersion": "v1",
                    "kind": "Pod",
                    "metadata": {"name": "web"},
                    "spec": {
                        "terminationGracePeriodSeconds": 0,
                        "containers": [
                            {
                                "name": "web",
                                "image": image,
                                "command": ["sh", "-c", SERVE],
                                "ports": [{"containerPort": 8080, "hostPort": host_port}],
                            }
                        ],
                    },
                }
                with podd.client(timeout=120) as c:
                    assert c.post(PODS, json=pod).status_code == 201
                until_up(f"http://127.0.0.1:{host_port}/big")
                until_up(f"http://127.0.0.1:{podman_port}/big")
                env = dict(os.environ, HOME=str(base))
                kubectl = [
                    str(KUBECTLS["1.33"]),
                    "--kubeconfig",
                    str(kc),
                    "--cache-dir",
                    str(base / "cache"),
                ]
                podd_cli = [sys.executable, "-m", "podd.cli.main"]
                run = subprocess.run
                results["exec_ms"] = {
                    "podd_websocket": ms(asyncio.run(ws_exec(podd.socket, args.n))),
                    "kubectl_exec_via_podd": ms(
                        timed(
                            lambda: run(
                                [*kubectl, "exec", "web", "--", "true"], env=env, check=True
                            ),
                            args.n,
                        )
                    ),
                    "podd_exec_cli": ms(
                        timed(
                            lambda: run(
                                [
                                    *podd_cli,
                                    "exec",
                                    "--socket",
                                    str(podd.socket),
                                    "web",
                                    "--",
                                    "true",
                                ],
                                check=True,
                            ),
                            args.n,
                        )
                    ),
                    "podman_exec": ms(timed(lambda: podman.run("exec", "web", "true"), args.n)),
                }
                kpf, kport = forward([*kubectl, "port-forward", "pod/web", ":8080"], env)
                ppf, pport = forward(
                    [*podd_cli, "port-forward", "--socket", str(podd.socket), "web", ":8080"], env
                )
                try:
                    results["download_100MB_MBps"] = {
                        "kubectl_port_forward_via_podd": fetch_mbps(
                            f"http://127.0.0.1:{kport}/big"
                        ),
                        "podd_port_forward_cli": fetch_mbps(f"http://127.0.0.1:{pport}/big"),
                        "podd_hostPort_slirp4netns": fetch_mbps(
                            f"http://127.0.0.1:{host_port}/big"
                        ),
                        "podman_published_port": fetch_mbps(f"http://127.0.0.1:{podman_port}/big"),
                    }
                finally:
                    for p in (kpf, ppf):
                        p.terminate()
                        p.wait(10)
                with podd.client(timeout=120) as c:
                    c.delete(f"{PODS}/web")
        finally:
            podman.run("rm", "-f", "-t", "0", "web")
            podman.close()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
