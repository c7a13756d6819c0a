"""The Services dataplane (table ip podd-services in the pod network):

* render + load time of the rules for 100 Services x 3 endpoints (a whole
  table, then an in-place load after one endpoint change), median of N;
* pod -> ClusterIP against pod -> pod IP, same two pods, same run: bulk TCP
  throughput (one connection), request/response latency on one connection,
  and new connections per second (each one through the DNAT rules).

Run as the unprivileged user, inside its delegated cgroup subtree::

    bash scripts/as-user.sh poddtest .venv/bin/python bench/service_proxy.py [-n 5]
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import dataclasses
import json
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import msgspec

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from podd.network.holder import PodNetwork
from podd.network.proxyload import transaction
from podd.network.proxyplan import Backend, PortPlan
from podd.network.proxyrules import render
from podd.sandbox import SandboxEnv, SandboxSpec, create_sandbox, destroy_sandbox
from podd.sandbox.pause import join_argv
from podd.sandbox.sandbox import SandboxState

PR_SET_CHILD_SUBREAPER = 36
PORT = 5201
CIP = "10.96.0.10"

SERVER = """
import socket, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", {port})); s.listen(256); print("listening", flush=True)
def serve(c):
    with c:
        mode = c.recv(1)
        if mode == b"b":  # bulk: read to EOF, answer the count
            n = 0
            while chunk := c.recv(1 << 18):
                n += len(chunk)
            c.sendall(str(n).encode())
        elif mode == b"p":  # ping-pong: echo until EOF
            while data := c.recv(64):
                c.sendall(data)
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
"""

CLIENT = """
import json, socket, time
ip, port, mib = {ip!r}, {port}, {mib}
out = {{}}
chunk = b"x" * (1 << 18)
c = socket.create_connection((ip, port)); c.sendall(b"b")
t = time.perf_counter()
for _ in range(mib * 4):
    c.sendall(chunk)
c.shutdown(socket.SHUT_WR); n = int(c.recv(64)); el = time.perf_counter() - t; c.close()
out["throughput_gbit_s"] = round(n * 8 / el / 1e9, 2)
c = socket.create_connection((ip, port)); c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
c.sendall(b"p"); rtts = []
for _ in range(2000):
    t = time.perf_counter(); c.sendall(b"ping"); c.recv(64); rtts.append(time.perf_counter() - t)
c.close(); rtts.sort()
out["rtt_median_us"] = round(rtts[len(rtts) // 2] * 1e6, 1)
out["rtt_p99_us"] = round(rtts[int(len(rtts) * 0.99)] * 1e6, 1)
t = time.perf_counter()
for _ in range(500):
    with socket.create_connection((ip, port)) as c:
        c.sendall(b"q")
out["connections_per_s"] = round(500 / (time.perf_counter() - t))
print(json.dumps(out))
"""


def median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 1)


async def rules_timing(net: PodNetwork, runs: int) -> dict[str, float | int]:
    def plans(shift: int) -> list[PortPlan]:
        return [
            PortPlan(
                "bench",
                f"svc-{i}",
                "http",
                "tcp",
                f"10.96.{1 + i // 250}.{i % 250 + 1}",
                80,
                backends=tuple(
                    Backend(f"10.88.{1 + i // 80}.{(i % 80) * 3 + k + shift}", 8080)
                    for k in range(3)
                ),
            )
            for i in range(100)
        ]

    render_s, full_s, change_s = [], [], []
    loads = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        first = render(plans(1), pod_cidr=net.config.pod_cidr)
        t1 = time.perf_counter()
        for text in transaction(first, None):
            await net.load_rules(text)
        t2 = time.perf_counter()
        # one endpoint of one Service changes: render everything, load in place
        changed = plans(1)
        changed[0] = msgspec.structs.replace(changed[0], backends=changed[0].backends[:2])
        t3 = time.perf_counter()
        second = render(changed, pod_cidr=net.config.pod_cidr)
        for text in transaction(second, first):
            await net.load_rules(text)
        t4 = time.perf_counter()
        render_s.append(t1 - t0)
        full_s.append(t2 - t1)
        change_s.append(t4 - t3)
        loads = len(transaction(first, None))
    return {
        "services": 100,
        "endpoints_each": 3,
        "nft_loads_for_the_whole_table": loads,
        "render_ms": median_ms(render_s),
        "load_whole_table_ms": median_ms(full_s),
        "render_and_load_in_place_after_one_change_ms": median_ms(change_s),
    }


async def in_pod(env: SandboxEnv, pod: SandboxState, code: str) -> dict[str, float]:
    proc = await asyncio.create_subprocess_exec(
        *join_argv(env.pause, pod.pause.pid, ["user", "net"], [sys.executable, "-c", code]),
        stdout=asyncio.subprocess.PIPE,
    )
    async with asyncio.timeout(300):
        out, _ = await proc.communicate()
    return dict(json.loads(out))


async def main(runs: int, mib: int) -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    rt = Path(tempfile.mkdtemp(prefix="podd-b-", dir="/tmp"))
    env = dataclasses.replace(SandboxEnv.discover(rt), cgroups=None)
    nft = shutil.which("nft") or shutil.which("nft", path="/usr/sbin:/sbin")
    assert nft is not None, "nft is not installed"
    net = PodNetwork(
        rt / "net",
        pause=env.pause,
        slirp4netns=env.slirp4netns,
        nft_binary=Path(nft),
        id_mapping=env.id_mapping,
        id_tools=env.id_tools,
    )
    await net.start()
    env = dataclasses.replace(env, pod_network=net)
    pods: list[SandboxState] = []
    server = None
    try:
        result: dict[str, object] = {"rules": await rules_timing(net, runs)}
        for name in ("server", "client"):
            spec = SandboxSpec(uid=f"{name}-{uuid.uuid4().hex[:8]}", name=name)
            pods.append(await create_sandbox(spec, env))
        srv, cli = pods
        one = PortPlan(
            "bench", "iperf", "", "tcp", CIP, PORT, backends=(Backend(srv.pod_ip or "", PORT),)
        )
        for text in transaction(render([one], pod_cidr=net.config.pod_cidr), None):
            await net.load_rules(text)
        server = await asyncio.create_subprocess_exec(
            *join_argv(
                env.pause,
                srv.pause.pid,
                ["user", "net"],
                [sys.executable, "-c", SERVER.format(port=PORT)],
            ),
            stdout=asyncio.subprocess.PIPE,
        )
        assert server.stdout is not None
        await server.stdout.readline()
        for label, ip in (("pod_to_pod_ip", srv.pod_ip), ("pod_to_cluster_ip", CIP)):
            result[label] = await in_pod(env, cli, CLIENT.format(ip=ip, port=PORT, mib=mib))
        print(json.dumps(result, indent=2))
    finally:
        if server is not None:
            server.kill()
            await server.wait()
        for pod in pods:
            await destroy_sandbox(pod, env)
        await net.stop()
        shutil.rmtree(rt, ignore_errors=True)


if __name__ == "__main__":
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("-n", type=int, default=5, help="runs of the rules timing")
    ap.add_argument("--mib", type=int, default=1024, help="MiB sent for the throughput")
    args = ap.parse_args()
    asyncio.run(main(args.n, args.mib))
