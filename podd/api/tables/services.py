"""Printers for Services, Endpoints and EndpointSlices, column for column the
apiserver's (``printService``, ``printEndpoints``, ``printEndpointSlice``).

The apiserver prints server-side with ``Wide: true``: every column is filled,
a load balancer's addresses are never cut short.
"""

from __future__ import annotations

import ipaddress
from datetime import datetime

from podd.api.tables.duration import since
from podd.api.tables.printer import Printer, age_column, name_column
from podd.api.tables.table import Cell, TableColumnDefinition
from podd.model.endpoints import Endpoints
from podd.model.endpointslice import Endpoint, EndpointSlice, EndpointSlicePort
from podd.model.service import Service, ServicePort

__all__ = ["ENDPOINTS", "ENDPOINT_SLICES", "SERVICES", "format_selector"]

_MAX = 3  # addresses shown before "+ N more..."


def _string(name: str, description: str, priority: int = 0) -> TableColumnDefinition:
    return TableColumnDefinition(name, "string", "", description, priority)


def format_selector(selector: dict[str, str] | None) -> str:
    """``labels.FormatLabels``: sorted ``k=v`` pairs, ``<none>`` when empty."""
    if not selector:
        return "<none>"
    return ",".join(f"{k}={v}" for k, v in sorted(selector.items()))


def _ports(ports: list[ServicePort] | None) -> str:
    pieces = []
    for p in ports or ():
        if p.node_port:
            pieces.append(f"{p.port}:{p.node_port}/{p.protocol or ''}")
        else:
            pieces.append(f"{p.port}/{p.protocol or ''}")
    return ",".join(pieces) or "<none>"


def _external_ip(svc: Service) -> str:
    spec = svc.spec
    external = list(spec.external_ips or [])
    if spec.type in ("ClusterIP", "NodePort"):
        return ",".join(external) or "<none>"
    if spec.type == "LoadBalancer":
        ingress = svc.status.load_balancer.ingress or []
        lb = [i.ip or i.hostname or "" for i in ingress if i.ip or i.hostname]
        return ",".join(lb + external) or "<pending>"
    if spec.type == "ExternalName":
        return spec.external_name or ""
    return "<unknown>"


def _service_cells(svc: Service, now: datetime) -> list[Cell]:
    ips = svc.spec.cluster_ips or []
    return [
        svc.metadata.name or "",
        svc.spec.type or "",
        ips[0] if ips else "<none>",
        _external_ip(svc),
        _ports(svc.spec.ports),
        since(svc.metadata.creation_timestamp, now),
        format_selector(svc.spec.selector),
    ]


SERVICES: Printer[Service] = Printer(
    Service,
    (
        name_column(),
        _string(
            "Type",
            "type determines how the Service is exposed. Defaults to ClusterIP. Valid options "
            "are ExternalName, ClusterIP, NodePort, and LoadBalancer.",
        ),
        _string(
            "Cluster-IP",
            "clusterIP is the IP address of the service and is usually assigned randomly. If an "
            "address is specified manually, is in-range (as per system configuration), and is "
            "not in use, it will be allocated to the service; otherwise creation of the service "
            "will fail. This field may not be changed through updates unless the type field is "
            'also being changed to ExternalName. Valid values are "None", empty string (""), or '
            "a valid IP address.",
        ),
        _string(
            "External-IP",
            "externalIPs is a list of IP addresses for which nodes in the cluster will also "
            "accept traffic for this service.  These IPs are not managed by Kubernetes.",
        ),
        _string("Port(s)", "The list of ports that are exposed by this service."),
        age_column(),
        _string(
            "Selector",
            "Route service traffic to pods with label keys and values matching this selector.",
            1,
        ),
    ),
    _service_cells,
)


def _host_port(ip: str, port: int) -> str:
    try:
        v6 = ipaddress.ip_address(ip).version == 6
    except ValueError:
        v6 = ":" in ip
    return f"[{ip}]:{port}" if v6 else f"{ip}:{port}"


def format_endpoints(ep: Endpoints) -> str:
    """``formatEndpoints``: ready addresses with each port, three at most."""
    if not ep.subsets:
        return "<none>"
    shown: list[str] = []
    count = 0
    more = False
    for subset in ep.subsets:
        addrs = subset.addresses or []
        targets: list[tuple[str, int | None]] = []
        if not subset.ports:  # a headless Service without ports
            targets = [(a.ip, None) for a in addrs]
        for ep_port in subset.ports or ():
            targets += [(a.ip, ep_port.port) for a in addrs]
        count += len(targets)
        for ip, number in targets:
            if len(shown) == _MAX:
                more = True
                break
            shown.append(ip if number is None else _host_port(ip, number))
    text = ",".join(shown)
    return f"{text} + {count - _MAX} more..." if more else text


def _endpoints_cells(ep: Endpoints, now: datetime) -> list[Cell]:
    return [
        ep.metadata.name or "",
        format_endpoints(ep),
        since(ep.metadata.creation_timestamp, now),
    ]


ENDPOINTS: Printer[Endpoints] = Printer(
    Endpoints,
    (
        name_column(),
        _string("Endpoints", "Endpoints of the service (ready addresses with their ports)."),
        age_column(),
    ),
    _endpoints_cells,
)


def _with_more(items: list[str]) -> str:
    if len(items) > _MAX:
        return ",".join(items[:_MAX]) + f" + {len(items) - _MAX} more..."
    return ",".join(items) or "<unset>"


def _slice_ports(ports: list[EndpointSlicePort] | None) -> str:
    shown = []
    for p in ports or ():
        shown.append(str(p.port) if p.port is not None else (p.name if p.name is not None else "*"))
    return _with_more(shown)


def _slice_endpoints(endpoints: list[Endpoint] | None) -> str:
    return _with_more([addr for ep in endpoints or () for addr in ep.addresses])


def _slice_cells(es: EndpointSlice, now: datetime) -> list[Cell]:
    return [
        es.metadata.name or "",
        es.address_type,
        _slice_ports(es.ports),
        _slice_endpoints(es.endpoints),
        since(es.metadata.creation_timestamp, now),
    ]


ENDPOINT_SLICES: Printer[EndpointSlice] = Printer(
    EndpointSlice,
    (
        name_column(),
        _string(
            "AddressType",
            "addressType specifies the type of address carried by this EndpointSlice. All "
            "addresses in this slice must be the same type.",
        ),
        _string("Ports", "ports specifies the list of network ports exposed by each endpoint."),
        _string("Endpoints", "endpoints is a list of unique endpoints in this slice."),
        age_column(),
    ),
    _slice_cells,
)
