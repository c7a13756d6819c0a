"""glibc's own resolver (getent) against podd's cluster DNS, the way a pod
uses it: the server's sockets are made inside a network namespace by a
helper and handed over (SCM_RIGHTS); the pod side reads a resolv.conf that
podd rendered (ClusterFirst: search paths, ndots:5); names outside the
cluster go upstream from podd's own namespace.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from podd.dns.records import Resolver, ZoneConfig
from podd.dns.server import DNSServer
from podd.dns.snapshot import EndpointRecord, PodRecord, PortRecord, ServiceRecord, Snapshot
from podd.dns.upstream import Forwarder, Upstream
from podd.sandbox.etcfiles import DNSSettings, ResolvConf, render_resolv_conf, resolve_dns
from tests.unit.dns.conftest import Responder

pytestmark = pytest.mark.integration
WAIT = 20.0

# Runs in new user+net+mount namespaces: binds 127.0.0.1:53 there, hands the
# sockets over, puts podd's resolv.conf in place, then runs what it is sent.
CHILD = r"""
import json, socket, subprocess, sys
chan = socket.socket(fileno=int(sys.argv[1]))
subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
# A pod's own address: getaddrinfo's AI_ADDRCONFIG ignores loopback ones.
subprocess.run(["ip", "addr", "add", "10.88.0.99/32", "dev", "lo"], check=True)
udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp.bind(("127.0.0.1", 53))
tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
tcp.bind(("127.0.0.1", 53))
subprocess.run(["mount", "--bind", sys.argv[2], "/etc/resolv.conf"], check=True)
socket.send_fds(chan, [b"fds"], [udp.fileno(), tcp.fileno()])
udp.close(); tcp.close()
f = chan.makefile("rwb")
for line in f:
    r = subprocess.run(json.loads(line), capture_output=True, text=True, timeout=15)
    f.write(json.dumps([r.returncode, r.stdout]).encode() + b"\n")
    f.flush()
"""

SNAP = Snapshot(
    namespaces=["default"],
    services=[
        ServiceRecord("db", "default", ["10.96.0.10"], [PortRecord(5432, "pg", "TCP")]),
        ServiceRecord(
            "web",
            "default",
            [],
            [],
            [EndpointRecord("10.88.0.5", "web-0"), EndpointRecord("10.88.0.6", "web-1")],
        ),
        ServiceRecord("ext", "default", external_name="example.com"),
    ],
    pods=[
        PodRecord("web-0", "default", ["10.88.0.5"]),
        PodRecord("web-1", "default", ["10.88.0.6"]),
    ],
)


@dataclass
class PodSide:
    proc: asyncio.subprocess.Process
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter

    async def run(self, *argv: str) -> tuple[int, str]:
        self.writer.write(json.dumps(list(argv)).encode() + b"\n")
        await self.writer.drain()
        line = await asyncio.wait_for(self.reader.readline(), WAIT)
        rc, out = json.loads(line)
        return int(rc), str(out)


@pytest.fixture
async def pod_side(tmp_path: Path, upstream: Responder) -> AsyncIterator[PodSide]:
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-rn", "true"]).returncode != 0:
        pytest.skip("unprivileged user+net namespaces (unshare -rn) are not available here")
    conf = resolve_dns(DNSSettings(), ResolvConf(), cluster_dns="127.0.0.1", namespace="default")
    resolv = tmp_path / "resolv.conf"
    resolv.write_text(render_resolv_conf(conf))
    ours, theirs = socket.socketpair()
    proc = await asyncio.create_subprocess_exec(
        unshare,
        "-rnm",
        sys.executable,
        "-c",
        CHILD,
        str(theirs.fileno()),
        str(resolv),
        pass_fds=[theirs.fileno()],
    )
    theirs.close()
    server = None
    try:
        _, fds, _, _ = await asyncio.wait_for(asyncio.to_thread(socket.recv_fds, ours, 16, 2), WAIT)
        udp = socket.socket(fileno=fds[0])
        tcp = socket.socket(fileno=fds[1])
        forwarder = Forwarder([Upstream("127.0.0.1", upstream.port)], timeout=2.0)
        server = DNSServer(Resolver(SNAP, ZoneConfig(reverse_cidrs=("10.88.0.0/16",))), forwarder)
        await server.start([udp], [tcp])
        ours.setblocking(False)
        reader, writer = await asyncio.open_connection(sock=ours)
        yield PodSide(proc, reader, writer)
        writer.close()
    finally:
        if server is not None:
            await server.stop()
        if proc.returncode is None:
            proc.kill()
        await asyncio.wait_for(proc.wait(), WAIT)


async def test_short_names_through_the_search_path(pod_side: PodSide) -> None:
    rc, out = await pod_side.run("getent", "hosts", "db")
    assert rc == 0 and out.split() == ["10.96.0.10", "db.default.svc.cluster.local"]
    rc, out = await pod_side.run("getent", "hosts", "db.default")
    assert rc == 0 and out.split()[0] == "10.96.0.10"
    rc, out = await pod_side.run("getent", "hosts", "web-1.web")
    assert rc == 0 and out.split() == ["10.88.0.6", "web-1.web.default.svc.cluster.local"]


async def test_headless_service_gives_every_address(pod_side: PodSide) -> None:
    rc, out = await pod_side.run("getent", "ahostsv4", "web.default.svc.cluster.local")
    assert rc == 0
    assert {line.split()[0] for line in out.splitlines()} == {"10.88.0.5", "10.88.0.6"}


async def test_outside_names_are_forwarded(pod_side: PodSide, upstream: Responder) -> None:
    rc, out = await pod_side.run("getent", "hosts", "example.com")
    assert rc == 0 and out.split()[0] == "93.184.216.34"
    assert upstream.udp_queries >= 1


async def test_external_name_services(pod_side: PodSide) -> None:
    rc, out = await pod_side.run("getent", "hosts", "ext")
    assert rc == 0
    assert out.split()[0] == "93.184.216.34"
    assert "ext.default.svc.cluster.local" in out.split()


async def test_missing_names_and_reverse_lookups(pod_side: PodSide) -> None:
    rc, out = await pod_side.run("getent", "hosts", "nope")
    assert rc == 2 and out == ""  # getent: key not found
    rc, out = await pod_side.run("getent", "hosts", "10.96.0.10")
    assert rc == 0 and out.split() == ["10.96.0.10", "db.default.svc.cluster.local"]
    rc, out = await pod_side.run("getent", "hosts", "10.88.0.5")
    assert rc == 0 and out.split() == ["10.88.0.5", "web-0.web.default.svc.cluster.local"]
