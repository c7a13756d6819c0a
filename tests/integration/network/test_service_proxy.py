"""Service traffic for real, in the pod network's kernel: two backend pods
each answering with their name on 8080, a client pod connecting to the
ClusterIP 10.96.0.20:80 through the rules of ``table ip podd-services``
(rendered from Structs, loaded with ``PodNetwork.load_rules``). Counts show
the balancing, endpoint changes, ClientIP affinity, rejection without
endpoints, hairpin, UDP, a NodePort reached through slirp4netns, why the
shared bridge needs masquerading, and the ServiceProxy following a store."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec
import pytest

from podd.controller.serviceproxy import ServiceProxy
from podd.model.endpointslice import EndpointSlice
from podd.model.service import Service, default_service
from podd.network import conntrack
from podd.network.holder import PodNetwork
from podd.network.proxyload import transaction
from podd.network.proxyplan import Backend, PortPlan
from podd.network.proxyrules import Ruleset, render
from podd.sandbox import SandboxEnv
from podd.sandbox.pause import join_argv
from podd.sandbox.portfwd import SlirpClient
from podd.sandbox.sandbox import SandboxState
from podd.store import migrate
from podd.store.repository import Store
from tests.integration.sandbox.conftest import Sandboxes
from tests.integration.sandbox.helpers import free_port, python_in_pod, run_in_pod

pytestmark = pytest.mark.integration

CIP, PORT, TARGET = "10.96.0.20", 80, 8080
BRIDGE_NF = "/proc/sys/net/bridge/bridge-nf-call-iptables"

# Answers every TCP connection and UDP datagram on the port with
# "<name> <the peer's address as the backend sees it>".
SERVE = """
import socket, threading
name, port = {name!r}, {port}
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("0.0.0.0", port))
def udp():
    while True:
        data, peer = u.recvfrom(100); u.sendto(f"{{name}} {{peer[0]}}".encode(), peer)
threading.Thread(target=udp, daemon=True).start()
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", port)); s.listen(128); print("listening", flush=True)
while True:
    c, peer = s.accept(); c.sendall(f"{{name}} {{peer[0]}}".encode()); c.close()
"""

# n TCP connections; what each one read, and the errors by type.
CONNECT = """
import socket, json, collections
seen, errors = collections.Counter(), collections.Counter()
for _ in range({n}):
    try:
        with socket.create_connection(({ip!r}, {port}), timeout={timeout}) as c:
            data = b""
            while chunk := c.recv(100):
                data += chunk
        seen[data.decode()] += 1
    except OSError as e:
        errors[type(e).__name__] += 1
print(json.dumps({{"seen": seen, "errors": errors}}))
"""

UDP_ASK = """
import socket
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(5)
u.bind(("0.0.0.0", {sport}))
u.connect(({ip!r}, {port}))  # a connected socket takes answers from that address only
u.send(b"hi"); print(u.recv(100).decode())
"""


@dataclass
class Pods:
    a: SandboxState
    b: SandboxState
    client: SandboxState


@pytest.fixture
async def pods(env: SandboxEnv, net_sandboxes: Sandboxes) -> AsyncIterator[Pods]:
    a, b, client = await asyncio.gather(
        net_sandboxes.create("a"), net_sandboxes.create("b"), net_sandboxes.create("client")
    )
    servers = [await serve(env, pod, name) for pod, name in ((a, "a"), (b, "b"))]
    try:
        yield Pods(a, b, client)
    finally:
        for proc in servers:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
            await proc.wait()


async def serve(env: SandboxEnv, pod: SandboxState, name: str) -> asyncio.subprocess.Process:
    proc = await asyncio.create_subprocess_exec(
        *join_argv(
            env.pause,
            pod.pause.pid,
            ["user", "net"],
            ["python3", "-c", SERVE.format(name=name, port=TARGET)],
        ),
        stdout=asyncio.subprocess.PIPE,
    )
    assert proc.stdout is not None
    async with asyncio.timeout(20):
        assert (await proc.stdout.readline()).strip() == b"listening"
    return proc


def port(*backends: SandboxState, cip: str = CIP, **fields: Any) -> PortPlan:
    fields.setdefault("protocol", "tcp")
    return PortPlan(
        namespace="default",
        service=fields.pop("service", "web"),
        port_name="",
        cluster_ip=cip,
        port=fields.pop("port", PORT),
        backends=tuple(Backend(p.pod_ip or "", TARGET) for p in backends),
        **fields,
    )


class Loader:
    """Loads rulesets in turn, each in place over the one before."""

    def __init__(self, net: PodNetwork, service_cidr: str = "") -> None:
        self.net = net
        self.service_cidr = service_cidr
        self.last: Ruleset | None = None

    async def __call__(self, *plans: PortPlan, masquerade_all: bool = True) -> None:
        rules = render(
            plans,
            pod_cidr=self.net.config.pod_cidr,
            service_cidr=self.service_cidr,
            masquerade_all=masquerade_all,
        )
        for text in transaction(rules, self.last):
            await self.net.load_rules(text)
        self.last = rules


async def connect(
    env: SandboxEnv,
    pod: SandboxState,
    n: int,
    *,
    ip: str = CIP,
    port: int = PORT,
    timeout: float = 5,
) -> dict[str, dict[str, int]]:
    code = CONNECT.format(n=n, ip=ip, port=port, timeout=timeout)
    done = await python_in_pod(env.pause, pod.pause.pid, code, timeout=60)
    assert done.rc == 0, done
    return dict(json.loads(done.out))


async def test_cluster_ip_balances_and_follows_endpoint_changes(
    env: SandboxEnv, pod_network: PodNetwork, pods: Pods
) -> None:
    load, gw = Loader(pod_network), pod_network.config.gateway
    # Straight to a pod: no NAT, the backend sees the client's own address.
    direct = await connect(env, pods.client, 1, ip=pods.a.pod_ip or "", port=TARGET)
    assert direct["seen"] == {f"a {pods.client.pod_ip}": 1}

    await load(port(pods.a, pods.b))
    got = await connect(env, pods.client, 40)
    # Both serve (all 40 on one side: odds 2**-39), masqueraded to the bridge's address.
    assert set(got["seen"]) == {f"a {gw}", f"b {gw}"} and got["errors"] == {}, got
    assert sum(got["seen"].values()) == 40

    await load(port(pods.a))  # b leaves the endpoints: in place
    got = await connect(env, pods.client, 20)
    assert got == {"seen": {f"a {gw}": 20}, "errors": {}}

    await load(port())  # nobody ready: rejected at once, not a timeout
    got = await connect(env, pods.client, 3, timeout=10)
    assert got == {"seen": {}, "errors": {"ConnectionRefusedError": 3}}

    await load(port(pods.b))
    got = await connect(env, pods.client, 10)
    assert got == {"seen": {f"b {gw}": 10}, "errors": {}}


async def test_what_no_service_port_took_never_leaves_through_slirp4netns(
    env: SandboxEnv, pod_network: PodNetwork, pods: Pods
) -> None:
    """A ClusterIP's other ports refuse at once; an address of the service
    CIDR no Service holds is dropped (not routed out to the host's network)."""
    await Loader(pod_network, "10.96.0.0/16")(port(pods.a))
    assert (await connect(env, pods.client, 2))["seen"] == {f"a {pod_network.config.gateway}": 2}
    got = await connect(env, pods.client, 2, port=PORT + 1, timeout=10)
    assert got == {"seen": {}, "errors": {"ConnectionRefusedError": 2}}
    got = await connect(env, pods.client, 1, ip="10.96.0.99", timeout=1)
    assert got == {"seen": {}, "errors": {"TimeoutError": 1}}


async def test_client_ip_affinity_keeps_each_client_on_one_backend(
    env: SandboxEnv, pod_network: PodNetwork, pods: Pods
) -> None:
    load = Loader(pod_network)
    sticky = port(pods.a, pods.b, affinity_timeout=600)
    await load(sticky)
    got = await connect(env, pods.client, 20)
    ((first, count),) = got["seen"].items()
    assert count == 20
    # Another Service added: an in-place load keeps the affinity sets.
    await load(sticky, port(pods.a, cip="10.96.0.21", service="other"))
    got = await connect(env, pods.client, 20)
    assert got["seen"] == {first: 20}


@pytest.mark.parametrize("bridge_netfilter", [0, 1])
async def test_hairpin_and_udp(
    env: SandboxEnv, pod_network: PodNetwork, pods: Pods, bridge_netfilter: int
) -> None:
    # With br_netfilter on, the DNAT happens on the bridge and a hairpin frame
    # goes back out of its own port (hairpin mode, links.py); off, it is routed.
    if not await bridge_nf(env, pod_network, bridge_netfilter) and bridge_netfilter:
        pytest.skip("no br_netfilter on this host")
    load, gw = Loader(pod_network), pod_network.config.gateway
    await load(port(pods.a), port(pods.a, pods.b, cip="10.96.0.21", port=53, protocol="udp"))
    # a reaches itself through its own Service (hairpin): masqueraded, answered.
    got = await connect(env, pods.a, 5)
    assert got == {"seen": {f"a {gw}": 5}, "errors": {}}
    # UDP: the answer comes back from the ClusterIP (un-DNATed), or recv would not see it.
    done = await python_in_pod(
        env.pause, pods.client.pause.pid, UDP_ASK.format(ip="10.96.0.21", port=53, sport=0)
    )
    assert done.rc == 0, done
    assert done.out.strip() in (f"a {gw}", f"b {gw}")


async def test_node_port_reached_through_slirp4netns(
    env: SandboxEnv, pod_network: PodNetwork, pods: Pods
) -> None:
    load = Loader(pod_network)
    await load(port(pods.a, pods.b, node_port=30080))
    host_port = free_port()
    slirp = SlirpClient(pod_network.api_socket)
    # What the lead's NodePort publishing adds: a host forward to tap0's address.
    fwd = await slirp.add_hostfwd("127.0.0.1", host_port, "10.0.2.100", 30080)
    try:
        seen = await asyncio.to_thread(_host_connect, host_port, 20)
    finally:
        await slirp.remove_hostfwd(fwd)
    gw = pod_network.config.gateway
    assert set(seen) == {f"a {gw}", f"b {gw}"}, seen


def _host_connect(port: int, n: int) -> dict[str, int]:
    seen: dict[str, int] = {}
    for _ in range(n):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
            data = b""
            while chunk := c.recv(100):
                data += chunk
        seen[data.decode()] = seen.get(data.decode(), 0) + 1
    return seen


async def test_a_udp_flow_leaves_a_removed_endpoint_once_forgotten(
    env: SandboxEnv, pod_network: PodNetwork, pods: Pods
) -> None:
    load = Loader(pod_network)

    async def ask() -> str:  # always from the same source port: one conntrack flow
        code = UDP_ASK.format(ip=CIP, port=53, sport=40053)
        done = await python_in_pod(env.pause, pods.client.pause.pid, code)
        assert done.rc == 0, done
        return done.out.split()[0]

    both = port(pods.a, pods.b, port=53, protocol="udp")
    await load(both)
    first = await ask()
    stays = pods.b if first == "a" else pods.a
    left = port(stays, port=53, protocol="udp")
    await load(left)
    assert await ask() == first  # the flow still goes where it went: the kernel remembers it
    flows = conntrack.stale_udp_flows([both], [left])
    assert await conntrack.forget(env.pause, pod_network.holder_pid, flows) == 1
    assert await ask() == ("b" if first == "a" else "a")


async def bridge_nf(env: SandboxEnv, net: PodNetwork, value: int | None = None) -> bool:
    """Whether the network's namespace has br_netfilter's switch (set it if given)."""
    script = f"test -e {BRIDGE_NF}" + (
        f" && echo {value} > {BRIDGE_NF}" if value is not None else ""
    )
    done = await run_in_pod(env.pause, net.holder_pid, ["user", "net"], ["sh", "-c", script])
    return done.rc == 0


async def test_bridged_replies_need_masquerading_without_br_netfilter(
    env: SandboxEnv, pod_network: PodNetwork, pods: Pods
) -> None:
    load, gw = Loader(pod_network), pod_network.config.gateway
    # A host without br_netfilter (rootless podd cannot load it), or with it off.
    await bridge_nf(env, pod_network, 0)
    await load(port(pods.b), masquerade_all=False)
    # b answers the client straight over the bridge, from its own address: the
    # client never sees a reply from the ClusterIP.
    got = await connect(env, pods.client, 1, timeout=2)
    assert got["seen"] == {} and got["errors"], got
    await load(port(pods.b))  # masquerade-all, the default: b answers the gateway
    got = await connect(env, pods.client, 5)
    assert got == {"seen": {f"b {gw}": 5}, "errors": {}}
    # Where br_netfilter is there and on, bridged traffic is un-DNATed by the
    # namespace, and without masquerading the backend sees the client itself.
    if not await bridge_nf(env, pod_network, 1):
        pytest.skip("no br_netfilter on this host: the rest needs it")
    await load(port(pods.b), masquerade_all=False)
    got = await connect(env, pods.client, 5)
    assert got == {"seen": {f"b {pods.client.pod_ip}": 5}, "errors": {}}


# -- the controller, on a real store and the real network -----------------


def slice_of(pods: list[tuple[SandboxState, bool]]) -> EndpointSlice:
    body = {
        "metadata": {
            "name": "web-x1",
            "namespace": "default",
            "labels": {"kubernetes.io/service-name": "web"},
        },
        "addressType": "IPv4",
        "endpoints": [
            {"addresses": [p.pod_ip], "conditions": {"ready": ready}} for p, ready in pods
        ],
        "ports": [{"name": "", "port": TARGET, "protocol": "TCP"}],
    }
    return msgspec.convert(body, EndpointSlice)


async def test_service_proxy_follows_the_store_into_the_kernel(
    env: SandboxEnv, pod_network: PodNetwork, pods: Pods, tmp_path: Path
) -> None:
    db = tmp_path / "podd.db"
    await asyncio.to_thread(migrate.upgrade, db)
    store = Store(db)
    await store.open()
    svc = {
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"clusterIP": CIP, "ports": [{"port": PORT, "targetPort": TARGET}]},
    }
    await store.create("Service", default_service(msgspec.convert(svc, Service)))
    await store.create("EndpointSlice", slice_of([(pods.a, True), (pods.b, True)]))
    proxy = ServiceProxy(store, pod_network.load_rules, pod_cidr=pod_network.config.pod_cidr)
    gw = pod_network.config.gateway
    try:
        await proxy.start()
        got = await connect(env, pods.client, 40)
        assert set(got["seen"]) == {f"a {gw}", f"b {gw}"}, got
        # b turns not ready: the slice changes, the kernel follows.
        stored = await store.get("EndpointSlice", "default", "web-x1")
        assert stored is not None
        await store.update(
            "EndpointSlice",
            slice_of([(pods.a, True), (pods.b, False)]),
            expected_rv=stored.resource_version,
        )
        async with asyncio.timeout(5):
            while proxy.ruleset is None or pods.b.pod_ip in proxy.ruleset.body:
                await asyncio.sleep(0.01)
        got = await connect(env, pods.client, 20)
        assert got == {"seen": {f"a {gw}": 20}, "errors": {}}
    finally:
        await proxy.stop()
        await store.close()
