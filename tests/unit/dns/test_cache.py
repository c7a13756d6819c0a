"""Upstream answers kept and aged (pure, a fake clock), and the server
answering a repeated outside name without asking upstream again."""

from __future__ import annotations

import dns.asyncquery
import dns.flags
import dns.message
import dns.rcode
import dns.rrset

from podd.dns.cache import AnswerCache
from podd.dns.records import Resolver
from podd.dns.server import DNSServer
from podd.dns.upstream import Forwarder, Upstream
from tests.unit.dns.conftest import Responder, same_port_pair


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def answer(name: str, ttl: int, *ips: str) -> tuple[bytes, dns.message.Message]:
    query = dns.message.make_query(name, "A")
    reply = dns.message.make_response(query)
    reply.answer = [dns.rrset.from_text_list(name, ttl, "IN", "A", list(ips))]
    return query.to_wire(), reply


def negative(name: str, rcode: dns.rcode.Rcode, soa: str | None) -> tuple[bytes, bytes]:
    query = dns.message.make_query(name, "A")
    reply = dns.message.make_response(query)
    reply.set_rcode(rcode)
    if soa is not None:
        reply.authority = [dns.rrset.from_text("example.", 60, "IN", "SOA", soa)]
    return query.to_wire(), reply.to_wire()


def test_kept_for_the_smallest_ttl_capped_and_aged() -> None:
    clock = Clock()
    cache = AnswerCache(max_ttl=30, clock=clock)
    qwire, reply = answer("a.example.", 20, "192.0.2.1")
    cache.put(qwire[2:], reply.to_wire())
    clock.now += 7.5
    out = cache.get(qwire[2:], b"\x12\x34", 512)
    assert out is not None
    got = dns.message.from_wire(out)
    assert got.id == 0x1234
    assert got.answer[0].ttl == 13  # 20 - 7 whole seconds
    assert [rd.to_text() for rd in got.answer[0]] == ["192.0.2.1"]
    again = cache.get(qwire[2:], b"\x00\x01", 512)  # the kept TTL itself is not changed
    assert again is not None and dns.message.from_wire(again).answer[0].ttl == 13
    clock.now += 13
    assert cache.get(qwire[2:], b"\x00\x01", 512) is None
    assert len(cache) == 0


def test_long_ttls_are_capped() -> None:
    clock = Clock()
    cache = AnswerCache(max_ttl=30, clock=clock)
    qwire, reply = answer("b.example.", 3600, "192.0.2.2")
    cache.put(qwire[2:], reply.to_wire())
    clock.now += 29
    assert cache.get(qwire[2:], b"\x00\x01", 512) is not None
    clock.now += 1
    assert cache.get(qwire[2:], b"\x00\x01", 512) is None


def test_negative_answers_follow_the_soa() -> None:
    clock = Clock()
    cache = AnswerCache(clock=clock)
    soa = "ns.example. host.example. 1 7200 1800 86400 10"
    qwire, reply = negative("nx.example.", dns.rcode.NXDOMAIN, soa)
    cache.put(qwire[2:], reply)
    clock.now += 9
    out = cache.get(qwire[2:], b"\x00\x02", 512)
    assert out is not None and dns.message.from_wire(out).rcode() == dns.rcode.NXDOMAIN
    clock.now += 1  # the SOA minimum (10) bounds it
    assert cache.get(qwire[2:], b"\x00\x02", 512) is None
    bare_q, bare = negative("bare.example.", dns.rcode.NXDOMAIN, None)
    cache.put(bare_q[2:], bare)  # without an SOA: not kept (RFC 2308)
    assert cache.get(bare_q[2:], b"\x00\x02", 512) is None


def test_servfail_truncated_and_garbage_are_not_kept() -> None:
    cache = AnswerCache()
    qwire, fail = negative("f.example.", dns.rcode.SERVFAIL, None)
    cache.put(qwire[2:], fail)
    qwire2, reply = answer("t.example.", 60, "192.0.2.3")
    reply.flags |= dns.flags.TC
    cache.put(qwire2[2:], reply.to_wire())
    cache.put(b"junk", b"\x00\x01\x02")
    assert len(cache) == 0


def test_bounded() -> None:
    cache = AnswerCache(max_entries=3)
    for i in range(10):
        qwire, reply = answer(f"n{i}.example.", 60, "192.0.2.4")
        cache.put(qwire[2:], reply.to_wire())
    assert 1 <= len(cache) <= 3


async def test_server_asks_upstream_once(upstream: Responder) -> None:
    udp, tcp, port = same_port_pair()
    forwarder = Forwarder([Upstream("127.0.0.1", upstream.port)], timeout=2.0)
    server = DNSServer(Resolver(), forwarder, answer_cache=AnswerCache())
    await server.start([udp], [tcp])
    try:
        for _ in range(3):
            query = dns.message.make_query("example.com.", "A")
            reply = await dns.asyncquery.udp(query, "127.0.0.1", port=port, timeout=5.0)
            assert reply.id == query.id
            assert [rd.to_text() for rd in reply.answer[0]] == ["93.184.216.34"]
        assert upstream.udp_queries == 1
        query = dns.message.make_query("example.com.", "A")
        reply = await dns.asyncquery.tcp(query, "127.0.0.1", port=port, timeout=5.0)
        assert reply.answer and upstream.udp_queries + upstream.tcp_queries == 1
    finally:
        await server.stop()


def test_replays_are_cut_to_what_the_client_takes() -> None:
    cache = AnswerCache()
    ips = [f"192.0.2.{i}" for i in range(1, 101)]
    qwire, reply = answer("many.example.", 60, *ips)
    cache.put(b"plain" + qwire[2:], reply.to_wire())
    cache.put(b"edns" + qwire[2:], reply.to_wire(), payload=4096)
    small = cache.get(b"plain" + qwire[2:], b"\x00\x03", 512)
    assert small is not None and len(small) <= 512
    assert dns.message.from_wire(small).flags & dns.flags.TC
    over_tcp = cache.get(b"plain" + qwire[2:], b"\x00\x03", None)
    assert over_tcp is not None and len(dns.message.from_wire(over_tcp).answer[0]) == 100
    big = cache.get(b"edns" + qwire[2:], b"\x00\x03", 512)
    assert big is not None and len(dns.message.from_wire(big).answer[0]) == 100
