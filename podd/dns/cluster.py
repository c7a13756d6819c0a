"""Cluster DNS as one piece for the service to wire: the resolver, the
store-fed source that keeps its snapshot, the forwarder and the server.

    dns = ClusterDNS(store, DNSConfig(dns_ip="10.96.0.10", upstreams=host_upstreams(ns)))
    await dns.start(udp=[sock_u], tcp=[sock_t])   # sockets made in the pod network
    ...
    await dns.stop()

Nothing of it outlives podd: the sockets are handed in (the helper that
made them keeps nothing), upstream sockets live for one query, and a
restarted podd rebuilds the snapshot from the store.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Sequence

import msgspec

from podd.dns.cache import AnswerCache
from podd.dns.records import PodsMode, Resolver, ZoneConfig
from podd.dns.server import DNSServer
from podd.dns.snapshot import CLUSTER_DOMAIN
from podd.dns.source import DNSSource
from podd.dns.upstream import Forwarder, SocketFactory, Upstream
from podd.store.repository import Store


class DNSConfig(msgspec.Struct, frozen=True):
    domain: str = CLUSTER_DOMAIN
    dns_ip: str | None = None  # the address pods are given as their nameserver
    pod_cidr: str = "10.88.0.0/16"
    service_cidr: str = "10.96.0.0/16"
    # Asked from podd's own network namespace (the forwarder's sockets are
    # podd's): the host's resolv.conf servers, 127.0.0.53 included, are
    # right; slirp4netns's 10.0.2.3 exists only inside the pod network.
    upstreams: list[Upstream] = []
    pods: PodsMode = "verified"
    ttl: int = 5
    upstream_timeout: float = 2.0
    max_inflight: int = 1000
    cache_ttl: int = 30  # upstream answers kept at most this long (0: none); CoreDNS's `cache 30`


def host_upstreams(nameservers: Iterable[str], exclude: Iterable[str] = ()) -> list[Upstream]:
    """Upstreams from the host's resolv.conf nameservers, without the cluster
    DNS itself (a loop) or anything that is not an address."""
    skip = set(exclude)
    out: list[Upstream] = []
    for ns in nameservers:
        try:
            ipaddress.ip_address(ns.split("%", 1)[0])
        except ValueError:
            continue
        if ns not in skip and Upstream(ns) not in out:
            out.append(Upstream(ns))
    return out


class ClusterDNS:
    def __init__(
        self, store: Store, config: DNSConfig, socket_factory: SocketFactory | None = None
    ) -> None:
        self.config = config
        zone = ZoneConfig(
            domain=config.domain,
            ttl=config.ttl,
            pods=config.pods,
            dns_ips=(config.dns_ip,) if config.dns_ip else (),
            reverse_cidrs=(config.pod_cidr, config.service_cidr),
        )
        self.resolver = Resolver(config=zone)
        self.source = DNSSource(store, self.resolver)
        upstreams = [u for u in config.upstreams if u.host != config.dns_ip]
        forwarder = Forwarder(
            upstreams, timeout=config.upstream_timeout, socket_factory=socket_factory
        )
        self.server = DNSServer(
            self.resolver,
            forwarder,
            max_inflight=config.max_inflight,
            answer_cache=AnswerCache(config.cache_ttl) if config.cache_ttl > 0 else None,
        )

    async def start(
        self, udp: Sequence[socket.socket] = (), tcp: Sequence[socket.socket] = ()
    ) -> None:
        """The snapshot first (answers are right from the first query), then
        the sockets; they are the server's from here on."""
        await self.source.start()
        try:
            await self.server.start(udp, tcp)
        except BaseException:
            await self.source.stop()
            raise

    async def rebind(
        self, udp: Sequence[socket.socket] = (), tcp: Sequence[socket.socket] = ()
    ) -> None:
        """Serve on new sockets instead (the pod network was rebuilt: the old
        ones are in a namespace no pod uses any more)."""
        await self.server.stop()
        await self.server.start(udp, tcp)

    async def stop(self) -> None:
        await self.server.stop()
        await self.source.stop()
