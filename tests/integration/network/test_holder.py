"""The pod network for real: pods on one bridge with addresses of their own,
reaching each other; maps written by the holder's root; teardown and a
restarted podd's adoption."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import os
from pathlib import Path

import pytest

from podd.network.config import host_veth
from podd.network.holder import PodNetwork
from podd.sandbox import SandboxEnv
from podd.sandbox.process import is_running, reap_if_exited
from tests.integration.sandbox.conftest import Sandboxes
from tests.integration.sandbox.helpers import python_in_pod

from .conftest import make_network

pytestmark = pytest.mark.integration

ADDRS = (
    "import json,socket,fcntl,struct\n"
    "from pyroute2 import IPRoute\n"
    "with IPRoute() as ip:\n"
    "    a=[(x.get_attr('IFA_LABEL'),x.get_attr('IFA_ADDRESS'),x['prefixlen'])"
    " for x in ip.get_addr(family=2)]\n"
    "    r=[x.get_attr('RTA_GATEWAY') for x in ip.get_routes(family=2) if x['dst_len']==0]\n"
    "print(json.dumps({'addrs':a,'gw':r}))\n"
)

SERVE_ONCE = (
    "import socket\n"
    "s=socket.socket(); s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1)\n"
    "s.bind(('0.0.0.0',{port})); s.listen(1); print('listening',flush=True)\n"
    "c,peer=s.accept(); c.sendall(('hello '+peer[0]).encode()); c.close()\n"
)

CONNECT = (
    "import socket\n"
    "c=socket.create_connection(('{ip}',{port}),timeout=5); print(c.recv(100).decode())\n"
)


async def addresses(env: SandboxEnv, pid: int) -> dict[str, object]:
    done = await python_in_pod(env.pause, pid, ADDRS)
    assert done.rc == 0, done
    return dict(json.loads(done.out))


async def test_pods_get_own_addresses_and_reach_each_other(
    net_sandboxes: Sandboxes, env: SandboxEnv, pod_network: PodNetwork
) -> None:
    web, db = await asyncio.gather(net_sandboxes.create("web"), net_sandboxes.create("db"))
    cidr = ipaddress.IPv4Network(pod_network.config.pod_cidr)
    assert web.pod_ip != db.pod_ip
    assert ipaddress.IPv4Address(web.pod_ip) in cidr and ipaddress.IPv4Address(db.pod_ip) in cidr
    assert web.slirp is None and db.slirp is None  # no slirp4netns of their own
    seen = await addresses(env, web.pause.pid)
    assert ["eth0", web.pod_ip, cidr.prefixlen] in seen["addrs"]
    assert seen["gw"] == [pod_network.config.gateway]
    # db serves one connection on its pod IP; web connects to it by IP.
    server = await asyncio.create_subprocess_exec(
        *[str(env.pause), "--join", str(db.pause.pid), "--ns", "user,net", "--"],
        *["python3", "-c", SERVE_ONCE.format(port=5432)],
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert server.stdout is not None
        async with asyncio.timeout(20):
            assert (await server.stdout.readline()).strip() == b"listening"
        done = await python_in_pod(
            env.pause, web.pause.pid, CONNECT.format(ip=db.pod_ip, port=5432)
        )
        assert done.rc == 0, done
        assert done.out.strip() == f"hello {web.pod_ip}"  # no NAT between pods
    finally:
        async with asyncio.timeout(10):
            await server.wait()


async def test_pod_ids_map_like_a_slirp_pod(
    net_sandboxes: Sandboxes, env: SandboxEnv, pod_network: PodNetwork
) -> None:
    pod = await net_sandboxes.create("ids")
    uid_map = Path(f"/proc/{pod.pause.pid}/uid_map").read_text().split()
    expected = [
        str(v) for m in env.id_mapping.uid_maps for v in (m.container_id, m.host_id, m.size)
    ]
    assert uid_map == expected
    # root in the pod is root of a child of the holder's user namespace
    holder_ns = os.readlink(f"/proc/{pod_network.holder_pid}/ns/user")
    assert os.readlink(f"/proc/{pod.pause.pid}/ns/user") != holder_ns


async def test_delete_removes_link_and_address(
    net_sandboxes: Sandboxes, pod_network: PodNetwork
) -> None:
    pod = await net_sandboxes.create("gone")
    assert host_veth(pod.uid) in await pod_network.pod_links()
    assert pod_network.ipam.held_by(pod.uid) == pod.pod_ip
    await net_sandboxes.destroy(pod)
    assert host_veth(pod.uid) not in await pod_network.pod_links()
    assert pod_network.ipam.held_by(pod.uid) is None


async def test_restarted_podd_adopts_the_network_and_keeps_addresses(
    net_sandboxes: Sandboxes, env: SandboxEnv, pod_network: PodNetwork, runtime_dir: Path
) -> None:
    kept = await net_sandboxes.create("kept")
    holder, slirp = pod_network.state.holder, pod_network.slirp
    # A second PodNetwork on the same directory: what a restarted podd builds.
    again = make_network(env, runtime_dir / "net")
    state = await again.start()
    assert (state.holder, state.slirp) == (holder, slirp)  # adopted, nothing duplicated
    assert again.ipam.held_by(kept.uid) == kept.pod_ip
    assert await again.reconcile({kept.uid}) == []
    # A pod that went away while podd was down: its address is released.
    again.ipam.claim("vanished-pod")
    assert await again.reconcile({kept.uid}) == ["vanished-pod"]
    assert again.ipam.held_by("vanished-pod") is None
    seen = await addresses(env, kept.pause.pid)
    assert ["eth0", kept.pod_ip, 16] in seen["addrs"]


async def test_network_slirp_restarted_when_dead(
    env: SandboxEnv, pod_network: PodNetwork, runtime_dir: Path
) -> None:
    old = pod_network.slirp
    os.kill(old.pid, 9)
    async with asyncio.timeout(5):  # SIGKILL is delivered asynchronously
        while not reap_if_exited(old.ref):
            await asyncio.sleep(0.01)
    again = make_network(env, runtime_dir / "net")
    state = await again.start()
    assert state.holder == pod_network.state.holder
    assert state.slirp is not None
    assert state.slirp.pid != old.pid and is_running(state.slirp.ref)
    pod_network._state = state  # so the fixture stops the new one


async def test_stop_leaves_nothing(env: SandboxEnv, runtime_dir: Path) -> None:
    net = make_network(env, runtime_dir / "net2")
    state = await net.start()
    await net.stop()
    assert state.slirp is not None
    assert not is_running(state.holder.ref) and not is_running(state.slirp.ref)
    assert not (runtime_dir / "net2" / "state.json").exists()
