"""EndpointSlices mirrored from the Endpoints a client wrote for a Service
without a selector, as kube-controller-manager's endpointslicemirroring
controller makes them — so that whoever reads EndpointSlices (cluster DNS,
the Service dataplane) sees those endpoints too. Pure.

One slice per subset (its ports), ready addresses ``ready: true``,
``notReadyAddresses`` ``ready: false``; the Endpoints' labels copied, with
``kubernetes.io/service-name`` and ``endpointslice.kubernetes.io/managed-by:
endpointslicemirroring-controller.k8s.io``; owned by the Endpoints. Endpoints
labelled ``endpointslice.kubernetes.io/skip-mirror: "true"`` are not mirrored,
nor are the addresses that are not IPv4 (the cluster is single-stack).
"""

from __future__ import annotations

import ipaddress

from podd.controller.endpointsplan import SlicePlan
from podd.model.endpoints import EndpointAddress, Endpoints
from podd.model.endpointslice import (
    LABEL_MANAGED_BY,
    LABEL_SERVICE_NAME,
    Endpoint,
    EndpointConditions,
    EndpointSlicePort,
)
from podd.model.meta import ObjectMeta, OwnerReference

__all__ = ["LABEL_SKIP_MIRROR", "MIRRORING", "mirrored_meta", "mirrors", "plan_mirror"]

MIRRORING = "endpointslicemirroring-controller.k8s.io"
LABEL_SKIP_MIRROR = "endpointslice.kubernetes.io/skip-mirror"


def mirrors(ep: Endpoints) -> bool:
    return (ep.metadata.labels or {}).get(LABEL_SKIP_MIRROR) != "true"


def _ipv4(ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip).version == 4
    except ValueError:
        return False


def _endpoint(addr: EndpointAddress, ready: bool) -> Endpoint:
    return Endpoint(
        addresses=[addr.ip],
        conditions=EndpointConditions(ready=ready),
        hostname=addr.hostname,
        target_ref=addr.target_ref,
        node_name=addr.node_name,
    )


def plan_mirror(ep: Endpoints) -> list[SlicePlan]:
    plans = []
    for subset in ep.subsets or ():
        endpoints = [_endpoint(a, True) for a in subset.addresses or () if _ipv4(a.ip)]
        endpoints += [_endpoint(a, False) for a in subset.not_ready_addresses or () if _ipv4(a.ip)]
        if not endpoints:
            continue
        ports = [
            EndpointSlicePort(
                name=p.name or "",
                protocol=p.protocol or "TCP",
                port=p.port,
                app_protocol=p.app_protocol,
            )
            for p in subset.ports or ()
        ]
        plans.append(SlicePlan(ports, endpoints))
    return plans


def mirrored_meta(ep: Endpoints, name: str) -> ObjectMeta:
    meta = ep.metadata
    owner = OwnerReference(
        api_version="v1",
        kind="Endpoints",
        name=meta.name or "",
        uid=meta.uid or "",
        controller=True,
        block_owner_deletion=True,
    )
    labels = dict(meta.labels or {})
    labels.update({LABEL_SERVICE_NAME: meta.name or "", LABEL_MANAGED_BY: MIRRORING})
    return ObjectMeta(
        name=name or None,
        generate_name=(meta.name or "") + "-",
        namespace=meta.namespace,
        labels=labels,
        owner_references=[owner],
    )
