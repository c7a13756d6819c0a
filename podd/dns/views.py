"""The few fields of stored Pods, Services, EndpointSlices and Endpoints
that cluster DNS reads, decoded straight from their JSON (cheaper than the
full models, and independent of them), and the pure step from those to a
:class:`Snapshot`.

Endpoints as CoreDNS takes them: a Service's EndpointSlices (label
``kubernetes.io/service-name``), each endpoint counted unless its
``conditions.ready`` is false (the controller already marks not-ready pods
ready when ``publishNotReadyAddresses`` is set); a Service without slices
falls back to its core/v1 Endpoints ``addresses`` (``notReadyAddresses``
never answer).
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec

from podd.dns.snapshot import EndpointRecord, PodRecord, PortRecord, ServiceRecord, Snapshot

SERVICE_NAME_LABEL = "kubernetes.io/service-name"
TERMINAL_PHASES = ("Succeeded", "Failed")


class _Meta(msgspec.Struct):
    name: str = ""
    namespace: str = ""
    labels: dict[str, str] | None = None
    deletion_timestamp: str | None = msgspec.field(default=None, name="deletionTimestamp")


class _IP(msgspec.Struct):
    ip: str = ""


class _PodSpec(msgspec.Struct):
    hostname: str | None = None
    subdomain: str | None = None
    host_network: bool | None = msgspec.field(default=None, name="hostNetwork")


class _PodStatus(msgspec.Struct):
    phase: str | None = None
    pod_ip: str | None = msgspec.field(default=None, name="podIP")
    pod_ips: list[_IP] | None = msgspec.field(default=None, name="podIPs")


class PodView(msgspec.Struct):
    metadata: _Meta = msgspec.field(default_factory=_Meta)
    spec: _PodSpec = msgspec.field(default_factory=_PodSpec)
    status: _PodStatus = msgspec.field(default_factory=_PodStatus)


class _Port(msgspec.Struct):
    name: str | None = None
    port: int | None = None
    protocol: str | None = None


class _ServiceSpec(msgspec.Struct):
    type: str | None = None
    external_name: str | None = msgspec.field(default=None, name="externalName")
    cluster_ip: str | None = msgspec.field(default=None, name="clusterIP")
    cluster_ips: list[str] | None = msgspec.field(default=None, name="clusterIPs")
    ports: list[_Port] | None = None


class ServiceView(msgspec.Struct):
    metadata: _Meta = msgspec.field(default_factory=_Meta)
    spec: _ServiceSpec = msgspec.field(default_factory=_ServiceSpec)


class _Conditions(msgspec.Struct):
    ready: bool | None = None


class _SliceEndpoint(msgspec.Struct):
    addresses: list[str] = []
    conditions: _Conditions = msgspec.field(default_factory=_Conditions)
    hostname: str | None = None


class SliceView(msgspec.Struct):
    metadata: _Meta = msgspec.field(default_factory=_Meta)
    endpoints: list[_SliceEndpoint] | None = None
    ports: list[_Port] | None = None


class _Address(msgspec.Struct):
    ip: str = ""
    hostname: str | None = None


class _Subset(msgspec.Struct):
    addresses: list[_Address] | None = None
    ports: list[_Port] | None = None


class EndpointsView(msgspec.Struct):
    metadata: _Meta = msgspec.field(default_factory=_Meta)
    subsets: list[_Subset] | None = None


View = PodView | ServiceView | SliceView | EndpointsView
DECODERS: dict[str, msgspec.json.Decoder[PodView | ServiceView | SliceView | EndpointsView]] = {
    "Pod": msgspec.json.Decoder(PodView),
    "Service": msgspec.json.Decoder(ServiceView),
    "EndpointSlice": msgspec.json.Decoder(SliceView),
    "Endpoints": msgspec.json.Decoder(EndpointsView),
}


def _ports(ports: list[_Port] | None) -> list[PortRecord]:
    return [
        PortRecord(p.port if p.port is not None else -1, p.name or "", p.protocol or "TCP")
        for p in ports or ()
    ]


def pod_record(pod: PodView) -> PodRecord | None:
    """The pod as DNS names it; None while it has no IP or is going away."""
    meta, status = pod.metadata, pod.status
    if meta.deletion_timestamp or status.phase in TERMINAL_PHASES or pod.spec.host_network:
        return None
    ips = [i.ip for i in status.pod_ips or () if i.ip] or ([status.pod_ip] if status.pod_ip else [])
    if not ips:
        return None
    return PodRecord(meta.name, meta.namespace, ips, pod.spec.hostname, pod.spec.subdomain)


def _slice_endpoints(slices: Iterable[SliceView]) -> list[EndpointRecord]:
    out: list[EndpointRecord] = []
    for sl in slices:
        ports = _ports(sl.ports)
        for ep in sl.endpoints or ():
            if ep.conditions.ready is False:
                continue
            out += [EndpointRecord(ip, ep.hostname, ports) for ip in ep.addresses]
    return out


def _endpoints(eps: EndpointsView) -> list[EndpointRecord]:
    out: list[EndpointRecord] = []
    for subset in eps.subsets or ():
        ports = _ports(subset.ports)
        out += [EndpointRecord(a.ip, a.hostname, ports) for a in subset.addresses or () if a.ip]
    return out


def service_record(
    svc: ServiceView, slices: list[SliceView], endpoints: EndpointsView | None
) -> ServiceRecord | None:
    spec = svc.spec
    meta = svc.metadata
    if spec.type == "ExternalName":
        if not spec.external_name:
            return None
        return ServiceRecord(meta.name, meta.namespace, external_name=spec.external_name)
    ips = spec.cluster_ips or ([spec.cluster_ip] if spec.cluster_ip else [])
    cluster_ips = [ip for ip in ips if ip and ip != "None"]  # "None": headless
    if slices:
        eps = _slice_endpoints(slices)
    else:
        eps = _endpoints(endpoints) if endpoints is not None else []
    return ServiceRecord(
        svc.metadata.name, svc.metadata.namespace, cluster_ips, _ports(spec.ports), eps
    )


def build_snapshot(
    namespaces: Iterable[str],
    pods: Iterable[PodView],
    services: Iterable[ServiceView],
    slices: Iterable[SliceView] = (),
    endpoints: Iterable[EndpointsView] = (),
    serial: int = 0,
) -> Snapshot:
    by_service: dict[tuple[str, str], list[SliceView]] = {}
    for sl in slices:
        owner = (sl.metadata.labels or {}).get(SERVICE_NAME_LABEL)
        if owner:
            by_service.setdefault((sl.metadata.namespace, owner), []).append(sl)
    eps_by_name = {(e.metadata.namespace, e.metadata.name): e for e in endpoints}
    records = []
    for svc in services:
        key = (svc.metadata.namespace, svc.metadata.name)
        record = service_record(svc, by_service.get(key, []), eps_by_name.get(key))
        if record is not None:
            records.append(record)
    pod_records = [r for r in (pod_record(p) for p in pods) if r is not None]
    return Snapshot(sorted(set(namespaces)), records, pod_records, serial)
