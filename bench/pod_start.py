"""Pod start latency and memory per pod: podd vs podman, same machine, same
image (busybox from the same local registry, pulled by both beforehand),
same OCI runtime (runc), interleaved runs.

A run: create a one-container pod whose container serves HTTP on a host
port, and wait for the first 200 through that port. podd: one POST.
podman: ``pod create -p`` + ``run -d --pod``.

Memory: RSS of what runs per pod besides the app process (podd: pause,
conmon, and with ``--network slirp`` a slirp4netns each; podman: infra + its
conmon, slirp4netns, rootlessport, the app's conmon), measured with 5 pods
up. With ``--network bridge`` (the default) the pod network's holder and
slirp4netns run before the first pod and stay: they are in the base, and
``shared_kb`` reports them.

    bash scripts/as-user.sh poddtest .venv/bin/python bench/pod_start.py [-n 20]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import environment, podd_service, rss_kb, runtime_tmpdir
from tests.integration.pods.helpers import free_ports
from tests.support import oci_build as ob
from tests.support.registry import run_registry

PODS = "/api/v1/namespaces/default/pods"
SIDE_PROCS = (
    "podd-pause",
    "slirp4netns",
    "conmon",
    "rootlessport",
    "rootlessport-child",
    "catatonit",
)


def wait_http(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(timeout=1.0) as c:
        while time.monotonic() < deadline:
            try:
                if c.get(f"http://127.0.0.1:{port}/hostname").status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.002)
    raise TimeoutError(f"port {port} did not answer")


def podd_pod(name: str, image: str, port: int) -> dict[str, object]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name},
        "spec": {
            "terminationGracePeriodSeconds": 0,
            "containers": [
                {
                    "name": "web",
                    "image": image,
                    "command": ["httpd", "-f", "-p", "8080", "-h", "/etc"],
                    "ports": [{"containerPort": 8080, "hostPort": port}],
                }
            ],
        },
    }


class Podman:
    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="podman-bench-"))
        self.rundir = runtime_tmpdir("podman-bench-run-")
        self.env = dict(os.environ, XDG_RUNTIME_DIR=str(self.rundir))
        self.cmd = [
            "podman",
            "--storage-driver",
            "vfs",
            "--root",
            str(self.base / "root"),
            "--runroot",
            str(self.rundir / "rr"),
            "--runtime",
            "runc",
            "--cgroup-manager",
            "cgroupfs",
            "--events-backend",
            "file",
        ]

    def run(self, *args: str) -> str:
        out = subprocess.run(
            [*self.cmd, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if out.returncode != 0:
            raise RuntimeError(f"podman {' '.join(args)}: {out.stderr.strip()}")
        return out.stdout

    def start_pod(self, name: str, image: str, port: int) -> None:
        self.run("pod", "create", "--name", name, "-p", f"127.0.0.1:{port}:8080")
        self.run(
            "run",
            "-d",
            "--pod",
            name,
            "--name",
            f"{name}-web",
            image,
            "httpd",
            "-f",
            "-p",
            "8080",
            "-h",
            "/etc",
        )

    def rm_pod(self, name: str) -> None:
        self.run("pod", "rm", "-f", "-t", "0", name)

    def close(self) -> None:
        subprocess.run(
            [*self.cmd, "pod", "rm", "-a", "-f", "-t", "0"],
            env=self.env,
            capture_output=True,
            timeout=120,
            check=False,
        )
        subprocess.run(
            [*self.cmd, "unshare", "rm", "-rf", str(self.base / "root")],
            env=self.env,
            capture_output=True,
            timeout=120,
            check=False,
        )
        for pid_file in (
            self.rundir / "libpod" / "tmp" / "pause.pid",
            Path(f"/run/user/{os.getuid()}/libpod/tmp/pause.pid"),
        ):
            try:
                pid = int(pid_file.read_text())
                if Path(f"/proc/{pid}/comm").read_text().strip() == "catatonit":
                    os.kill(pid, 9)
            except (OSError, ValueError):
                pass
        shutil.rmtree(self.base, ignore_errors=True)
        shutil.rmtree(self.rundir, ignore_errors=True)


def side_rss() -> int:
    """KB of RSS in the per-pod helper processes of this user."""
    total = 0
    for p in Path("/proc").iterdir():
        if not p.name.isdigit():
            continue
        try:
            if p.stat().st_uid != os.getuid():
                continue
            comm = (p / "comm").read_text().strip()
        except OSError:
            continue
        if comm in SIDE_PROCS or comm.startswith("podd-pause"):
            total += rss_kb(int(p.name))
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=20)
    ap.add_argument("--memory-pods", type=int, default=5)
    ap.add_argument(
        "--network",
        choices=["bridge", "slirp"],
        default="bridge",
        help="podd's pod network (shared holder + slirp4netns, counted in the base) or a"
        " slirp4netns per pod",
    )
    args = ap.parse_args()
    reg_root = Path(tempfile.mkdtemp(prefix="podd-bench-reg-"))
    podd_times: list[float] = []
    podman_times: list[float] = []
    mem: dict[str, float] = {}
    with run_registry(reg_root) as reg:
        ob.push(reg.url, "library/busybox", "1.36", ob.busybox_image())
        image = f"{reg.host}/library/busybox:1.36"
        podman = Podman()
        try:
            podman.run("pull", "-q", "--tls-verify=false", image)
            with (
                podd_service("--insecure-registry", reg.host, "--network", args.network) as podd,
                podd.client(timeout=120) as c,
            ):
                with c.stream("POST", "/podd/v1/images/pull", json={"image": image}) as r:
                    r.read()
                ports = free_ports(2 * args.n + 2 * args.memory_pods)
                for i in range(args.n):
                    # podd
                    t0 = time.perf_counter()
                    r = c.post(PODS, json=podd_pod(f"b{i}", image, ports[2 * i]))
                    assert r.status_code == 201, r.text
                    wait_http(ports[2 * i])
                    podd_times.append(time.perf_counter() - t0)
                    c.delete(f"{PODS}/b{i}", params={"gracePeriodSeconds": "0"})
                    # podman
                    t0 = time.perf_counter()
                    podman.start_pod(f"b{i}", image, ports[2 * i + 1])
                    wait_http(ports[2 * i + 1])
                    podman_times.append(time.perf_counter() - t0)
                    podman.rm_pod(f"b{i}")
                # Memory with several pods up, podd first, then podman.
                deadline = time.monotonic() + 60
                while c.get(PODS).json()["items"] and time.monotonic() < deadline:
                    time.sleep(0.1)
                time.sleep(1)
                base = side_rss()
                mp = ports[2 * args.n :]
                for i in range(args.memory_pods):
                    c.post(PODS, json=podd_pod(f"m{i}", image, mp[i]))
                for i in range(args.memory_pods):
                    wait_http(mp[i])
                time.sleep(1)
                mem["podd_kb_per_pod"] = (side_rss() - base) / args.memory_pods
                for i in range(args.memory_pods):
                    c.delete(f"{PODS}/m{i}", params={"gracePeriodSeconds": "0"})
            time.sleep(1)
            base = side_rss()
            for i in range(args.memory_pods):
                podman.start_pod(f"m{i}", image, mp[args.memory_pods + i])
            for i in range(args.memory_pods):
                wait_http(mp[args.memory_pods + i])
            time.sleep(1)
            mem["podman_kb_per_pod"] = (side_rss() - base) / args.memory_pods
        finally:
            podman.close()
    shutil.rmtree(reg_root, ignore_errors=True)
    med_podd = statistics.median(podd_times) * 1000
    med_podman = statistics.median(podman_times) * 1000
    print(
        json.dumps(
            {
                "env": environment(),
                "runs": args.n,
                "podd_network": args.network,
                "pod_start_ms": {
                    "podd_median": round(med_podd, 1),
                    "podman_median": round(med_podman, 1),
                    "ratio": round(med_podd / med_podman, 3),
                    "podd_all": [round(t * 1000, 1) for t in podd_times],
                    "podman_all": [round(t * 1000, 1) for t in podman_times],
                },
                "memory": {
                    **{k: round(v) for k, v in mem.items()},
                    "ratio": round(mem["podd_kb_per_pod"] / mem["podman_kb_per_pod"], 3)
                    if mem.get("podman_kb_per_pod")
                    else None,
                },
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
