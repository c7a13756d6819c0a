"""Service, Endpoints and EndpointSlice rules, as the apiserver's
``ValidateService``/``ValidateServiceUpdate``, ``ValidateEndpoints`` and
``ValidateEndpointSlice`` check them, on one single-stack cluster.

podd refuses ``SCTP`` on Service ports (the apiserver accepts it): the pod
network's only way in and out is slirp4netns and its nftables dataplane, and
neither carries SCTP — a Service that could never deliver a packet is better
refused by name than accepted dead.
"""

from __future__ import annotations

import re

from podd.model import field as f
from podd.model.endpoints import Endpoints
from podd.model.endpointslice import EndpointSlice
from podd.model.field import Path, StatusCause
from podd.model.names import (
    is_dns1123_label,
    is_dns1123_subdomain,
    is_ip,
    is_valid_port_name,
    regex_error,
)
from podd.model.service import CLUSTER_IP_NONE, Service, ServicePort
from podd.model.validation.meta import (
    dns1123_subdomain_name,
    validate_immutable,
    validate_labels,
    validate_object_meta,
    validate_object_meta_update,
)
from podd.model.validation.probe import PORT_RANGE

__all__ = [
    "PROTOCOLS",
    "dns1035_label_name",
    "validate_endpoint_slice",
    "validate_endpoints",
    "validate_service",
    "validate_service_update",
]

PROTOCOLS = ("TCP", "UDP")  # SCTP: see the module's docstring
TYPES = ("ClusterIP", "ExternalName", "LoadBalancer", "NodePort")
AFFINITIES = ("ClientIP", "None")
POLICIES = ("PreferDualStack", "RequireDualStack", "SingleStack")
TRAFFIC_POLICIES = ("Cluster", "Local")
MAX_CLIENT_IP_TIMEOUT = 86400
ADDRESS_TYPES = ("FQDN", "IPv4", "IPv6")
_SPEC = Path("spec")

_DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?"
_DNS1035_RE = re.compile(_DNS1035_FMT)
_DNS1035_MSG = (
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with "
    "an alphabetic character, and end with an alphanumeric character"
)


def dns1035_label_name(name: str, prefix: bool) -> list[str]:
    """A Service's name (``NameIsDNS1035Label``)."""
    if prefix:
        name = name[:-1] + "a" if name.endswith("-") else name
    errs = []
    if len(name) > 63:
        errs.append("must be no more than 63 characters")
    if not _DNS1035_RE.fullmatch(name):
        errs.append(regex_error(_DNS1035_MSG, _DNS1035_FMT, "my-name", "abc-123"))
    return errs


def _port_num(value: int, path: Path) -> list[StatusCause]:
    return [] if 1 <= value <= 65535 else [f.invalid(path, value, PORT_RANGE)]


def _port_key(port: ServicePort) -> str:
    """How Go's ``%#v`` shows the duplicate-detection key ``core.ServicePort``."""
    return (
        f'core.ServicePort{{Name:"", Protocol:"{port.protocol or ""}", '
        f"AppProtocol:(*string)(nil), Port:{port.port}, "
        'TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'
    )


def _validate_port(
    port: ServicePort, path: Path, require_name: bool, names: set[str]
) -> list[StatusCause]:
    errs: list[StatusCause] = []
    if require_name and not port.name:
        errs.append(f.required(path.child("name")))
    elif port.name:
        errs.extend(
            f.invalid(path.child("name"), port.name, m) for m in is_dns1123_label(port.name)
        )
        if port.name in names:
            errs.append(f.duplicate(path.child("name"), port.name))
        names.add(port.name)
    errs.extend(_port_num(port.port, path.child("port")))
    if not port.protocol:
        errs.append(f.required(path.child("protocol")))
    elif port.protocol not in PROTOCOLS:
        errs.append(f.not_supported(path.child("protocol"), port.protocol, PROTOCOLS))
    target = port.target_port
    if isinstance(target, int):
        errs.extend(_port_num(target, path.child("targetPort")))
    elif isinstance(target, str):
        errs.extend(
            f.invalid(path.child("targetPort"), target, m) for m in is_valid_port_name(target)
        )
    return errs


def _validate_ports(svc: Service) -> list[StatusCause]:
    spec = svc.spec
    ports = spec.ports or []
    path = _SPEC.child("ports")
    errs: list[StatusCause] = []
    if not ports and spec.cluster_ip != CLUSTER_IP_NONE and spec.type != "ExternalName":
        errs.append(f.required(path))
    names: set[str] = set()
    for i, port in enumerate(ports):
        errs.extend(_validate_port(port, path.index(i), len(ports) > 1, names))
    node_ports: set[tuple[str | None, int]] = set()
    seen: set[tuple[str | None, int]] = set()
    for i, port in enumerate(ports):
        if port.node_port:
            if spec.type == "ClusterIP":
                errs.append(
                    f.forbidden(
                        path.index(i).child("nodePort"),
                        "may not be used when `type` is 'ClusterIP'",
                    )
                )
            if (port.protocol, port.node_port) in node_ports:
                errs.append(f.duplicate(path.index(i).child("nodePort"), port.node_port))
            node_ports.add((port.protocol, port.node_port))
        if (port.protocol, port.port) in seen:
            errs.append(
                f.StatusCause(
                    reason=f.CauseType.DUPLICATE,
                    field=str(path.index(i)),
                    message=f"Duplicate value: {_port_key(port)}",
                )
            )
        seen.add((port.protocol, port.port))
    return errs


def _validate_cluster_ips(svc: Service, families: tuple[str, ...]) -> list[StatusCause]:
    """``ValidateServiceClusterIPsRelatedFields`` and the allocator's family checks."""
    spec = svc.spec
    errs: list[StatusCause] = []
    ips = spec.cluster_ips or []
    if spec.type == "ExternalName":
        if spec.cluster_ip:
            errs.append(
                f.forbidden(_SPEC.child("clusterIP"), "must be empty for ExternalName services")
            )
        if ips:
            errs.append(
                f.forbidden(_SPEC.child("clusterIPs"), "must be empty for ExternalName services")
            )
        return errs
    if ips and spec.cluster_ip != ips[0]:
        errs.append(
            f.invalid(_SPEC.child("clusterIPs"), ips, "first value must match `spec.clusterIP`")
        )
    for i, ip in enumerate(ips):
        if ip == CLUSTER_IP_NONE:
            if i > 0:
                errs.append(
                    f.invalid(
                        _SPEC.child("clusterIPs").index(i),
                        ip,
                        "'None' must be the first and only value",
                    )
                )
            continue
        for msg in is_ip(ip):
            errs.append(f.invalid(_SPEC.child("clusterIPs").index(i), ip, msg))
    if spec.cluster_ip and spec.cluster_ip != CLUSTER_IP_NONE and is_ip(spec.cluster_ip):
        errs.append(
            f.invalid(
                _SPEC.child("clusterIP"),
                spec.cluster_ip,
                "must be empty, 'None', or a valid IP address",
            )
        )
    if spec.type in ("NodePort", "LoadBalancer") and spec.cluster_ip == CLUSTER_IP_NONE:
        errs.append(
            f.invalid(
                _SPEC.child("clusterIP"),
                spec.cluster_ip,
                f"may not be set to 'None' for {spec.type} services",
            )
        )
    policy = spec.ip_family_policy
    if policy is not None and policy not in POLICIES:
        errs.append(f.not_supported(_SPEC.child("ipFamilyPolicy"), policy, POLICIES))
    if policy == "RequireDualStack" and not (
        spec.cluster_ip == CLUSTER_IP_NONE and not spec.selector
    ):
        errs.append(
            f.invalid(
                _SPEC.child("ipFamilyPolicy"),
                policy,
                "this cluster is not configured for dual-stack services",
            )
        )
    if policy == "SingleStack" and len(spec.ip_families or []) > 1:
        errs.append(
            f.invalid(
                _SPEC.child("ipFamilyPolicy"),
                policy,
                "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are "
                "specified",
            )
        )
    headless_selectorless = spec.cluster_ip == CLUSTER_IP_NONE and not spec.selector
    for i, family in enumerate(spec.ip_families or []):
        path = _SPEC.child("ipFamilies").index(i)
        if family in (spec.ip_families or [])[:i]:
            errs.append(f.duplicate(path, family))
        elif family not in ("IPv4", "IPv6"):
            errs.append(f.not_supported(path, family, ("IPv4", "IPv6")))
        elif family not in families and not headless_selectorless:
            errs.append(f.invalid(path, family, "not configured on this cluster"))
    return errs


def _validate_affinity(svc: Service) -> list[StatusCause]:
    spec = svc.spec
    path = _SPEC.child("sessionAffinityConfig")
    if not spec.session_affinity:
        return [f.required(_SPEC.child("sessionAffinity"))]
    if spec.session_affinity not in AFFINITIES:
        return [f.not_supported(_SPEC.child("sessionAffinity"), spec.session_affinity, AFFINITIES)]
    cfg = spec.session_affinity_config
    if spec.session_affinity == "None":
        if cfg is not None:
            return [f.forbidden(path, "must not be set when session affinity is None")]
        return []
    if cfg is None:
        return [f.required(path, "when session affinity type is ClientIP")]
    if cfg.client_ip is None:
        return [f.required(path.child("clientIP"), "when session affinity type is ClientIP")]
    timeout = cfg.client_ip.timeout_seconds
    if timeout is None or not 0 < timeout <= MAX_CLIENT_IP_TIMEOUT:
        return [
            f.invalid(
                path.child("clientIP").child("timeoutSeconds"),
                timeout,
                f"must be greater than 0 and less than {MAX_CLIENT_IP_TIMEOUT}",
            )
        ]
    return []


def validate_service(svc: Service, families: tuple[str, ...] = ("IPv4",)) -> list[StatusCause]:
    """``ValidateService`` on a defaulted Service; ``families``: the cluster's."""
    spec = svc.spec
    errs = validate_object_meta(svc.metadata, requires_namespace=True, name_fn=dns1035_label_name)
    if not spec.type:
        errs.append(f.required(_SPEC.child("type")))
    elif spec.type not in TYPES:
        errs.append(f.not_supported(_SPEC.child("type"), spec.type, TYPES))
    if spec.type == "ExternalName":
        if spec.external_name:
            errs.extend(
                f.invalid(_SPEC.child("externalName"), spec.external_name, m)
                for m in is_dns1123_subdomain(spec.external_name.removesuffix("."))
            )
        else:
            errs.append(f.required(_SPEC.child("externalName")))
    errs.extend(_validate_ports(svc))
    if spec.selector is not None:
        errs.extend(validate_labels(spec.selector, _SPEC.child("selector")))
    errs.extend(_validate_affinity(svc))
    errs.extend(_validate_cluster_ips(svc, families))
    for i, ip in enumerate(spec.external_ips or []):
        errs.extend(f.invalid(_SPEC.child("externalIPs").index(i), ip, m) for m in is_ip(ip))
    etp = spec.external_traffic_policy
    if etp and spec.type not in ("NodePort", "LoadBalancer"):
        errs.append(
            f.invalid(
                _SPEC.child("externalTrafficPolicy"),
                etp,
                "may only be set for externally-accessible services",
            )
        )
    elif etp and etp not in TRAFFIC_POLICIES:
        errs.append(f.not_supported(_SPEC.child("externalTrafficPolicy"), etp, TRAFFIC_POLICIES))
    itp = spec.internal_traffic_policy
    if itp and itp not in TRAFFIC_POLICIES:
        errs.append(f.not_supported(_SPEC.child("internalTrafficPolicy"), itp, TRAFFIC_POLICIES))
    return errs


def validate_service_update(
    old: Service, new: Service, families: tuple[str, ...] = ("IPv4",)
) -> list[StatusCause]:
    """``ValidateServiceUpdate``: the clusterIP a Service was given stays."""
    errs = validate_object_meta_update(new.metadata, old.metadata)
    if new.spec.type != "ExternalName" and old.spec.type != "ExternalName" and old.spec.cluster_ip:
        errs.extend(
            validate_immutable(new.spec.cluster_ip, old.spec.cluster_ip, _SPEC.child("clusterIP"))
        )
    return errs + validate_service(new, families)


# -- Endpoints and EndpointSlices ---------------------------------------------
def validate_endpoints(ep: Endpoints) -> list[StatusCause]:
    errs = validate_object_meta(
        ep.metadata, requires_namespace=True, name_fn=dns1123_subdomain_name
    )
    for i, subset in enumerate(ep.subsets or []):
        path = Path("subsets").index(i)
        if not subset.addresses and not subset.not_ready_addresses:
            errs.append(f.required(path, "must specify `addresses` or `notReadyAddresses`"))
        for key, addrs in (
            ("addresses", subset.addresses),
            ("notReadyAddresses", subset.not_ready_addresses),
        ):
            for j, addr in enumerate(addrs or []):
                errs.extend(
                    f.invalid(path.child(key).index(j).child("ip"), addr.ip, m)
                    for m in is_ip(addr.ip)
                )
        for j, port in enumerate(subset.ports or []):
            ppath = path.child("ports").index(j)
            if len(subset.ports or []) > 1 and not port.name:
                errs.append(f.required(ppath.child("name")))
            errs.extend(_port_num(port.port, ppath.child("port")))
            if port.protocol and port.protocol not in (*PROTOCOLS, "SCTP"):
                errs.append(
                    f.not_supported(ppath.child("protocol"), port.protocol, ("SCTP", *PROTOCOLS))
                )
    return errs


def validate_endpoint_slice(es: EndpointSlice) -> list[StatusCause]:
    errs = validate_object_meta(
        es.metadata, requires_namespace=True, name_fn=dns1123_subdomain_name
    )
    if es.address_type not in ADDRESS_TYPES:
        errs.append(f.not_supported(Path("addressType"), es.address_type, ADDRESS_TYPES))
    for i, ep in enumerate(es.endpoints or []):
        path = Path("endpoints").index(i).child("addresses")
        if not 1 <= len(ep.addresses) <= 100:
            errs.append(
                f.required(path, "must contain at least 1 address")
                if not ep.addresses
                else f.too_many(path, len(ep.addresses), 100)
            )
        for j, addr in enumerate(ep.addresses):
            if es.address_type in ("IPv4", "IPv6"):
                errs.extend(f.invalid(path.index(j), addr, m) for m in is_ip(addr))
    for i, port in enumerate(es.ports or []):
        if port.port is not None:
            errs.extend(_port_num(port.port, Path("ports").index(i).child("port")))
    return errs


def validate_endpoint_slice_update(old: EndpointSlice, new: EndpointSlice) -> list[StatusCause]:
    errs = validate_object_meta_update(new.metadata, old.metadata)
    errs.extend(validate_immutable(new.address_type, old.address_type, Path("addressType")))
    return errs + validate_endpoint_slice(new)


def validate_endpoints_update(old: Endpoints, new: Endpoints) -> list[StatusCause]:
    return validate_object_meta_update(new.metadata, old.metadata) + validate_endpoints(new)
