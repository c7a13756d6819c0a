"""The DNS server over real 127.0.0.1 sockets: cluster names answered,
others forwarded to a real (dnspython) upstream on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from typing import Any

import dns.asyncquery
import dns.flags
import dns.message
import dns.opcode
import dns.rcode
import dns.rdatatype
import pytest
import uvloop

from podd.dns.cache import AnswerCache
from podd.dns.records import Resolver, ZoneConfig
from podd.dns.server import DNSServer
from podd.dns.snapshot import EndpointRecord, PortRecord, ServiceRecord, Snapshot
from podd.dns.upstream import Forwarder, Upstream
from tests.unit.dns.conftest import Responder, same_port_pair

WAIT = 5.0  # a bound on every wait, never an expectation of speed
SNAP = Snapshot(
    namespaces=["default"],
    services=[
        ServiceRecord("db", "default", ["10.96.0.10"], [PortRecord(5432, "pg", "TCP")]),
        ServiceRecord(
            "wide",
            "default",
            [],
            [],
            [EndpointRecord(f"10.88.1.{i}") for i in range(1, 101)],
        ),
    ],
)


def bound_pair() -> tuple[socket.socket, socket.socket, int]:
    """A UDP and a TCP socket on one ephemeral 127.0.0.1 port."""
    return same_port_pair()


async def serve(upstreams: list[Upstream], **kw: Any) -> tuple[DNSServer, int]:
    udp, tcp, port = bound_pair()
    server = DNSServer(Resolver(SNAP, ZoneConfig()), Forwarder(upstreams, timeout=0.5), **kw)
    await server.start([udp], [tcp])
    return server, port


@pytest.fixture
async def dns_port(upstream: Responder) -> AsyncIterator[int]:
    server, port = await serve([Upstream("127.0.0.1", upstream.port)])
    yield port
    await server.stop()
    assert server.inflight == 0


async def udp(port: int, name: str, rdtype: str = "A", **kw: object) -> dns.message.Message:
    query = dns.message.make_query(name, rdtype, **kw)  # type: ignore[arg-type]
    return await dns.asyncquery.udp(query, "127.0.0.1", port=port, timeout=WAIT)


async def tcp(port: int, name: str, rdtype: str = "A") -> dns.message.Message:
    query = dns.message.make_query(name, rdtype)
    return await dns.asyncquery.tcp(query, "127.0.0.1", port=port, timeout=WAIT)


def ips(reply: dns.message.Message) -> list[str]:
    return sorted(rd.to_text() for rrset in reply.answer for rd in rrset)


async def test_cluster_names_over_udp_and_tcp(dns_port: int, upstream: Responder) -> None:
    for ask in (udp, tcp):
        reply = await ask(dns_port, "db.default.svc.cluster.local.")
        assert ips(reply) == ["10.96.0.10"]
        assert reply.flags & dns.flags.AA
        nx = await ask(dns_port, "nope.default.svc.cluster.local.")
        assert nx.rcode() == dns.rcode.NXDOMAIN
    assert upstream.udp_queries == upstream.tcp_queries == 0  # never left podd


async def test_forwarded_names_come_back_with_the_clients_id(
    dns_port: int, upstream: Responder
) -> None:
    query = dns.message.make_query("example.com.", "A")
    reply = await dns.asyncquery.udp(query, "127.0.0.1", port=dns_port, timeout=WAIT)
    assert reply.id == query.id
    assert ips(reply) == ["93.184.216.34"]
    assert reply.flags & dns.flags.RA  # the upstream's own answer
    assert upstream.udp_queries == 1
    assert (upstream.seen_ids and upstream.seen_ids[0] != query.id) or query.id == 0
    nx = await tcp(dns_port, "missing.example.")
    assert nx.rcode() == dns.rcode.NXDOMAIN


async def test_truncated_upstream_answer_is_fetched_over_tcp(
    dns_port: int, upstream: Responder
) -> None:
    reply = await tcp(dns_port, "many.example.")
    assert len(ips(reply)) == 100
    assert upstream.tcp_queries == 1
    # Over UDP the client gets it cut at 512 bytes with TC, and retries itself.
    small = await udp(dns_port, "many.example.")
    assert small.flags & dns.flags.TC
    big = await udp(dns_port, "many.example.", use_edns=0, payload=4096)
    assert not big.flags & dns.flags.TC
    assert len(ips(big)) == 100


async def test_big_cluster_answers_truncate_over_udp(dns_port: int) -> None:
    small = await udp(dns_port, "wide.default.svc.cluster.local.")
    assert small.flags & dns.flags.TC
    assert small.answer == []
    full = await tcp(dns_port, "wide.default.svc.cluster.local.")
    assert len(ips(full)) == 100
    edns = await udp(dns_port, "wide.default.svc.cluster.local.", use_edns=0, payload=4096)
    assert len(ips(edns)) == 100


async def test_upstream_timeout_is_servfail(dns_port: int) -> None:
    reply = await udp(dns_port, "silent.example.")
    assert reply.rcode() == dns.rcode.SERVFAIL


def closed_port() -> int:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    port = int(s.getsockname()[1])
    s.close()
    return port


async def test_next_upstream_after_a_dead_one(upstream: Responder) -> None:
    server, port = await serve(
        [Upstream("127.0.0.1", closed_port()), Upstream("127.0.0.1", upstream.port)]
    )
    try:
        assert ips(await udp(port, "example.com.")) == ["93.184.216.34"]
    finally:
        await server.stop()


async def test_no_upstream_answering_is_servfail() -> None:
    server, port = await serve([Upstream("127.0.0.1", closed_port())])
    try:
        assert (await udp(port, "example.com.")).rcode() == dns.rcode.SERVFAIL
        assert (await tcp(port, "example.com.")).rcode() == dns.rcode.SERVFAIL
        # the cluster zone does not depend on upstreams
        assert ips(await udp(port, "db.default.svc.cluster.local.")) == ["10.96.0.10"]
    finally:
        await server.stop()


async def test_inflight_queries_are_bounded(upstream: Responder) -> None:
    upstream.hold = asyncio.Event()
    server, port = await serve([Upstream("127.0.0.1", upstream.port)], max_inflight=2)
    try:
        asks = [asyncio.ensure_future(udp(port, "example.com.")) for _ in range(5)]
        refused = 0
        for _ in range(3):  # three are turned away at once, while two wait
            done, _ = await asyncio.wait(asks, timeout=WAIT, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                assert task.result().rcode() == dns.rcode.REFUSED
                asks.remove(task)
                refused += 1
            if refused == 3:
                break
        assert refused == 3 and server.inflight == 2
        upstream.hold.set()
        answers = await asyncio.wait_for(asyncio.gather(*asks), WAIT)
        assert [ips(a) for a in answers] == [["93.184.216.34"]] * 2
        assert server.inflight == 0
    finally:
        await server.stop()


async def raw_udp(port: int, *packets: bytes) -> bytes:
    """Send the packets in order; the first datagram that comes back."""
    loop = asyncio.get_running_loop()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setblocking(False)
    try:
        await loop.sock_connect(sock, ("127.0.0.1", port))
        for packet in packets:
            await loop.sock_sendall(sock, packet)
        return await asyncio.wait_for(loop.sock_recv(sock, 65535), WAIT)
    finally:
        sock.close()


async def test_malformed_packets(dns_port: int) -> None:
    good = dns.message.make_query("db.default.svc.cluster.local.", "A")
    # too short for a header, and a response: dropped, the good query is answered first
    stray = dns.message.make_response(dns.message.make_query("x.", "A")).to_wire()
    first = dns.message.from_wire(await raw_udp(dns_port, b"\x12\x34\x01", stray, good.to_wire()))
    assert first.id == good.id
    # a header with a broken body: FORMERR with its ID
    broken = b"\xab\xcd\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x07exam"
    reply = dns.message.from_wire(await raw_udp(dns_port, broken))
    assert (reply.id, reply.rcode()) == (0xABCD, dns.rcode.FORMERR)
    assert reply.flags & dns.flags.QR and reply.flags & dns.flags.RD


async def test_two_questions_and_other_opcodes(dns_port: int) -> None:
    two = dns.message.make_query("db.default.svc.cluster.local.", "A")
    two.question.append(two.question[0])
    reply = dns.message.from_wire(await raw_udp(dns_port, two.to_wire()))
    assert reply.rcode() == dns.rcode.FORMERR
    notify = dns.message.make_query("cluster.local.", "SOA")
    notify.set_opcode(dns.opcode.NOTIFY)
    reply = dns.message.from_wire(await raw_udp(dns_port, notify.to_wire()))
    assert reply.rcode() == dns.rcode.NOTIMP
    assert reply.opcode() == dns.opcode.NOTIFY


async def test_tcp_pipelined_queries_on_one_connection(dns_port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", dns_port)
    try:
        names = ["example.com.", "db.default.svc.cluster.local.", "nope.default.svc.cluster.local."]
        queries = {}
        for name in names:
            q = dns.message.make_query(name, "A")
            queries[q.id] = name
            wire = q.to_wire()
            writer.write(len(wire).to_bytes(2, "big") + wire)
        await writer.drain()
        got = {}
        for _ in names:
            size = int.from_bytes(await asyncio.wait_for(reader.readexactly(2), WAIT), "big")
            reply = dns.message.from_wire(await reader.readexactly(size))
            got[queries[reply.id]] = (reply.rcode(), ips(reply))
        assert got == {
            "example.com.": (dns.rcode.NOERROR, ["93.184.216.34"]),
            "db.default.svc.cluster.local.": (dns.rcode.NOERROR, ["10.96.0.10"]),
            "nope.default.svc.cluster.local.": (dns.rcode.NXDOMAIN, []),
        }
    finally:
        writer.close()


async def test_stop_closes_the_sockets(upstream: Responder) -> None:
    udp_sock, tcp_sock, _ = bound_pair()
    server = DNSServer(Resolver(SNAP), Forwarder([Upstream("127.0.0.1", upstream.port)]))
    await server.start([udp_sock], [tcp_sock])
    await server.stop()
    assert udp_sock.fileno() == -1 and tcp_sock.fileno() == -1


def test_serves_on_uvloop() -> None:
    async def main() -> list[str]:
        server, port = await serve([])
        try:
            reply = await udp(port, "db.default.svc.cluster.local.")
            servfail = await tcp(port, "example.com.")  # no upstreams at all
            assert servfail.rcode() == dns.rcode.SERVFAIL
            return ips(reply)
        finally:
            await server.stop()

    assert uvloop.run(main()) == ["10.96.0.10"]


async def test_repeated_queries_follow_snapshot_updates() -> None:
    resolver = Resolver(SNAP)
    server = DNSServer(resolver)
    query = dns.message.make_query("db.default.svc.cluster.local.", "A")
    wire = query.to_wire()
    for qid in (1, 2, 3):  # answered again and again, each with its own ID
        again = qid.to_bytes(2, "big") + wire[2:]
        out = await server.handle(again)
        assert out is not None
        reply = dns.message.from_wire(out)
        assert reply.id == qid and ips(reply) == ["10.96.0.10"]
    moved = ServiceRecord("db", "default", ["10.96.0.99"], [PortRecord(5432, "pg", "TCP")])
    resolver.update(Snapshot(["default"], [moved]))
    out = await server.handle(wire)
    assert out is not None and ips(dns.message.from_wire(out)) == ["10.96.0.99"]


async def test_headless_answers_lead_with_each_address_in_turn() -> None:
    server = DNSServer(Resolver(SNAP))
    wire = dns.message.make_query("wide.default.svc.cluster.local.", "A").to_wire()
    firsts = []
    for _ in range(200):  # twice round the 100 endpoints
        out = await server.handle(wire, None)
        assert out is not None
        answer = dns.message.from_wire(out).answer[0]
        assert len(answer) == 100
        firsts.append(next(iter(answer)).to_text())
    assert sorted(set(firsts)) == sorted(f"10.88.1.{i}" for i in range(1, 101))
    assert firsts[:100] == firsts[100:]  # the same round again


async def test_external_name_targets_are_asked_upstream(upstream: Responder) -> None:
    snap = Snapshot(["default"], [ServiceRecord("ext", "default", external_name="example.com")])
    udp_sock, tcp_sock, port = bound_pair()
    forwarder = Forwarder([Upstream("127.0.0.1", upstream.port)], timeout=2.0)
    server = DNSServer(Resolver(snap), forwarder, answer_cache=AnswerCache())
    await server.start([udp_sock], [tcp_sock])
    try:
        for _ in range(2):
            reply = await udp(port, "ext.default.svc.cluster.local.")
            assert [(r.rdtype, [rd.to_text() for rd in r]) for r in reply.answer] == [
                (dns.rdatatype.CNAME, ["example.com."]),
                (dns.rdatatype.A, ["93.184.216.34"]),
            ]
        assert upstream.udp_queries == 1  # the second from the kept answer
    finally:
        await server.stop()


async def test_external_name_without_upstreams_is_the_cname_alone() -> None:
    snap = Snapshot(["default"], [ServiceRecord("ext", "default", external_name="example.com")])
    server = DNSServer(Resolver(snap), Forwarder([]))
    out = await server.handle(
        dns.message.make_query("ext.default.svc.cluster.local.", "A").to_wire()
    )
    assert out is not None
    reply = dns.message.from_wire(out)
    assert [r.rdtype for r in reply.answer] == [dns.rdatatype.CNAME]


async def test_unknown_edns_version_is_badvers() -> None:
    server = DNSServer(Resolver(SNAP))
    query = dns.message.make_query("db.default.svc.cluster.local.", "A", use_edns=1)
    out = await server.handle(query.to_wire())
    assert out is not None
    reply = dns.message.from_wire(out)
    assert reply.rcode() == dns.rcode.BADVERS
    assert reply.edns == 0 and reply.answer == []


async def test_small_headless_answers_rotate_from_the_cache() -> None:
    eps = [EndpointRecord(f"10.88.2.{i}") for i in (1, 2, 3)]
    server = DNSServer(
        Resolver(Snapshot(["default"], [ServiceRecord("h", "default", [], [], eps)]))
    )
    wire = dns.message.make_query("h.default.svc.cluster.local.", "A").to_wire()
    firsts = []
    for _ in range(9):
        out = await server.handle(wire)
        assert out is not None
        firsts.append(next(iter(dns.message.from_wire(out).answer[0])).to_text())
    assert sorted(firsts) == sorted(["10.88.2.1", "10.88.2.2", "10.88.2.3"] * 3)
    assert firsts[:3] == firsts[3:6] == firsts[6:]


async def test_random_and_mangled_packets_never_break_it() -> None:
    import random

    rng = random.Random(1234)
    server = DNSServer(Resolver(SNAP))
    good = dns.message.make_query("_pg._tcp.db.default.svc.cluster.local.", "SRV", use_edns=0)
    base = good.to_wire()
    for i in range(3000):
        packet = bytearray(base)
        if i % 2:
            packet = bytearray(rng.randrange(256) for _ in range(rng.randrange(64)))
        else:  # a valid query with a few bytes flipped, cut or extended
            for _ in range(rng.randrange(1, 4)):
                packet[rng.randrange(len(packet))] = rng.randrange(256)
            packet = packet[: rng.randrange(len(packet) + 1)] + bytes(rng.randrange(3))
        answer, pending = server.prepare(bytes(packet), 512)
        assert pending is None  # no upstream here: nothing waits
        if answer is not None:
            assert len(answer) <= 512 or answer[2] & 0x02  # fits, or says it was cut
            assert answer[:2] == bytes(packet[:2])  # the asker's ID
            reply = dns.message.from_wire(answer, question_only=True)
            assert reply.flags & dns.flags.QR
    # still answering
    out = await server.handle(base)
    assert out is not None and dns.message.from_wire(out).answer


async def test_tcp_clients_are_bounded_and_idle_ones_closed() -> None:
    udp_sock, tcp_sock, port = bound_pair()
    server = DNSServer(Resolver(SNAP), max_tcp_clients=1, tcp_idle=0.2)
    await server.start([udp_sock], [tcp_sock])
    try:
        first_r, first_w = await asyncio.open_connection("127.0.0.1", port)
        wire = dns.message.make_query("db.default.svc.cluster.local.", "A").to_wire()
        first_w.write(len(wire).to_bytes(2, "big") + wire)
        await first_w.drain()
        size = int.from_bytes(await asyncio.wait_for(first_r.readexactly(2), WAIT), "big")
        assert ips(dns.message.from_wire(await first_r.readexactly(size))) == ["10.96.0.10"]
        # a second client while the first is connected: closed at once
        second_r, second_w = await asyncio.open_connection("127.0.0.1", port)
        assert await asyncio.wait_for(second_r.read(), WAIT) == b""
        second_w.close()
        # the first, left idle, is closed by the server
        assert await asyncio.wait_for(first_r.read(), WAIT) == b""
        first_w.close()
    finally:
        await server.stop()
