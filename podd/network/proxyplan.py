"""What each Service port sends where, from Services and EndpointSlices, as
kube-proxy reads them (pure: no kernel, no store).

A Service gets traffic rules when it has a clusterIP (not headless, not
ExternalName). Its EndpointSlices are those of its namespace labelled
``kubernetes.io/service-name: <name>`` with ``addressType: IPv4``; a slice
port serves the Service port of the same name and protocol, and carries the
targetPort already resolved (a named targetPort resolving to different
numbers lands in different slices). As kube-proxy's endpoint cache and
``CategorizeEndpoints``: ``ready``/``serving`` unset count as true,
``terminating`` unset as false; the ready endpoints serve, and when none is
ready the serving-and-terminating ones do (so a rollout does not drop
connections); an endpoint listed twice (two slices) counts once.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

import msgspec

from podd.model.endpointslice import LABEL_SERVICE_NAME, Endpoint, EndpointSlice
from podd.model.service import CLUSTER_IP_NONE, Service

__all__ = ["Backend", "PortPlan", "backends", "plan"]


class Backend(msgspec.Struct, frozen=True, order=True):
    ip: str
    port: int

    def __str__(self) -> str:
        return f"{self.ip}:{self.port}"


class PortPlan(msgspec.Struct, frozen=True):
    """One Service port: where its traffic arrives, and where it goes."""

    namespace: str
    service: str
    port_name: str  # "" for an unnamed port, as kube-proxy's ServicePortName
    protocol: str  # lower case: tcp, udp, sctp (nft's words)
    cluster_ip: str
    port: int
    node_port: int | None = None
    external_ips: tuple[str, ...] = ()
    affinity_timeout: int | None = None  # seconds, for sessionAffinity ClientIP
    backends: tuple[Backend, ...] = ()

    @property
    def name(self) -> str:
        """kube-proxy's ``namespace/service/protocol/portname``."""
        return f"{self.namespace}/{self.service}/{self.protocol}/{self.port_name}"


def plan(services: Iterable[Service], slices: Iterable[EndpointSlice]) -> list[PortPlan]:
    """Every proxied Service port, in a stable order (ns, name, port order)."""
    by_service: dict[tuple[str, str], list[EndpointSlice]] = {}
    for s in slices:
        owner = (s.metadata.labels or {}).get(LABEL_SERVICE_NAME)
        if owner and s.address_type == "IPv4":
            by_service.setdefault((s.metadata.namespace or "", owner), []).append(s)
    out: list[PortPlan] = []
    keyed = sorted(services, key=lambda s: (s.metadata.namespace or "", s.metadata.name or ""))
    for svc in keyed:
        ns, name = svc.metadata.namespace or "", svc.metadata.name or ""
        out.extend(_service_ports(svc, by_service.get((ns, name), [])))
    return out


def _service_ports(svc: Service, slices: list[EndpointSlice]) -> list[PortPlan]:
    spec = svc.spec
    ip = spec.cluster_ip or ""
    if spec.type == "ExternalName" or ip in ("", CLUSTER_IP_NONE) or not _ipv4(ip):
        return []
    timeout = None
    if spec.session_affinity == "ClientIP":
        cfg = spec.session_affinity_config
        timeout = (cfg and cfg.client_ip and cfg.client_ip.timeout_seconds) or 10800
    external = tuple(a for a in spec.external_ips or () if _ipv4(a))
    plans = []
    for port in spec.ports or ():
        protocol = (port.protocol or "TCP").upper()
        plans.append(
            PortPlan(
                namespace=svc.metadata.namespace or "",
                service=svc.metadata.name or "",
                port_name=port.name or "",
                protocol=protocol.lower(),
                cluster_ip=ip,
                port=port.port,
                node_port=port.node_port or None,
                external_ips=external,
                affinity_timeout=timeout,
                backends=backends(slices, port.name or "", protocol),
            )
        )
    return plans


def backends(slices: Iterable[EndpointSlice], port_name: str, protocol: str) -> tuple[Backend, ...]:
    """The endpoints serving one Service port (name, upper-case protocol)."""
    ready: set[Backend] = set()
    fallback: set[Backend] = set()  # serving and terminating
    for s in slices:
        number = _slice_port(s, port_name, protocol)
        if number is None:
            continue
        for ep in s.endpoints or ():
            if not ep.addresses or not _ipv4(ep.addresses[0]):
                continue
            # kube-proxy uses an endpoint's first address only.
            backend = Backend(ep.addresses[0], number)
            if _ready(ep):
                ready.add(backend)
            elif _serving(ep) and _terminating(ep):
                fallback.add(backend)
    return tuple(sorted(ready or fallback, key=_order))


def _slice_port(s: EndpointSlice, port_name: str, protocol: str) -> int | None:
    for p in s.ports or ():
        if (p.name or "") == port_name and (p.protocol or "TCP").upper() == protocol and p.port:
            return p.port
    return None


def _ready(ep: Endpoint) -> bool:
    return ep.conditions.ready is None or ep.conditions.ready


def _serving(ep: Endpoint) -> bool:
    return ep.conditions.serving is None or ep.conditions.serving


def _terminating(ep: Endpoint) -> bool:
    return bool(ep.conditions.terminating)


def _order(b: Backend) -> tuple[int, int]:
    return int(ipaddress.IPv4Address(b.ip)), b.port


def _ipv4(text: str) -> bool:
    try:
        ipaddress.IPv4Address(text)
    except ValueError:
        return False
    return True
