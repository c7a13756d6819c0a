"""discovery.k8s.io/v1 EndpointSlice: a Service's endpoints with their
conditions (ready, serving, terminating), kept by the endpoints controller."""

from __future__ import annotations

import msgspec

from podd.model.base import K8sStruct, always, always_list
from podd.model.event import ObjectReference
from podd.model.meta import ListMeta, ObjectMeta

__all__ = [
    "API_VERSION",
    "LABEL_MANAGED_BY",
    "LABEL_SERVICE_NAME",
    "MANAGED_BY",
    "Endpoint",
    "EndpointConditions",
    "EndpointSlice",
    "EndpointSliceList",
    "EndpointSlicePort",
]

API_VERSION = "discovery.k8s.io/v1"  # names the OpenAPI definitions (kubeopenapi.names)
LABEL_SERVICE_NAME = "kubernetes.io/service-name"
LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by"
MANAGED_BY = "endpointslice-controller.k8s.io"


class EndpointConditions(K8sStruct):
    ready: bool | None = None
    serving: bool | None = None
    terminating: bool | None = None


class ForZone(K8sStruct):
    name: str = always("")


class EndpointHints(K8sStruct):
    for_zones: list[ForZone] | None = None


class Endpoint(K8sStruct):
    addresses: list[str] = always_list()
    conditions: EndpointConditions = msgspec.field(default_factory=EndpointConditions)
    hostname: str | None = None
    target_ref: ObjectReference | None = None
    deprecated_topology: dict[str, str] | None = None
    node_name: str | None = None
    zone: str | None = None
    hints: EndpointHints | None = None


class EndpointSlicePort(K8sStruct):
    """Every field a pointer in Go: the controller sets ``name`` to ``""``."""

    name: str | None = None
    protocol: str | None = None
    port: int | None = None
    app_protocol: str | None = None


class EndpointSlice(K8sStruct):
    api_version: str = always(API_VERSION)
    kind: str = always("EndpointSlice")
    metadata: ObjectMeta = msgspec.field(default_factory=ObjectMeta)
    address_type: str = always("")
    endpoints: list[Endpoint] | None = None
    ports: list[EndpointSlicePort] | None = None


class EndpointSliceList(K8sStruct):
    api_version: str = always(API_VERSION)
    kind: str = always("EndpointSliceList")
    metadata: ListMeta = msgspec.field(default_factory=ListMeta)
    items: list[EndpointSlice] = always_list()
