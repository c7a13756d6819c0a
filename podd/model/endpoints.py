"""core/v1 Endpoints: where a Service's traffic goes (its discovery.k8s.io/v1
successor is :mod:`podd.model.endpointslice`). The endpoints controller
(podd/controller/endpoints.py) keeps them from the pods a Service's selector
matches; clients may also write the Endpoints of a Service without a selector,
as on Kubernetes."""

from __future__ import annotations

import msgspec

from podd.model.base import K8sStruct, always, always_list
from podd.model.event import ObjectReference
from podd.model.meta import ListMeta, ObjectMeta

__all__ = [
    "LABEL_HEADLESS",
    "EndpointAddress",
    "EndpointPort",
    "EndpointSubset",
    "Endpoints",
    "EndpointsList",
]

LABEL_HEADLESS = "service.kubernetes.io/headless"


# -- core/v1 Endpoints ---------------------------------------------------------
class EndpointAddress(K8sStruct):
    ip: str = always("")
    hostname: str | None = None
    node_name: str | None = None
    target_ref: ObjectReference | None = None


class EndpointPort(K8sStruct):
    name: str | None = None
    port: int = always(0)
    protocol: str | None = None
    app_protocol: str | None = None


class EndpointSubset(K8sStruct):
    addresses: list[EndpointAddress] | None = None
    not_ready_addresses: list[EndpointAddress] | None = None
    ports: list[EndpointPort] | None = None


class Endpoints(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("Endpoints")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    subsets: list[EndpointSubset] | None = None


class EndpointsList(K8sStruct):
    api_version: str = always("v1")
    kind: str = always("EndpointsList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[Endpoints] = always_list()
