"""What a Service's Endpoints and EndpointSlices should say, from the Service
and the pods of its namespace: pure functions, no store, no clock.

The rules are the endpoints and endpointslice controllers' (kube-controller-
manager): a pod counts when its selector matches, it has an IP and it is not
finished (``Succeeded``/``Failed``). In Endpoints a ready pod is in
``addresses``, a not-ready one in ``notReadyAddresses``, a terminating one is
left out; ``publishNotReadyAddresses`` makes every pod an address. In an
EndpointSlice every pod is an endpoint with ``ready`` (ready, not
terminating, or published anyway), ``serving`` (ready) and ``terminating``.
A named ``targetPort`` is looked up per pod among its containers' ports (name
and protocol); a pod without it serves the other ports only. ``hostname`` is
set when the pod's ``hostname`` is set and its ``subdomain`` names the Service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import msgspec

from podd.model.endpoints import (
    LABEL_HEADLESS,
    EndpointAddress,
    Endpoints,
    EndpointSubset,
)
from podd.model.endpoints import EndpointPort as CorePort
from podd.model.endpointslice import (
    LABEL_MANAGED_BY,
    LABEL_SERVICE_NAME,
    MANAGED_BY,
    Endpoint,
    EndpointConditions,
    EndpointSlice,
    EndpointSlicePort,
)
from podd.model.event import ObjectReference
from podd.model.meta import ObjectMeta, OwnerReference
from podd.model.service import CLUSTER_IP_NONE, Service, ServicePort

__all__ = [
    "MAX_ENDPOINTS_PER_SLICE",
    "PodView",
    "SlicePlan",
    "desired_endpoints",
    "desired_slices",
    "manages",
    "matches",
    "plan_slices",
    "reconcile_slices",
    "same_endpoints",
]

MAX_ENDPOINTS_PER_SLICE = 100  # the controller's --max-endpoints-per-slice default


# -- the few fields of a pod this reads --------------------------------------
class _Meta(msgspec.Struct, rename="camel"):
    name: str = ""
    namespace: str = ""
    uid: str = ""
    labels: dict[str, str] | None = None
    deletion_timestamp: str | None = None


class _ContainerPort(msgspec.Struct, rename="camel"):
    name: str | None = None
    container_port: int = 0
    protocol: str | None = None


class _Container(msgspec.Struct):
    ports: list[_ContainerPort] | None = None


class _Spec(msgspec.Struct, rename="camel"):
    containers: list[_Container] = msgspec.field(default_factory=list)
    hostname: str | None = None
    subdomain: str | None = None
    node_name: str | None = None


class _Condition(msgspec.Struct):
    type: str = ""
    status: str = ""


class _Status(msgspec.Struct):
    phase: str | None = None
    pod_ip: str | None = msgspec.field(default=None, name="podIP")
    conditions: list[_Condition] | None = None


class PodView(msgspec.Struct):
    metadata: _Meta = msgspec.field(default_factory=_Meta)
    spec: _Spec = msgspec.field(default_factory=_Spec)
    status: _Status = msgspec.field(default_factory=_Status)

    @property
    def ready(self) -> bool:
        return any(c.type == "Ready" and c.status == "True" for c in self.status.conditions or ())

    @property
    def terminating(self) -> bool:
        return self.metadata.deletion_timestamp is not None


def matches(selector: dict[str, str], labels: dict[str, str] | None) -> bool:
    got = labels or {}
    return all(got.get(k) == v for k, v in selector.items())


def manages(svc: Service) -> bool:
    """Whether the controllers keep this Service's endpoints (a selector, not ExternalName)."""
    return bool(svc.spec.selector) and svc.spec.type != "ExternalName"


def _members(svc: Service, pods: Iterable[PodView]) -> list[PodView]:
    selector = svc.spec.selector or {}
    out = [
        p
        for p in pods
        if p.status.pod_ip
        and p.status.phase not in ("Succeeded", "Failed")
        and matches(selector, p.metadata.labels)
    ]
    return sorted(out, key=lambda p: (p.status.pod_ip or "", p.metadata.uid))


def _find_port(pod: PodView, port: ServicePort) -> int | None:
    """``podutil.FindPort``: a number as is, a name among the containers' ports."""
    target = port.target_port
    if isinstance(target, int):
        return target or port.port
    if not target:
        return port.port
    for ctr in pod.spec.containers:
        for cp in ctr.ports or ():
            if cp.name == target and (cp.protocol or "TCP") == (port.protocol or "TCP"):
                return cp.container_port
    return None


def _hostname(pod: PodView, svc: Service) -> str | None:
    spec = pod.spec
    if spec.hostname and spec.subdomain == svc.metadata.name:
        return spec.hostname
    return None


def _ref(pod: PodView) -> ObjectReference:
    meta = pod.metadata
    return ObjectReference(kind="Pod", namespace=meta.namespace, name=meta.name, uid=meta.uid)


def _labels(svc: Service, extra: dict[str, str]) -> dict[str, str] | None:
    labels = dict(svc.metadata.labels or {})
    if svc.spec.cluster_ip == CLUSTER_IP_NONE:
        labels[LABEL_HEADLESS] = ""
    labels.update(extra)
    return labels or None


# -- core/v1 Endpoints -------------------------------------------------------
def desired_endpoints(svc: Service, pods: Iterable[PodView]) -> Endpoints:
    """The Endpoints named after ``svc``; subsets repacked as ``RepackSubsets``
    does: addresses with the same ports share a subset."""
    publish = bool(svc.spec.publish_not_ready_addresses)
    ports = svc.spec.ports or []
    groups: dict[
        tuple[tuple[str, int, str], ...], tuple[list[EndpointAddress], list[EndpointAddress]]
    ]
    groups = {}
    for pod in _members(svc, pods):
        if pod.terminating and not publish:
            continue
        served = []
        for port in ports:
            number = _find_port(pod, port)
            if number is not None:
                served.append((port.name or "", number, port.protocol or "TCP"))
        if ports and not served:
            continue
        address = EndpointAddress(
            ip=pod.status.pod_ip or "",
            hostname=_hostname(pod, svc),
            node_name=pod.spec.node_name,
            target_ref=_ref(pod),
        )
        ready, not_ready = groups.setdefault(tuple(sorted(served)), ([], []))
        (ready if publish or pod.ready else not_ready).append(address)
    subsets = [
        EndpointSubset(
            addresses=ready or None,
            not_ready_addresses=not_ready or None,
            ports=[CorePort(name=n or None, port=num, protocol=proto) for n, num, proto in key]
            or None,
        )
        for key, (ready, not_ready) in sorted(groups.items())
    ]
    meta = ObjectMeta(
        name=svc.metadata.name, namespace=svc.metadata.namespace, labels=_labels(svc, {})
    )
    return Endpoints(metadata=meta, subsets=subsets or None)


# -- discovery.k8s.io/v1 EndpointSlices ---------------------------------------
def _slice_ports(pod: PodView, ports: Sequence[ServicePort]) -> list[EndpointSlicePort]:
    out = []
    for port in ports:
        number = _find_port(pod, port)
        if number is not None:
            out.append(
                EndpointSlicePort(
                    name=port.name or "",
                    protocol=port.protocol or "TCP",
                    port=number,
                    app_protocol=port.app_protocol,
                )
            )
    return out


def _endpoint(pod: PodView, svc: Service) -> Endpoint:
    publish = bool(svc.spec.publish_not_ready_addresses)
    terminating = pod.terminating
    ready = (publish or pod.ready) and (publish or not terminating)
    return Endpoint(
        addresses=[pod.status.pod_ip or ""],
        conditions=EndpointConditions(ready=ready, serving=pod.ready, terminating=terminating),
        hostname=_hostname(pod, svc),
        target_ref=_ref(pod),
        node_name=pod.spec.node_name,
    )


class SlicePlan(msgspec.Struct):
    """One slice's content: its ports and endpoints (100 at most)."""

    ports: list[EndpointSlicePort]
    endpoints: list[Endpoint]


def plan_slices(svc: Service, pods: Iterable[PodView]) -> list[SlicePlan]:
    """Endpoints grouped by the ports they serve, cut in slices of 100; one
    empty slice when there is nothing (the controller's placeholder)."""
    groups: dict[bytes, tuple[list[EndpointSlicePort], list[Endpoint]]] = {}
    ports = svc.spec.ports or []
    for pod in _members(svc, pods):
        served = _slice_ports(pod, ports)
        if ports and not served:
            continue
        key = msgspec.json.encode(served)
        groups.setdefault(key, (served, []))[1].append(_endpoint(pod, svc))
    plans = []
    for _, (served, endpoints) in sorted(groups.items()):
        for i in range(0, len(endpoints), MAX_ENDPOINTS_PER_SLICE):
            plans.append(SlicePlan(served, endpoints[i : i + MAX_ENDPOINTS_PER_SLICE]))
    return plans or [SlicePlan([], [])]


def _slice_meta(svc: Service, name: str) -> ObjectMeta:
    owner = OwnerReference(
        api_version="v1",
        kind="Service",
        name=svc.metadata.name or "",
        uid=svc.metadata.uid or "",
        controller=True,
        block_owner_deletion=True,
    )
    labels = _labels(
        svc, {LABEL_SERVICE_NAME: svc.metadata.name or "", LABEL_MANAGED_BY: MANAGED_BY}
    )
    return ObjectMeta(
        name=name or None,
        generate_name=(svc.metadata.name or "") + "-",
        namespace=svc.metadata.namespace,
        labels=labels,
        owner_references=[owner],
    )


def desired_slices(
    svc: Service, pods: Iterable[PodView], existing: Sequence[EndpointSlice]
) -> tuple[list[EndpointSlice], list[EndpointSlice]]:
    """(slices to write — named when they replace an existing one, to be named
    by the store otherwise — and existing slices to delete). Unchanged slices
    are not written."""
    return reconcile_slices(plan_slices(svc, pods), lambda name: _slice_meta(svc, name), existing)


def reconcile_slices(
    plans: Sequence[SlicePlan],
    meta_for: Callable[[str], ObjectMeta],
    existing: Sequence[EndpointSlice],
) -> tuple[list[EndpointSlice], list[EndpointSlice]]:
    """The plans laid onto the existing slices in name order: the ones that
    differ rewritten under their name, new ones unnamed, the rest deleted."""
    current = sorted(existing, key=lambda s: s.metadata.name or "")
    writes: list[EndpointSlice] = []
    for i, plan in enumerate(plans):
        name = current[i].metadata.name or "" if i < len(current) else ""
        want = EndpointSlice(
            metadata=meta_for(name),
            address_type="IPv4",
            endpoints=plan.endpoints,
            ports=plan.ports or None,
        )
        if i < len(current) and _same_slice(current[i], want):
            continue
        writes.append(want)
    return writes, current[len(plans) :]


def _same_slice(have: EndpointSlice, want: EndpointSlice) -> bool:
    h, w = have.metadata, want.metadata
    return (
        have.address_type == want.address_type
        and (have.endpoints or []) == (want.endpoints or [])
        and (have.ports or []) == (want.ports or [])
        and h.labels == w.labels
        and h.owner_references == w.owner_references
    )


def same_endpoints(have: Endpoints, want: Endpoints) -> bool:
    return have.subsets == want.subsets and have.metadata.labels == want.metadata.labels
