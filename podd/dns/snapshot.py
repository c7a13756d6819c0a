"""What cluster DNS answers from: a frozen snapshot of namespaces, Services
(with their ready endpoints) and Pods, and the indexes the resolver reads.

A snapshot is replaced whole on every change (the source builds a new one);
the resolver never sees a half-updated view, and lookups stay dict reads.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

import msgspec

CLUSTER_DOMAIN = "cluster.local"


class PortRecord(msgspec.Struct, frozen=True):
    """A Service port (ClusterIP) or an endpoint port (headless): SRV data."""

    port: int
    name: str = ""
    protocol: str = "TCP"


class EndpointRecord(msgspec.Struct, frozen=True):
    """One ready endpoint address of a Service, with the ports it serves."""

    ip: str
    hostname: str | None = None
    ports: list[PortRecord] = []


class ServiceRecord(msgspec.Struct, frozen=True):
    name: str
    namespace: str
    cluster_ips: list[str] = []  # empty: headless (clusterIP: None)
    ports: list[PortRecord] = []
    endpoints: list[EndpointRecord] = []
    external_name: str | None = None  # type ExternalName: a CNAME to it

    @property
    def headless(self) -> bool:
        return not self.cluster_ips and not self.external_name


class PodRecord(msgspec.Struct, frozen=True):
    name: str
    namespace: str
    ips: list[str] = []
    hostname: str | None = None
    subdomain: str | None = None


class Snapshot(msgspec.Struct, frozen=True):
    namespaces: list[str] = []
    services: list[ServiceRecord] = []
    pods: list[PodRecord] = []
    serial: int = 0  # the SOA serial: when the view last changed (unix time)


def canonical_ip(ip: str) -> str:
    """One spelling per address (IPv6 compressed), so lookups by IP match."""
    try:
        return str(ipaddress.ip_address(ip))
    except ValueError:
        return ip


def endpoint_hostname(ip: str, hostname: str | None) -> str:
    """The endpoint's DNS label: its hostname, else its IP dashed (CoreDNS)."""
    if hostname:
        return hostname
    if "." in ip:
        return ip.replace(".", "-")
    dashed = ip.replace(":", "-")
    return dashed + "0" if dashed.endswith("-") else dashed


def _pod_hostname(pod: PodRecord | None, service: str) -> str | None:
    """The endpoints controller's rule: a pod's hostname names its endpoint of
    the Service its ``subdomain`` names."""
    if pod is not None and pod.hostname and pod.subdomain == service:
        return pod.hostname
    return None


@dataclass(frozen=True)
class Target:
    """One address a name leads to: the record's IP, its port (-1: none) and
    the name SRV records point at."""

    ip: str
    port: int
    target: str  # relative to the zone, e.g. "db.default.svc"; absolute for an alias
    alias: bool = False  # an ExternalName: ``target`` is the CNAME's target


@dataclass
class ZoneIndex:
    """Lookups of one snapshot, keyed lower-case (DNS is case-insensitive)."""

    snapshot: Snapshot
    namespaces: set[str] = field(default_factory=set)
    services: dict[tuple[str, str], ServiceRecord] = field(default_factory=dict)
    pods_by_ip: dict[str, list[PodRecord]] = field(default_factory=dict)
    reverse: dict[str, list[str]] = field(default_factory=dict)  # ip -> names (zone-relative)
    endpoints: dict[tuple[str, str], list[EndpointRecord]] = field(default_factory=dict)

    @classmethod
    def build(cls, snap: Snapshot) -> ZoneIndex:
        idx = cls(snap)
        idx.namespaces = {ns.lower() for ns in snap.namespaces}
        for pod in snap.pods:
            idx.namespaces.add(pod.namespace.lower())
            for ip in pod.ips:
                idx.pods_by_ip.setdefault(canonical_ip(ip), []).append(pod)
        for svc in snap.services:
            key = (svc.namespace.lower(), svc.name.lower())
            idx.namespaces.add(key[0])
            idx.services[key] = svc
            idx.endpoints[key] = [idx._named(e, svc) for e in svc.endpoints]
        idx._build_reverse()
        return idx

    def _named(self, ep: EndpointRecord, svc: ServiceRecord) -> EndpointRecord:
        ip = canonical_ip(ep.ip)
        if ep.hostname:
            return EndpointRecord(ip, ep.hostname, ep.ports)
        same_ns = [p for p in self.pods_by_ip.get(ip, []) if p.namespace == svc.namespace]
        hostname = _pod_hostname(same_ns[0] if same_ns else None, svc.name)
        return EndpointRecord(ip, hostname, ep.ports)

    def _build_reverse(self) -> None:
        # CoreDNS answers a ClusterIP's Service first, else every endpoint
        # naming the IP; podd adds a pod's own name for pods behind none.
        services: dict[str, list[str]] = {}
        endpoints: dict[str, list[str]] = {}
        for (ns, name), svc in sorted(self.services.items()):
            for ip in svc.cluster_ips:
                services.setdefault(canonical_ip(ip), []).append(f"{name}.{ns}.svc")
            for ep in self.endpoints[(ns, name)]:
                label = endpoint_hostname(ep.ip, ep.hostname)
                endpoints.setdefault(ep.ip, []).append(f"{label}.{name}.{ns}.svc")
        for ip, pods in self.pods_by_ip.items():
            names = [f"{endpoint_hostname(ip, None)}.{p.namespace}.pod" for p in pods]
            self.reverse[ip] = names
        for ip, names in endpoints.items():
            self.reverse[ip] = list(dict.fromkeys(names))
        for ip, names in services.items():
            self.reverse[ip] = names[:1]

    def namespace_exists(self, namespace: str) -> bool:
        return namespace in self.namespaces
