"""Cluster DNS: queries per second of podd's DNS server (uvloop, one
process) on 127.0.0.1, driven by a load generator in another process that
keeps a window of queries in flight.

* cluster names answered from the snapshot (A of a ClusterIP Service, A of a
  headless Service with 3 endpoints, SRV, a pod name), NXDOMAIN for the
  search-path expansions ``ndots:5`` makes (``example.com.<ns>.svc...``);
* names forwarded to an upstream (a dnspython responder in a third process),
  each asked again, and with the answer cache (CoreDNS's ``cache 30``);
* the same over one pipelined TCP connection;
* the server's own cost per query, in process, without sockets, and the
  cost of putting a new snapshot in place.

The snapshot holds 200 Services and 1000 pods.

    .venv/bin/python bench/dns.py [--seconds 3] [--window 64]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import select
import socket
import statistics
import sys
import time
from pathlib import Path
from typing import Any

# This file's name shadows dnspython's package when run as a script.
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path.pop(0)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dns.message
import dns.rcode
import dns.rrset
import uvloop

from bench.common import environment
from podd.dns.cache import AnswerCache
from podd.dns.records import Resolver, ZoneConfig
from podd.dns.server import DNSServer
from podd.dns.snapshot import EndpointRecord, PodRecord, PortRecord, ServiceRecord, Snapshot
from podd.dns.upstream import Forwarder, Upstream

HTTP = PortRecord(80, "http", "TCP")


def snapshot() -> Snapshot:
    services = [
        ServiceRecord(f"svc{i}", "default", [f"10.96.{i // 250}.{i % 250 + 1}"], [HTTP])
        for i in range(200)
    ]
    services.append(
        ServiceRecord(
            "db",
            "default",
            [],
            [HTTP],
            [EndpointRecord(f"10.88.0.{i}", None, [HTTP]) for i in (1, 2, 3)],
        )
    )
    pods = [PodRecord(f"p{i}", "default", [f"10.88.{i // 250}.{i % 250 + 1}"]) for i in range(1000)]
    return Snapshot(["default"], services, pods, serial=1)


def bind_pair() -> tuple[socket.socket, socket.socket, int]:
    while True:
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.1", 0))
        port = int(udp.getsockname()[1])
        tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            tcp.bind(("127.0.0.1", port))
        except OSError:
            udp.close()
            tcp.close()
            continue
        return udp, tcp, port


def run_server(ports: Any, upstream_port: int, cache: bool) -> None:
    async def main() -> None:
        udp, tcp, port = bind_pair()
        forwarder = Forwarder([Upstream("127.0.0.1", upstream_port)], timeout=2.0)
        server = DNSServer(
            Resolver(snapshot(), ZoneConfig()),
            forwarder,
            max_inflight=4096,
            answer_cache=AnswerCache() if cache else None,
        )
        await server.start([udp], [tcp])
        ports.put(port)
        await asyncio.Event().wait()

    uvloop.run(main())


def run_upstream(ports: Any) -> None:
    """A plain upstream: every A query answered with one address."""

    class Proto(asyncio.DatagramProtocol):
        def connection_made(self, transport: Any) -> None:
            self.transport = transport

        def datagram_received(self, data: bytes, addr: Any) -> None:
            query = dns.message.from_wire(data)
            reply = dns.message.make_response(query)
            reply.answer = [dns.rrset.from_text(query.question[0].name, 60, "IN", "A", "192.0.2.1")]
            self.transport.sendto(reply.to_wire(), addr)

    async def main() -> None:
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(Proto, local_addr=("127.0.0.1", 0))
        ports.put(transport.get_extra_info("sockname")[1])
        await asyncio.Event().wait()

    uvloop.run(main())


def wires(name: str, rdtype: str) -> list[bytes]:
    """The query with every ID: the load generator only rewrites nothing."""
    base = dns.message.make_query(name, rdtype).to_wire()
    return [i.to_bytes(2, "big") + base[2:] for i in range(65536)]


def load_udp(port: int, queries: list[bytes], seconds: float, window: int) -> dict[str, float]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.connect(("127.0.0.1", port))
    sock.setblocking(False)
    sent: dict[int, float] = {}
    latencies: list[float] = []
    next_id = 0
    answered = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        while len(sent) < window:
            sock.send(queries[next_id])
            sent[next_id] = time.perf_counter()
            next_id = (next_id + 1) % 65536
        readable, _, _ = select.select([sock], [], [], 1.0)
        if not readable:  # lost answers: start the window over
            sent.clear()
            continue
        while True:
            try:
                data = sock.recv(65535)
            except BlockingIOError:
                break
            t0 = sent.pop(int.from_bytes(data[:2], "big"), None)
            if t0 is not None:
                latencies.append(time.perf_counter() - t0)
                answered += 1
    sock.close()
    return _stats(answered, seconds, latencies)


def load_tcp(port: int, queries: list[bytes], seconds: float, window: int) -> dict[str, float]:
    sock = socket.create_connection(("127.0.0.1", port))
    framed = [len(q).to_bytes(2, "big") + q for q in queries]
    sent: dict[int, float] = {}
    latencies: list[float] = []
    buf = b""
    next_id = 0
    answered = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        batch = []
        while len(sent) < window:
            batch.append(framed[next_id])
            sent[next_id] = time.perf_counter()
            next_id = (next_id + 1) % 65536
        if batch:
            sock.sendall(b"".join(batch))
        buf += sock.recv(1 << 20)
        while len(buf) >= 2 and len(buf) >= 2 + int.from_bytes(buf[:2], "big"):
            size = int.from_bytes(buf[:2], "big")
            msg, buf = buf[2 : 2 + size], buf[2 + size :]
            t0 = sent.pop(int.from_bytes(msg[:2], "big"), None)
            if t0 is not None:
                latencies.append(time.perf_counter() - t0)
                answered += 1
    sock.close()
    return _stats(answered, seconds, latencies)


def _stats(answered: int, seconds: float, latencies: list[float]) -> dict[str, float]:
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)] if latencies else 0.0
    return {
        "qps": round(answered / seconds),
        "p50_ms": round(statistics.median(latencies) * 1000, 3) if latencies else 0.0,
        "p99_ms": round(p99 * 1000, 3),
    }


def in_process(n: int = 5000) -> dict[str, dict[str, float]]:
    """µs per query through DNSServer.prepare: parsed, answered and rendered
    every time (no cache), and replayed from the answer cache."""
    out: dict[str, dict[str, float]] = {}
    for mode, max_cached in (("uncached", 0), ("cached", 10_000)):
        server = DNSServer(Resolver(snapshot(), ZoneConfig()), max_cached=max_cached)
        out[mode] = {}
        for label, name, rdtype in CASES[:5]:
            wire = dns.message.make_query(name, rdtype).to_wire()
            t0 = time.perf_counter()
            for _ in range(n):
                server.prepare(wire, 512)
            out[mode][label] = round((time.perf_counter() - t0) / n * 1e6, 1)
    return out


def rebuild_ms(n: int = 20) -> float:
    """A new snapshot in place (what every DNS-relevant store change costs)."""
    resolver = Resolver()
    snap = snapshot()
    t0 = time.perf_counter()
    for _ in range(n):
        resolver.update(snap)
    return round((time.perf_counter() - t0) / n * 1000, 2)


CASES = [
    ("A clusterIP", "svc7.default.svc.cluster.local.", "A"),
    ("A headless x3", "db.default.svc.cluster.local.", "A"),
    ("SRV", "_http._tcp.svc7.default.svc.cluster.local.", "SRV"),
    ("NXDOMAIN search", "example.com.default.svc.cluster.local.", "A"),
    ("A pod", "10-88-0-9.default.pod.cluster.local.", "A"),
    ("forwarded", "example.com.", "A"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--window", type=int, default=64)
    args = parser.parse_args()
    ctx = mp.get_context("spawn")
    ports = ctx.Queue()
    up = ctx.Process(target=run_upstream, args=(ports,), daemon=True)
    up.start()
    upstream_port = ports.get(timeout=30)
    srv = ctx.Process(target=run_server, args=(ports, upstream_port, False), daemon=True)
    srv.start()
    port = ports.get(timeout=30)
    cached = ctx.Process(target=run_server, args=(ports, upstream_port, True), daemon=True)
    cached.start()
    cached_port = ports.get(timeout=30)
    results: dict[str, Any] = {"environment": environment(), "window": args.window}
    results["in-process us/query"] = in_process()
    results["snapshot update ms (200 Services, 1000 pods)"] = rebuild_ms()
    try:
        for label, name, rdtype in CASES:
            queries = wires(name, rdtype)
            results[f"udp {label}"] = load_udp(port, queries, args.seconds, args.window)
        for label, name, rdtype in (CASES[0], CASES[5]):
            queries = wires(name, rdtype)
            results[f"tcp {label}"] = load_tcp(port, queries, args.seconds, args.window)
        queries = wires("example.com.", "A")
        results["udp forwarded, cache 30"] = load_udp(
            cached_port, queries, args.seconds, args.window
        )
    finally:
        for proc in (srv, cached, up):
            proc.terminate()
            proc.join(10)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main()
