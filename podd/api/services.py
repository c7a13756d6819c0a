"""Services (core/v1), Endpoints (core/v1) and EndpointSlices
(discovery.k8s.io/v1) as resources.

A Service is defaulted, given its IP families and validated here; what it
holds (its clusterIP, its nodePorts) is decided by the store's claim rule
(:class:`podd.model.servicealloc.ServiceClaims`, installed by :func:`install`)
inside the Service's own write, and released with it. Endpoints and
EndpointSlices are written by the endpoints controller; clients may write
them too (a Service without a selector), checked as the apiserver checks them.
"""

from __future__ import annotations

from typing import Any

from podd.api import resources as res
from podd.model.endpoints import Endpoints, EndpointsList
from podd.model.endpointslice import API_VERSION as DISCOVERY_V1
from podd.model.endpointslice import EndpointSlice, EndpointSliceList
from podd.model.errors import InvalidError
from podd.model.service import Service, ServiceList, default_service
from podd.model.servicealloc import ServiceClaims, carry_allocations, init_ip_families
from podd.model.validation.service import (
    validate_endpoint_slice,
    validate_endpoint_slice_update,
    validate_endpoints,
    validate_endpoints_update,
    validate_service,
    validate_service_update,
)
from podd.services import Services

__all__ = ["ENDPOINTS", "ENDPOINT_SLICES", "SERVICES", "install", "service_claims"]

FIELDS = frozenset({"metadata.name", "metadata.namespace"})
SERVICE_FIELDS = FIELDS | {"spec.clusterIP", "spec.type"}


def install(svc: Services) -> None:
    """The store decides what Services hold, in this podd's service CIDR."""
    svc.store.claim_rules["Service"] = ServiceClaims(svc.settings.service_cidr)


def service_claims(svc: Services) -> ServiceClaims:
    rule = svc.store.claim_rules.get("Service")
    return rule if isinstance(rule, ServiceClaims) else ServiceClaims(svc.settings.service_cidr)


def _service_fields(obj: Any) -> dict[str, str]:
    return {
        "metadata.name": obj.metadata.name or "",
        "metadata.namespace": obj.metadata.namespace or "",
        "spec.clusterIP": obj.spec.cluster_ip or "",
        "spec.type": obj.spec.type or "",
    }


def _fields(obj: Any) -> dict[str, str]:
    return {
        "metadata.name": obj.metadata.name or "",
        "metadata.namespace": obj.metadata.namespace or "",
    }


def _keep_meta(old: Any, new: Any) -> None:
    new.metadata.uid = old.metadata.uid
    new.metadata.creation_timestamp = old.metadata.creation_timestamp


def _check(causes: list[Any], name: str | None) -> None:
    if causes:
        raise InvalidError(causes, name=name)


# -- Service -----------------------------------------------------------------
def service_create(svc: Services, service: Service) -> tuple[Service, list[str]]:
    family = service_claims(svc).family
    service.status = type(service.status)()  # status is the system's (no LB here)
    default_service(service)
    init_ip_families(service, None, family)
    _check(validate_service(service, (family,)), service.metadata.name)
    return service, []


def service_update(svc: Services, old: Service, new: Service) -> tuple[Service, list[str]]:
    family = service_claims(svc).family
    _keep_meta(old, new)
    new.status = old.status  # written through the status subresource only
    carry_allocations(old, new)
    default_service(new)
    init_ip_families(new, old, family)
    if new.spec != old.spec:
        new.metadata.generation = (old.metadata.generation or 1) + 1
    else:
        new.metadata.generation = old.metadata.generation
    _check(validate_service_update(old, new, (family,)), old.metadata.name)
    return new, []


SERVICES = res.ResourceType(
    kind="Service",
    plural="services",
    singular="service",
    namespaced=True,
    struct=Service,
    list_struct=ServiceList,
    field_labels=SERVICE_FIELDS,
    fields=_service_fields,
    prepare_create=service_create,
    prepare_update=service_update,
    short_names=("svc",),
    categories=("all",),
)


# -- Endpoints ---------------------------------------------------------------
def endpoints_create(svc: Services, ep: Endpoints) -> tuple[Endpoints, list[str]]:
    _check(validate_endpoints(ep), ep.metadata.name)
    return ep, []


def endpoints_update(svc: Services, old: Endpoints, new: Endpoints) -> tuple[Endpoints, list[str]]:
    _keep_meta(old, new)
    _check(validate_endpoints_update(old, new), old.metadata.name)
    return new, []


ENDPOINTS = res.ResourceType(
    kind="Endpoints",
    plural="endpoints",
    singular="endpoints",
    namespaced=True,
    struct=Endpoints,
    list_struct=EndpointsList,
    field_labels=FIELDS,
    fields=_fields,
    prepare_create=endpoints_create,
    prepare_update=endpoints_update,
    short_names=("ep",),
)


# -- EndpointSlice -----------------------------------------------------------
def slice_create(svc: Services, es: EndpointSlice) -> tuple[EndpointSlice, list[str]]:
    _check(validate_endpoint_slice(es), es.metadata.name)
    return es, []


def slice_update(
    svc: Services, old: EndpointSlice, new: EndpointSlice
) -> tuple[EndpointSlice, list[str]]:
    _keep_meta(old, new)
    _check(validate_endpoint_slice_update(old, new), old.metadata.name)
    return new, []


def _slice_fields(obj: Any) -> dict[str, str]:
    return _fields(obj) | {"addressType": obj.address_type}


ENDPOINT_SLICES = res.ResourceType(
    kind="EndpointSlice",
    plural="endpointslices",
    singular="endpointslice",
    namespaced=True,
    struct=EndpointSlice,
    list_struct=EndpointSliceList,
    field_labels=FIELDS | {"addressType"},
    fields=_slice_fields,
    prepare_create=slice_create,
    prepare_update=slice_update,
    api_version=DISCOVERY_V1,
)
