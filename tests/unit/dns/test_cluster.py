"""Cluster DNS wired whole: a real Store, the change feed, real 127.0.0.1
sockets and a real upstream."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import dns.asyncquery
import dns.message
import dns.rcode
import pytest

from podd.dns.cluster import ClusterDNS, DNSConfig, host_upstreams
from podd.dns.upstream import Upstream
from podd.model.meta import ObjectMeta
from podd.model.namespace import Namespace
from podd.store import migrate
from podd.store.repository import Store
from tests.unit.dns.conftest import Responder, same_port_pair
from tests.unit.dns.test_source import endpoint_slice, headless, pod

WAIT = 5.0


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    db = tmp_path / "podd.db"
    await asyncio.to_thread(migrate.upgrade, db)
    s = Store(db)
    await s.open()
    yield s
    await s.close()


async def ask(port: int, name: str, rdtype: str = "A") -> dns.message.Message:
    query = dns.message.make_query(name, rdtype)
    return await dns.asyncquery.udp(query, "127.0.0.1", port=port, timeout=WAIT)


def ips(reply: dns.message.Message) -> list[str]:
    return sorted(rd.to_text() for rrset in reply.answer for rd in rrset)


async def test_cluster_dns_serves_the_store_and_forwards(store: Store, upstream: Responder) -> None:
    await store.create("Namespace", Namespace(metadata=ObjectMeta(name="default")))
    await store.create("Pod", pod("a", "10.88.0.5"))
    await store.create("Service", headless("web"))
    await store.create("EndpointSlice", endpoint_slice("web", "10.88.0.5"))
    config = DNSConfig(dns_ip="10.96.0.10", upstreams=[Upstream("127.0.0.1", upstream.port)])
    cluster = ClusterDNS(store, config)
    udp, tcp, port = same_port_pair()
    await cluster.start([udp], [tcp])
    try:
        assert ips(await ask(port, "web.default.svc.cluster.local.")) == ["10.88.0.5"]
        assert ips(await ask(port, "10-88-0-5.default.pod.cluster.local.")) == ["10.88.0.5"]
        assert ips(await ask(port, "ns.dns.cluster.local.")) == ["10.96.0.10"]
        assert ips(await ask(port, "example.com.")) == ["93.184.216.34"]
        ptr = await ask(port, "5.0.88.10.in-addr.arpa.", "PTR")
        assert ips(ptr) == ["10-88-0-5.web.default.svc.cluster.local."]
        # an unknown pod-network address never goes upstream
        before = upstream.udp_queries
        assert (await ask(port, "9.9.88.10.in-addr.arpa.", "PTR")).rcode() == dns.rcode.NXDOMAIN
        assert upstream.udp_queries == before

        gen = cluster.source.generation
        await store.create("EndpointSlice", endpoint_slice("web2", "10.88.0.7"))
        await store.create("Service", headless("web2"))
        while not ips(await ask(port, "web2.default.svc.cluster.local.")):
            await asyncio.wait_for(cluster.source.wait_for(gen), WAIT)
            gen = cluster.source.generation
        assert ips(await ask(port, "web2.default.svc.cluster.local.")) == ["10.88.0.7"]
    finally:
        await cluster.stop()
    assert udp.fileno() == -1 and tcp.fileno() == -1


def test_host_upstreams() -> None:
    got = host_upstreams(
        ["127.0.0.53", "10.96.0.10", "fe80::1%eth0", "not-an-ip", "127.0.0.53", "::1"],
        exclude=["10.96.0.10"],
    )
    assert got == [Upstream("127.0.0.53"), Upstream("fe80::1%eth0"), Upstream("::1")]


def test_the_cluster_dns_is_never_its_own_upstream(store: Store) -> None:
    config = DNSConfig(dns_ip="10.96.0.10", upstreams=[Upstream("10.96.0.10"), Upstream("1.1.1.1")])
    cluster = ClusterDNS(store, config)
    assert cluster.server.forwarder is not None
    assert cluster.server.forwarder.upstreams == [Upstream("1.1.1.1")]
